package dev.platformkit.cli;

import dev.platformkit.ApplyOption;
import dev.platformkit.ApplyResult;
import dev.platformkit.BackendException;
import dev.platformkit.ForeignContentsException;
import dev.platformkit.OwnershipException;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ValidationException;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.spec.SpecReader;
import dev.platformkit.spec.Specs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What every command shares: the spec paths, reading them, and turning failures into messages and statuses. */
abstract class SpecCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Spec files or directories (*.yaml, *.yml, *.json).")
  List<Path> paths;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() {
    Target target = target();
    if (target != null) {
      target.checkOptions(spec.commandLine());
    }
    // a mistyped path is bad input like an invalid spec, not a failure of the machine (exit status 3)
    boolean missing = false;
    for (Path path : paths) {
      String why = !Files.exists(path) ? "does not exist" : !Files.isReadable(path) ? "is not readable" : null;
      if (why != null) {
        err().println("error: spec path " + path + " " + why);
        missing = true;
      }
    }
    if (missing) {
      return Main.INVALID;
    }
    try {
      Specs specs = SpecReader.create().read(paths);
      if (specs.isEmpty()) {
        // a wrong directory must not look like "nothing to do"
        err().println("error: no spec documents (*.yaml, *.yml, *.json) found in " + paths);
        return Main.INVALID;
      }
      return run(specs);
    } catch (ValidationException e) {
      // the message names what is invalid and lists every violation with its file:line:column
      err().println("error: " + cli(e.getMessage()));
      return Main.INVALID;
    } catch (ForeignContentsException e) {
      err().println("error: " + cli(e.getMessage()));
      return Main.INVALID;
    } catch (OwnershipException e) {
      err().println("error: " + cli(e.getMessage()));
      return Main.INVALID;
    } catch (BackendException e) {
      err().println("error: " + cli(target == null ? e.getMessage() : target.explain(e)));
      Main.trace(spec.commandLine(), e, err());
      return Main.FAILED;
    } catch (PlatformException e) {
      err().println("error: " + cli(e.getMessage()));
      Main.trace(spec.commandLine(), e, err());
      return Main.FAILED;
    }
  }

  /**
   * The library's words for its Java API in the CLI's: its options instead of builder calls and enum
   * constants. Where the CLI can, it checks first ({@link Target#checkIamAccess}); this catches the rest.
   */
  static String cli(String message) {
    if (message == null) {
      return null;
    }
    return message
        .replace(ApplyOption.class.getSimpleName() + "." + ApplyOption.DELETE_FOREIGN_CONTENTS, "--delete-foreign-objects")
        // AccessEntryStore names both already: keep the option
        .replace("iamAccess(AWS_AUTH_CONFIGMAP) (--iam-access AWS_AUTH_CONFIGMAP)", "--iam-access AWS_AUTH_CONFIGMAP")
        .replace("(Platform.builder().aws(...))", "(--cluster NAME [--region REGION])")
        .replace("iamAccess(AWS_AUTH_CONFIGMAP)", "--iam-access AWS_AUTH_CONFIGMAP");
  }

  abstract int run(Specs specs);

  /** Where the command acts, or null when it acts nowhere (validate). */
  Target target() {
    return null;
  }

  /**
   * Prints the plan (or deletion plan) of the specs' tenants, then applies it unless it is empty; then
   * (not for a deletion) prints what reconciling the specs' schedules now would change and reconciles
   * them. A namespace that holds objects platformkit does not own is deleted only with {@code deleteForeign}.
   */
  int planThenApply(Target target, Specs specs, boolean deletion, boolean deleteForeign) {
    try (target) {
      target.checkIamAccess(specs, deletion);
      Platform platform = target.platform(out());
      Plan plan = deletion ? platform.tenants().planDelete(specs.tenants()) : platform.tenants().plan(specs.tenants());
      printPlan(target, specs, plan);
      if (!plan.isEmpty()) {
        ApplyResult result = deleteForeign ? platform.tenants().apply(plan, ApplyOption.DELETE_FOREIGN_CONTENTS)
            : platform.tenants().apply(plan);
        target.save();
        out().println(result);
      }
      if (!deletion && !specs.schedules().isEmpty()) {
        reconcileSchedules(target, platform, specs.schedules(), target.now());
      }
      if (!deletion) {
        noteUnapplied(specs);
      }
      return 0;
    }
  }

  /** Prints the plan of {@code schedules} at {@code at} with its warnings, then reconciles them unless it is empty. */
  void reconcileSchedules(Target target, Platform platform, List<Schedule> schedules, Instant at) {
    Plan plan = platform.schedules().plan(schedules, at);
    printSchedulePlan(target, schedules, at, plan);
    if (!plan.isEmpty()) {
      ApplyResult result = platform.schedules().reconcile(schedules, at);
      target.save();
      result.applied().forEach(c -> out().println("done " + c));
      out().println(result);
    }
  }

  void printPlan(Target target, Specs specs, Plan plan) {
    if (!plan.isDeletion() && specs.tenants().isEmpty() && !specs.schedules().isEmpty()) {
      return; // nothing but schedules: their plan says it all
    }
    out().println((plan.isDeletion() ? "deletion plan" : "plan") + " for " + specs.tenants().size()
        + " tenant(s) on the " + target.describe() + ":");
    out().println(plan.render());
  }

  void printSchedulePlan(Target target, List<Schedule> schedules, Instant at, Plan plan) {
    out().println("plan for " + schedules.size() + " schedule(s) at " + at + " on the " + target.describe() + ":");
    for (Schedule s : schedules) {
      out().println("  " + s.name() + ": " + (s.suspended() ? "suspended, changes nothing" : s.isUp(at) ? "up" : "down"));
    }
    out().println(plan.render());
  }

  /** Says which kinds this command reads but does not act on yet. */
  void noteUnapplied(Specs specs) {
    int others = specs.sites().size() + specs.upgradePlans().size();
    if (others > 0) {
      out().println("note: " + others + " Site/UpgradePlan document(s) validated; only Tenants and Schedules are applied by this version");
    }
  }
}
