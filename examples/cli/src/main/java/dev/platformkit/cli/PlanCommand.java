package dev.platformkit.cli;

import dev.platformkit.Plan;
import dev.platformkit.spec.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform plan PATH...}: what apply would change; writes nothing. */
@Command(name = "plan", description = "Show what apply would change. Writes nothing.")
final class PlanCommand extends SpecCommand {

  @Mixin
  Target target;

  @Override
  Target target() {
    return target;
  }

  @Option(names = "--detailed-exitcode", description = "Exit with 2 when there are changes, 0 when none.")
  boolean detailedExitCode;

  @Override
  int run(Specs specs) {
    try (Target t = target) {
      Plan plan = t.platform(out()).tenants().plan(specs.tenants());
      printPlan(t, specs, plan);
      return detailedExitCode && !plan.isEmpty() ? Main.CHANGES : 0;
    }
  }
}
