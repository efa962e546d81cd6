package dev.platformkit.cli;

import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.ValidationException;
import dev.platformkit.spec.Specs;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform plan PATH...}: what apply would change (tenants; schedules reconciled now); writes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Show what apply would change (for Sites: values only an earlier step gives show as (known after apply); for"
        + " Schedules: what a reconcile now would change). Writes nothing.",
        "Exit status 0 when there are no changes, 2 when there are, 1 on any error."})
final class PlanCommand extends PathsCommand {

  @Mixin
  Target target;

  @Mixin
  OutputOptions output;

  @Override
  Target target() {
    return target;
  }

  @Override
  OutputOptions output() {
    return output;
  }

  @Option(names = "--detailed-exitcode", description = "Accepted for scripts written for terraform: plan always exits"
      + " with 2 when there are changes and 0 when there are none.")
  boolean detailedExitCode;

  @Option(names = {"-out", "--out"}, paramLabel = "FILE", description = "Also save the plan to FILE, for 'platform apply"
      + " FILE' to apply exactly it (see the README for the file's format). It records the backend it was made for.")
  Path saveTo;

  @Override
  int run(Specs specs) {
    try (Target t = target) {
      t.checkIamAccess(specs, false);
      Platform platform = t.platform(out());
      t.checkSites(specs.sites());
      putTarget(t);
      Plan plan = platform.tenants().plan(specs.tenants());
      printPlan(t, specs, plan);
      boolean changes = !plan.isEmpty();
      Plan sites = null;
      if (!specs.sites().isEmpty()) {
        try {
          sites = platform.sites().plan(specs.sites());
          printSitePlan(t, specs.sites(), sites);
          changes |= !sites.isEmpty();
        } catch (ValidationException e) {
          if (plan.isEmpty()) {
            throw e;
          }
          // a site is checked against its tenant as applied: a tenant of this run not applied yet says nothing
          note("note: the " + specs.sites().size() + " site(s) are planned once the tenants' changes are applied"
              + " (apply, or plan again after it): " + cli(e.getMessage()).replace('\n', ' '));
        }
      }
      Instant now = t.now();
      Plan schedules = null;
      if (!specs.schedules().isEmpty()) {
        // what a reconcile now would change, on the state as it is (before the tenants' plan is applied)
        schedules = platform.schedules().plan(specs.schedules(), now);
        printSchedulePlan(t, specs.schedules(), now, schedules);
        changes |= !schedules.isEmpty();
      }
      noteUnapplied(specs);
      if (saveTo != null) {
        SavedPlan.write(saveTo, t.identity(), now,
            new SavedPlan.Contents(plan, specs.schedules(), now, schedules, sites));
        if (json()) {
          report().put("savedPlan", saveTo.toAbsolutePath().toString());
        }
        text("saved the plan to " + saveTo.toAbsolutePath() + "; apply exactly it with: platform apply " + saveTo.toAbsolutePath());
      }
      if (json()) {
        report().put("changes", changes);
      }
      return changes ? Main.CHANGES : 0;
    }
  }
}
