package dev.platformkit.cli;

import dev.platformkit.ApplyOption;
import dev.platformkit.ApplyResult;
import dev.platformkit.BackendException;
import dev.platformkit.Change;
import dev.platformkit.OwnershipException;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.StalePlanException;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.site.Site;
import dev.platformkit.spec.SpecReader;
import dev.platformkit.spec.Specs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Spec;

/** What every command shares: the spec paths, reading them, and turning failures into messages and statuses. */
abstract class SpecCommand implements Callable<Integer> {

  /** The spec files or directories: positional in most commands ({@link PathsCommand}), {@code -f} in others. */
  List<Path> paths = List.of();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  // the --output json document being filled, or null for text
  private Map<String, Object> report;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The command's {@code --output}/{@code --no-color}, or null when it prints text only. */
  OutputOptions output() {
    return null;
  }

  /** Whether this run prints one JSON document instead of text. */
  boolean json() {
    return report != null;
  }

  /** The JSON document of this run ({@code --output json} only). */
  Map<String, Object> report() {
    return report;
  }

  /** Prints a line of text output; nothing under {@code --output json}. */
  void text(String line) {
    if (!json()) {
      out().println(line);
    }
  }

  /** A plan's rendering, coloured when the output is a terminal (see {@link OutputOptions#colour}). */
  String rendered(Plan plan) {
    OutputOptions o = output();
    return o != null && o.colour(Main.terminal(spec.commandLine())) ? Report.colour(plan.render()) : plan.render();
  }

  /**
   * Reports an error, as {@code error: message} on stderr or as the {@code error} of the JSON document on
   * stdout, with the stack trace of {@code cause} on stderr under {@code --debug}; returns {@code status}.
   */
  int error(int status, String message, List<Violation> violations, Throwable cause) {
    if (json()) {
      report.put("error", Report.error(message, status, violations));
    } else {
      err().println("error: " + message);
    }
    if (cause != null) {
      Main.trace(spec.commandLine(), cause, err());
    }
    return status;
  }

  int error(int status, String message) {
    return error(status, message, List.of(), null);
  }

  @Override
  public final Integer call() {
    OutputOptions o = output();
    report = o != null && o.json() ? Report.document(spec.name()) : null;
    int status = run();
    if (report != null) {
      report.put("exitCode", status);
      out().println(Report.write(report));
      out().flush();
    }
    return status;
  }

  private int run() {
    Target target = target();
    if (target != null) {
      target.checkOptions(spec.commandLine());
    }
    // a mistyped path is bad input like an invalid spec
    List<String> missing = new ArrayList<>();
    for (Path path : paths) {
      String why = !Files.exists(path) ? "does not exist" : !Files.isReadable(path) ? "is not readable" : null;
      if (why != null) {
        missing.add("spec path " + path + " " + why);
      }
    }
    if (!missing.isEmpty()) {
      if (json()) {
        return error(Main.INVALID, String.join("; ", missing));
      }
      missing.forEach(m -> err().println("error: " + m));
      return Main.INVALID;
    }
    try {
      if (!readsSpecs()) {
        return run((Specs) null);
      }
      Integer saved = savedPlan();
      if (saved != null) {
        return saved;
      }
      Specs specs = SpecReader.create().read(paths);
      if (specs.isEmpty()) {
        // a wrong directory must not look like "nothing to do"
        return error(Main.INVALID, "no spec documents (*.yaml, *.yml, *.json) found in " + paths);
      }
      return run(specs);
    } catch (ValidationException e) {
      // the message names what is invalid and lists every violation with its file:line:column
      List<Violation> violations = new ArrayList<>();
      for (Violation v : e.violations()) {
        Violation c = Violation.of(v.path(), cli(v.message()));
        violations.add(v.file().isPresent() ? c.at(v.file().get(), v.line(), v.column()) : c);
      }
      return error(Main.INVALID, cli(e.getMessage()), violations, null);
    } catch (StalePlanException e) {
      // checked before the first write, and again at each write: the message says what it found
      return error(Main.INVALID, "the saved plan is stale: " + cli(e.getMessage()), List.of(), e);
    } catch (OwnershipException e) {
      return error(Main.INVALID, cli(e.getMessage()));
    } catch (BackendException e) {
      return error(Main.FAILED, cli(target == null ? e.getMessage() : target.explain(e)), List.of(), e);
    } catch (PlatformException e) {
      return error(Main.FAILED, cli(e.getMessage()), List.of(), e);
    }
  }

  /** Whether the command reads specs; when not ({@code sites expire}), {@link #run(Specs)} gets null. */
  boolean readsSpecs() {
    return true;
  }

