package dev.platformkit.cli;

import dev.platformkit.spec.SpecDocument;
import dev.platformkit.spec.Specs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code platform validate PATH...}: loads and checks specs; prints a summary or every error with file:line. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Load and check spec files; print a summary or every error with file:line:column.")
final class ValidateCommand extends PathsCommand {

  @Mixin
  OutputOptions output;

  @Override
  OutputOptions output() {
    return output;
  }

  @Override
  int run(Specs specs) {
    Map<String, Integer> counts = new TreeMap<>();
    List<Map<String, Object>> documents = new ArrayList<>();
    for (SpecDocument<?> doc : specs.all()) {
      counts.merge(doc.kind(), 1, Integer::sum);
      text("ok  " + doc.kind() + " " + doc.name() + "  (" + doc.location() + ")");
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("kind", doc.kind());
      d.put("name", doc.name());
      d.put("file", doc.file());
      d.put("line", doc.line());
      d.put("column", doc.column());
      documents.add(d);
    }
    text(specs.size() + (specs.size() == 1 ? " document" : " documents") + " valid: " + counts);
    if (json()) {
      report().put("documents", documents);
      report().put("counts", counts);
    }
    return 0;
  }
}
