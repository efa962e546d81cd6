package dev.platformkit.cli;

import dev.platformkit.spec.SpecSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code platform schema [KIND]}: the JSON Schema of a spec kind, for editors. */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Print the JSON Schema (draft 2020-12) of a spec kind, for editors with the YAML language server:"
        + " start a spec file with '# yaml-language-server: $schema=Tenant.json'. Without KIND, list the kinds.",
        "The schemas are generated from the shapes the spec reader checks, and shipped in the jar as"
            + " dev/platformkit/spec/schema/KIND.json."})
final class SchemaCommand implements Callable<Integer> {

  @Parameters(paramLabel = "KIND", arity = "0..1", description = "Tenant, Schedule, Site or UpgradePlan (any case).")
  String kind;

  @Option(names = "--write", paramLabel = "DIR", description = "Write every kind's schema to DIR/KIND.json instead.")
  Path write;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (write != null) {
      try {
        Files.createDirectories(write);
        for (String k : SpecSchema.kinds()) {
          Path file = write.resolve(k + ".json").toAbsolutePath();
          Files.writeString(file, SpecSchema.jsonSchema(k));
          out.println("wrote " + file);
        }
      } catch (IOException e) {
        err.println("error: cannot write the schemas to " + write.toAbsolutePath() + ": " + e.getMessage());
        Main.trace(spec.commandLine(), e, err);
        return Main.FAILED;
      }
      return 0;
    }
    if (kind == null) {
      SpecSchema.kinds().forEach(out::println);
      return 0;
    }
    String named = SpecSchema.kinds().stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(kind.toLowerCase(Locale.ROOT)))
        .findFirst().orElse(null);
    if (named == null) {
      err.println("error: \"" + kind + "\" is not a kind; the kinds are " + String.join(", ", SpecSchema.kinds()));
      return Main.USAGE;
    }
    out.print(SpecSchema.jsonSchema(named));
    out.flush();
    return 0;
  }
}
