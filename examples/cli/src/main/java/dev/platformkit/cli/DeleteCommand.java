package dev.platformkit.cli;

import dev.platformkit.spec.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform delete PATH...}: deletes everything the specs' tenants own, in reverse order. */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Delete everything the tenants in the specs own (never what they don't).")
final class DeleteCommand extends SpecCommand {

  @Mixin
  Target target;

  @Option(names = "--delete-foreign-objects",
      description = "Delete namespaces even when they hold objects platformkit does not own (a team's workloads,"
          + " ConfigMaps, Secrets): Kubernetes deletes those with them. Without it such a deletion is refused.")
  boolean deleteForeign;

  @Override
  Target target() {
    return target;
  }

  @Override
  int run(Specs specs) {
    return planThenApply(target, specs, true, deleteForeign);
  }
}
