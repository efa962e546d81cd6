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
import dev.platformkit.spec.SpecReader;
import dev.platformkit.spec.Specs;
import java.io.PrintWriter;
import java.nio.file.Path;
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
      err().println("error: " + e.getMessage());
      return Main.INVALID;
    } catch (ForeignContentsException e) {
      err().println("error: " + e.getMessage().replace(ApplyOption.class.getSimpleName() + "."
          + ApplyOption.DELETE_FOREIGN_CONTENTS, "--delete-foreign-objects"));
      return Main.INVALID;
    } catch (OwnershipException e) {
      err().println("error: " + e.getMessage());
      return Main.INVALID;
    } catch (BackendException e) {
      Target target = target();
      err().println("error: " + (target == null ? e.getMessage() : target.explain(e)));
      return Main.FAILED;
    } catch (PlatformException e) {
      err().println("error: " + e.getMessage());
      return Main.FAILED;
    }
  }

  abstract int run(Specs specs);

  /** Where the command acts, or null when it acts nowhere (validate). */
  Target target() {
    return null;
  }

  /**
   * Prints the plan (or deletion plan) of the specs' tenants, then applies it unless it is empty. A
   * namespace that holds objects platformkit does not own is deleted only with {@code deleteForeign}.
   */
  int planThenApply(Target target, Specs specs, boolean deletion, boolean deleteForeign) {
    try (target) {
      Platform platform = target.platform(out());
      Plan plan = deletion ? platform.tenants().planDelete(specs.tenants()) : platform.tenants().plan(specs.tenants());
      printPlan(target, specs, plan);
      if (!plan.isEmpty()) {
        ApplyResult result = deleteForeign ? platform.tenants().apply(plan, ApplyOption.DELETE_FOREIGN_CONTENTS)
            : platform.tenants().apply(plan);
        target.save();
        out().println(result);
      }
      return 0;
    }
  }

  void printPlan(Target target, Specs specs, Plan plan) {
    out().println((plan.isDeletion() ? "deletion plan" : "plan") + " for " + specs.tenants().size()
        + " tenant(s) on the " + target.describe() + ":");
    out().println(plan.render());
    if (!plan.isDeletion()) {
      noteUnapplied(specs);
    }
  }

  /** Says which kinds this command reads but does not act on yet. */
  void noteUnapplied(Specs specs) {
    int others = specs.size() - specs.tenants().size();
    if (others > 0) {
      out().println("note: " + others + " Schedule/Site/UpgradePlan document(s) validated; only Tenants are applied by this version");
    }
  }
}
