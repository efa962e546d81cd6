package dev.platformkit.cli;

import dev.platformkit.ApplyOption;
import dev.platformkit.ApplyResult;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.StalePlanException;
import dev.platformkit.site.Site;
import dev.platformkit.spec.Specs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code platform apply PATH...}: prints the plan, asks on a real cluster, then applies exactly that plan;
 * reconciles schedules now. {@code platform apply FILE} applies a plan saved by {@code plan -out FILE}.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Print the plan, then apply it: Tenants first, then Sites (waiting for their certificates and load"
        + " balancers, progress on standard error); Schedules are reconciled now. A second run prints \"no changes\".",
        "On a real cluster it asks for 'yes' first, unless --auto-approve; without a terminal it refuses. The"
            + " embedded in-memory backend needs no confirmation.",
        "'platform apply FILE' applies a plan saved with 'platform plan -out FILE' exactly, without asking (it"
            + " was reviewed): it refuses (exit 1) a plan made for another backend or context, and one the state"
            + " has drifted from since.",
        "Exit status 0 once applied (changes or none), 1 on any error."})
final class ApplyCommand extends PathsCommand {

  @Mixin
  Target target;

  @Mixin
  OutputOptions output;

  @Option(names = "--delete-foreign-objects",
      description = "Delete namespaces even when they hold objects platformkit does not own (a team's workloads,"
          + " ConfigMaps, Secrets): Kubernetes deletes those with them. Without it such a deletion is refused.")
  boolean deleteForeign;

  @Option(names = "--auto-approve", description = "Apply on a real cluster without asking.")
  boolean autoApprove;

  @Override
  Target target() {
    return target;
  }

  @Override
  OutputOptions output() {
    return output;
  }

  @Override
  boolean asksFirst() {
    return !autoApprove;
  }

  @Override
  int run(Specs specs) {
    return planThenApply(target, specs, false, deleteForeign);
  }

  @Override
  Integer savedPlan() {
    Path file = paths.stream().filter(SavedPlan::is).findFirst().orElse(null);
    if (file == null) {
      return null;
    }
    if (paths.size() > 1) {
      return error(Main.USAGE, "a saved plan (" + file + ") is applied on its own: platform apply FILE");
    }
    SavedPlan.Read saved = SavedPlan.read(file);
    SavedPlan.Contents plans = saved.contents();
    try (Target t = target) {
      Platform platform = t.platform(out());
      putTarget(t);
      String here = t.identity();
      if (!here.equals(saved.target())) {
        return error(Main.INVALID, "the saved plan " + file.toAbsolutePath() + " was made for " + saved.target()
            + ", and this is " + here + "; plan again here");
      }
      if (json()) {
        report().put("savedPlan", file.toAbsolutePath().toString());
      }
      text("saved plan " + file.toAbsolutePath() + " (made " + saved.header().get("createdAt") + " for " + here + "):");
      Map<String, Object> tenants = printPlan("plan for " + plans.tenants().subjects().size() + " tenant(s) on the "
          + t.describe() + ":", plans.tenants());
      if (plans.schedulePlan() != null) {
        // the engine re-checks the tenants' plan as it applies; the schedules' plan is checked here, before anything
        checkSchedules(platform, plans, "nothing of it was applied");
      }
      if (!plans.tenants().isEmpty()) {
        ApplyResult result = deleteForeign ? platform.tenants().apply(plans.tenants(), ApplyOption.DELETE_FOREIGN_CONTENTS)
            : platform.tenants().apply(plans.tenants());
        t.save();
        printResult(tenants, result);
      }
      if (plans.sites() != null) {
        // the engine re-plans the sites and refuses a plan the state has drifted from (StalePlanException)
        List<Site> sites = plans.sites().subjects().stream().map(Site.class::cast).toList();
        Map<String, Object> part = printSitePlan(t, sites, plans.sites());
        if (!plans.sites().isEmpty()) {
          ApplyResult result;
          try {
            result = platform.sites().apply(plans.sites());
          } finally {
            t.save();
          }
          printResult(part, result);
        }
      }
      if (plans.schedulePlan() != null) {
        Map<String, Object> part = printSchedulePlan(t, plans.schedules(), plans.at(), plans.schedulePlan());
        if (!plans.schedulePlan().isEmpty()) {
          checkSchedules(platform, plans, "the tenants' changes were applied, the schedules' were not");
          ApplyResult result = platform.schedules().reconcile(plans.schedules(), plans.at());
          t.save();
          printResult(part, result);
        }
      }
      return 0;
    }
  }

  private static void checkSchedules(Platform platform, SavedPlan.Contents plans, String state) {
    Plan now = platform.schedules().plan(plans.schedules(), plans.at());
    if (!now.equals(plans.schedulePlan())) {
      throw new StalePlanException("the schedules' plan changed since it was saved (" + state + "); plan again. Now:\n"
          + now.render());
    }
  }
}
