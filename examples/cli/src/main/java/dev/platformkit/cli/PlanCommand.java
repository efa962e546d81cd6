package dev.platformkit.cli;

import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.spec.Specs;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform plan PATH...}: what apply would change (tenants; schedules reconciled now); writes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Show what apply would change (for Schedules: what a reconcile now would change). Writes nothing.")
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
      t.checkIamAccess(specs, false);
      Platform platform = t.platform(out());
      Plan plan = platform.tenants().plan(specs.tenants());
      printPlan(t, specs, plan);
      boolean changes = !plan.isEmpty();
      if (!specs.schedules().isEmpty()) {
        // what a reconcile now would change, on the state as it is (before the tenants' plan is applied)
        Instant now = t.now();
        Plan schedules = platform.schedules().plan(specs.schedules(), now);
        printSchedulePlan(t, specs.schedules(), now, schedules);
        changes |= !schedules.isEmpty();
      }
      noteUnapplied(specs);
      return detailedExitCode && changes ? Main.CHANGES : 0;
    }
  }
}
