package dev.platformkit.cli;

import dev.platformkit.spec.SpecDocument;
import dev.platformkit.spec.Specs;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code platform validate PATH...}: loads and checks specs; prints a summary or every error with file:line. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Load and check spec files; print a summary or every error with file:line:column.")
final class ValidateCommand extends SpecCommand {

  @Override
  int run(Specs specs) {
    Map<String, Integer> counts = new TreeMap<>();
    for (SpecDocument<?> doc : specs.all()) {
      counts.merge(doc.kind(), 1, Integer::sum);
      out().println("ok  " + doc.kind() + " " + doc.name() + "  (" + doc.location() + ")");
    }
    out().println(specs.size() + (specs.size() == 1 ? " document" : " documents") + " valid: " + counts);
    return 0;
  }
}
