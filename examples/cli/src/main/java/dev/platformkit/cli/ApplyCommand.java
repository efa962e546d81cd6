package dev.platformkit.cli;

import dev.platformkit.spec.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform apply PATH...}: prints the plan, then applies exactly that plan; reconciles schedules now. */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Print the plan, then apply it; Schedules are reconciled now."
    + " A second run prints \"no changes\".")
final class ApplyCommand extends SpecCommand {

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
    return planThenApply(target, specs, false, deleteForeign);
  }
}