  /** For {@code apply FILE}: applies a saved plan and returns the status; null when the paths are specs. */
  Integer savedPlan() {
    return null;
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
   * Whether this command asks before it writes to a real cluster: apply and delete do, unless given
   * {@code --auto-approve}; {@code schedule reconcile} does not (the in-cluster CronJob runs it).
   */
  boolean asksFirst() {
    return false;
  }

  /**
   * Before writing {@code plan} (not empty) on a real cluster: null when it may go ahead (the embedded
   * backend, {@code --auto-approve}, or a person at the terminal answered {@code yes}), else the error
   * status after saying why. Without a terminal there is nobody to ask, so it refuses.
   */
  Integer confirm(Target target, Plan plan, String what) {
    if (!asksFirst() || target.embedded()) {
      return null;
    }
    Terminal terminal = Main.terminal(spec.commandLine());
    String where = "the " + target.describe();
    if (!terminal.interactive()) {
      return error(Main.ERROR, "refusing to " + what + " " + plan.changes().size() + " change(s) on " + where
          + " without confirmation: there is no terminal to ask on; review the plan and give --auto-approve"
          + " (or save it with 'platform plan -out FILE' and 'platform apply FILE')");
    }
    String answer = terminal.readLine("Do you want to " + what + " these " + plan.changes().size() + " change(s) on "
        + where + "?\n  Only 'yes' will be accepted to approve.\n  Enter a value: ");
    if (answer == null || !answer.trim().equals("yes")) {
      return error(Main.ERROR, what + " cancelled: the answer was not 'yes'; these changes were not made");
    }
    return null;
  }

  /**
   * Prints the plan (or deletion plan) of the specs' tenants, asks for confirmation on a real cluster,
   * then applies it unless it is empty; then (not for a deletion) prints what reconciling the specs'
   * schedules now would change and reconciles them the same way. A namespace that holds objects
   * platformkit does not own is deleted only with {@code deleteForeign}. Returns 0 once applied.
   */
  int planThenApply(Target target, Specs specs, boolean deletion, boolean deleteForeign) {
    try (target) {
      target.checkIamAccess(specs, deletion);
      Platform platform = target.platform(out());
      target.checkSites(specs.sites());
      putTarget(target);
      if (deletion && !specs.sites().isEmpty()) {
        // sites go before their tenants: their Ingresses live in the tenants' namespaces
        Integer refused = applySites(target, platform, specs.sites(), true);
        if (refused != null) {
          return refused;
        }
      }
      Plan plan = deletion ? platform.tenants().planDelete(specs.tenants()) : platform.tenants().plan(specs.tenants());
      Map<String, Object> tenants = printPlan(target, specs, plan);
      if (!plan.isEmpty()) {
        Integer refused = confirm(target, plan, deletion ? "delete" : "apply");
        if (refused != null) {
          return refused;
        }
        ApplyResult result = deleteForeign ? platform.tenants().apply(plan, ApplyOption.DELETE_FOREIGN_CONTENTS)
            : platform.tenants().apply(plan);
        target.save();
        printResult(tenants, result);
      }
      if (!deletion && !specs.sites().isEmpty()) {
        // after the tenants: a site needs its tenant's namespace and hostnames as applied
        Integer refused = applySites(target, platform, specs.sites(), false);
        if (refused != null) {
          return refused;
        }
      }
      if (!deletion && !specs.schedules().isEmpty()) {
        Integer refused = reconcileSchedules(target, platform, specs.schedules(), target.now());
        if (refused != null) {
          return refused;
        }
      }
      if (!deletion) {
        noteUnapplied(specs);
      }
      return 0;
    }
  }

  /**
   * Plans {@code sites} (or their deletion), prints the plan, asks on a real cluster, then applies it unless
   * it is empty; the embedded state is saved even when the apply fails midway (a wait that timed out), so
   * that running it again resumes. Null when done, else the status of the refusal.
   */
  Integer applySites(Target target, Platform platform, List<Site> sites, boolean deletion) {
    Plan plan = deletion ? deletionPlan(platform, sites) : platform.sites().plan(sites);
    Map<String, Object> part = printSitePlan(target, sites, plan);
    if (!plan.isEmpty()) {
      Integer refused = confirm(target, plan, deletion ? "delete" : "apply");
      if (refused != null) {
        return refused;
      }
      ApplyResult result;
      try {
        result = platform.sites().apply(plan);
      } finally {
        target.save();
      }
      printResult(part, result);
    }
    return null;
  }

  /** One deletion plan of all {@code sites}: {@code Sites.planDelete} of each, in turn. */
  static Plan deletionPlan(Platform platform, List<Site> sites) {
    List<Change> changes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Site site : sites) {
      Plan one = platform.sites().planDelete(site);
      changes.addAll(one.changes());
      warnings.addAll(one.warnings());
    }
    return new Plan(sites, true, changes, warnings);
  }

  /** Prints the sites' plan; under JSON, returns its part of the document ({@code sites: {plan, result}}). */
  Map<String, Object> printSitePlan(Target target, List<Site> sites, Plan plan) {
    if (json()) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("plan", Report.plan(plan));
      part.put("result", null);
      report.put("sites", part);
      return part;
    }
    out().println((plan.isDeletion() ? "deletion plan" : "plan") + " for " + sites.size() + " site(s) on the "
        + target.describe() + ":");
    out().println(rendered(plan));
    return null;
  }

  /**
   * Prints the plan of {@code schedules} at {@code at} with its warnings, then (after confirmation on a
   * real cluster) reconciles them unless it is empty; null when done, else the status of the refusal.
   */
  Integer reconcileSchedules(Target target, Platform platform, List<Schedule> schedules, Instant at) {
    Plan plan = platform.schedules().plan(schedules, at);
    Map<String, Object> part = printSchedulePlan(target, schedules, at, plan);
    if (!plan.isEmpty()) {
      Integer refused = confirm(target, plan, "apply");
      if (refused != null) {
        return refused;
      }
      ApplyResult result = platform.schedules().reconcile(schedules, at);
      target.save();
      if (!json()) {
        result.applied().forEach(c -> out().println("done " + c));
      }
      printResult(part, result);
    }
    return null;
  }

  /** Puts the backend into the JSON document: {@code "target": "embedded in-memory backend (state in /abs/.platformkit)"}. */
  void putTarget(Target target) {
    if (json()) {
      report.put("target", target.describe());
    }
  }

  /** Prints the tenants' plan; under JSON, returns its part of the document ({@code tenants: {plan, result}}). */
  Map<String, Object> printPlan(Target target, Specs specs, Plan plan) {
    // nothing but schedules or sites: their plans say it all
    boolean quiet = specs.tenants().isEmpty() && (!specs.sites().isEmpty() || (!plan.isDeletion() && !specs.schedules().isEmpty()));
    return printPlan(quiet ? null : (plan.isDeletion() ? "deletion plan" : "plan") + " for " + specs.tenants().size()
        + " tenant(s) on the " + target.describe() + ":", plan);
  }

  /** Prints {@code heading} (unless null) and the tenants' plan, or puts it into the JSON document. */
  Map<String, Object> printPlan(String heading, Plan plan) {
    if (json()) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("plan", Report.plan(plan));
      part.put("result", null);
      report.put("tenants", part);
      return part;
    }
    if (heading != null) {
      out().println(heading);
      out().println(rendered(plan));
    }
    return null;
  }

  /** Prints the schedules' plan; under JSON, returns its part of the document ({@code schedules: {at, plan, result}}). */
  Map<String, Object> printSchedulePlan(Target target, List<Schedule> schedules, Instant at, Plan plan) {
    if (json()) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("at", at.toString());
      part.put("plan", Report.plan(plan));
      part.put("result", null);
      report.put("schedules", part);
      return part;
    }
    out().println("plan for " + schedules.size() + " schedule(s) at " + at + " on the " + target.describe() + ":");
    for (Schedule s : schedules) {
      out().println("  " + s.name() + ": " + (s.suspended() ? "suspended, changes nothing" : s.isUp(at) ? "up" : "down"));
    }
    out().println(rendered(plan));
    return null;
  }

  /** Prints what an apply did ({@code applied 3 changes}), or puts it as the {@code result} of its JSON part. */
  void printResult(Map<String, Object> part, ApplyResult result) {
    if (part != null) {
      part.put("result", Report.result(result));
    } else {
      text(result.toString());
    }
  }

  /** Says which kinds this command reads but does not act on yet. */
  void noteUnapplied(Specs specs) {
    int others = specs.upgradePlans().size();
    if (others > 0) {
      note("note: " + others + " UpgradePlan document(s) validated; they are not applied (see 'platform upgrade plan')");
    }
  }

  /** A note for the person: a line of text, or one of the JSON document's {@code notes}. */
  @SuppressWarnings("unchecked")
  void note(String line) {
    if (json()) {
      ((List<String>) report.computeIfAbsent("notes", k -> new ArrayList<String>())).add(line);
    } else {
      out().println(line);
    }
  }
}
