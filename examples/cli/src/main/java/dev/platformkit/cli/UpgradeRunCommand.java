package dev.platformkit.cli;

import dev.platformkit.BackendException;
import dev.platformkit.Change;
import dev.platformkit.FieldDiff;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ValidationException;
import dev.platformkit.WaitTimeoutException;
import dev.platformkit.aws.UpgradeExecutor;
import dev.platformkit.k8s.KubernetesBackend;
import dev.platformkit.upgrade.Finding;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.Planner;
import dev.platformkit.upgrade.ReportFormat;
import dev.platformkit.upgrade.SkewPolicy;
import dev.platformkit.upgrade.StepKind;
import dev.platformkit.upgrade.Strategy;
import dev.platformkit.upgrade.UpgradePlan;
import dev.platformkit.upgrade.UpgradeReport;
import dev.platformkit.upgrade.UpgradeResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code platform upgrade run}: plans an in-place upgrade of an EKS cluster as {@code upgrade plan --cluster}
 * does, prints the plan, asks, then runs it with the {@link UpgradeExecutor}: control plane, add-ons and node
 * groups, each waited for, node groups after the Jobs on their nodes when a cluster connection is given.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Upgrade the EKS cluster --cluster in place to --to: plan it as 'upgrade plan --cluster' does (EKS,"
        + " plus the live cluster and -f manifests when given), print the plan, refuse it when it has blockers, ask for"
        + " 'yes' (unless --auto-approve; without a terminal it refuses), then run its steps: UpdateClusterVersion,"
        + " add-on and node group updates one hop at a time, each waited for (progress on standard error). With a"
        + " cluster connection (--kubeconfig/--context/--in-cluster) a node group is rolled only once the Jobs on its"
        + " nodes have finished, or the run stops at --jobs-deadline.",
        "Every step reads the real state first: running again after a stop, a timeout or a crash goes on from where"
            + " things are and never repeats a finished update. Blue-green upgrades are run from Java"
            + " (UpgradeExecutor.builder().sites(...)).",
        "Exit status 0 when every step is done or skipped, 1 when a step stopped the run, on blockers, an unconfirmed"
            + " run or any error."},
    sortOptions = false)
final class UpgradeRunCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--cluster", paramLabel = "NAME", required = true, description = "The EKS cluster to upgrade.")
  String cluster;

  @Option(names = "--region", paramLabel = "REGION", description = "AWS region of --cluster (default: the SDK's).")
  String region;

  @Option(names = "--profile", paramLabel = "NAME", description = "AWS named profile for credentials and, without"
      + " --region, the region (default: the SDK's default credential chain).")
  String profile;

  @Option(names = "--to", paramLabel = "VERSION", required = true, converter = UpgradeCommand.VersionConverter.class,
      description = "The minor to upgrade to, e.g. 1.27.")
  KubernetesVersion to;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The cluster's kubeconfig: scanned for the plan,"
      + " and read for the Jobs gate.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context of the cluster (default: the current one).")
  String context;

  @Option(names = "--in-cluster", description = "The cluster this runs in, with its ServiceAccount.")
  boolean inCluster;

  @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
      description = "Manifest files or directories to scan for removed APIs too. Repeatable.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "in-place", converter = UpgradeCommand.StrategyConverter.class,
      description = "in-place, the only one run here (default: ${DEFAULT-VALUE}).")
  Strategy strategy;

  @Option(names = "--node-skew", paramLabel = "POLICY", defaultValue = "strict", converter = UpgradeCommand.SkewConverter.class,
      description = "strict (node groups match the control plane before each hop) or relaxed (default: ${DEFAULT-VALUE}).")
  SkewPolicy nodeSkew;

  @Option(names = "--jobs-deadline", paramLabel = "DURATION", converter = WaitConverter.class,
      description = "How long a node group waits for the Jobs on its nodes before the run stops, e.g. 90m, 3h"
          + " (default: 2h). Needs a cluster connection.")
  Duration jobsDeadline;

  @Option(names = "--timeout", paramLabel = "KIND=DURATION", converter = TimeoutConverter.class,
      description = "How long to wait for one update of a kind: upgrade-control-plane (default 60m), upgrade-addon"
          + " (45m), upgrade-nodegroup (120m), e.g. upgrade-addon=90m. Repeatable.")
  List<Timeout> timeouts = new ArrayList<>();

  @Option(names = "--poll", paramLabel = "DURATION", converter = WaitConverter.class,
      description = "Time between two polls of a wait (default: 30s).")
  Duration poll;

  @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = Target.DurationConverter.class,
      description = "Give up on one request to the cluster or AWS after this long (default: ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  @Option(names = "--auto-approve", description = "Run without asking.")
  boolean autoApprove;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json: one JSON document on standard output (the report, the result), also"
          + " for errors; progress stays on standard error.")
  OutputOptions.Format output;

  // the --output json document being filled, or null for text
  private Map<String, Object> doc;

  /** {@code upgrade-addon=90m}: one step kind's timeout. */
  record Timeout(StepKind kind, Duration duration) {}

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public Integer call() {
    if (strategy == Strategy.BLUE_GREEN) {
      throw new Main.OptionConflict(spec.commandLine(), "--strategy blue-green is not run by the CLI: a blue-green run needs"
          + " the new cluster's platform and the sites whose traffic moves, which the Java API takes"
          + " (UpgradeExecutor.builder().eks(eks).sites(greenPlatform.sites(), sites)); 'upgrade plan --strategy blue-green'"
          + " shows its steps");
    }
    if (strategy != Strategy.IN_PLACE) {
      throw new Main.OptionConflict(spec.commandLine(), "--strategy " + strategy.value() + ": upgrade run runs in-place"
          + " upgrades only; leave --strategy out ('upgrade plan --strategy auto' shows what auto would choose)");
    }
    boolean live = kubeconfig != null || context != null || inCluster;
    if (jobsDeadline != null && !live) {
      throw new Main.OptionConflict(spec.commandLine(), "--jobs-deadline needs a cluster connection (--kubeconfig, --context"
          + " or --in-cluster): without one the Jobs on node groups are not checked");
    }
    doc = output == OutputOptions.Format.json ? Report.document("upgrade run") : null;
    int status = run(live);
    if (doc != null) {
      doc.put("exitCode", status);
      out().println(Report.write(doc));
    }
    out().flush();
    return status;
  }

  private int run(boolean live) {
    for (Path path : files) {
      if (!java.nio.file.Files.exists(path)) {
        return error(Main.INVALID, "manifest path " + path + " does not exist", null);
      }
    }
    Target target = create(spec.commandLine().getFactory());
    target.kubeconfig = kubeconfig;
    target.context = context;
    target.inCluster = inCluster;
    target.region = region;
    target.profile = profile;
    target.cluster = cluster;
    target.requestTimeout = requestTimeout;
    try (target) {
      if (inCluster && (kubeconfig != null || context != null)) {
        return error(Main.USAGE, "--in-cluster uses the pod's ServiceAccount; leave out --kubeconfig and --context", null);
      }
      UpgradePlan request;
      try {
        request = UpgradePlan.builder().cluster(cluster).targetVersion(to).strategy(Strategy.IN_PLACE).nodeSkew(nodeSkew).build();
      } catch (ValidationException e) {
        return error(Main.INVALID, UpgradeCommand.options(e.getMessage()), e);
      }
      Inventory inventory = UpgradeCommand.scan(target, cluster, live, files, err());
      UpgradeReport report;
      try {
        report = Planner.create().plan(request, inventory);
      } catch (IllegalArgumentException e) {
        return error(Main.INVALID, UpgradeCommand.options(e.getMessage()), e);
      }
      if (doc != null) {
        doc.put("target", "EKS cluster " + cluster + (target.eksServer() == null ? "" : " (" + target.eksServer() + ")"));
        doc.put("report", Report.read(report.render(ReportFormat.JSON)));
        doc.put("result", null);
      } else {
        out().print(report.render(ReportFormat.MARKDOWN));
        out().println();
        out().flush();
      }
      if (report.hasBlockers()) {
        StringBuilder why = new StringBuilder("the upgrade of " + cluster + " to " + to + " has " + report.blockers().size()
            + " blocker(s); resolve them and run again:");
        for (Finding f : report.blockers()) {
          why.append("\n  ").append(f.code()).append(' ').append(f.message());
        }
        return error(Main.INVALID, why.toString(), null);
      }
      if (report.steps().isEmpty()) {
        text("nothing to run: the control plane of " + cluster + " is at " + report.currentVersion() + " already, and its add-ons and node groups with it");
        if (doc != null) {
          doc.put("result", result(new UpgradeResult(cluster, List.of(), Duration.ZERO)));
        }
        return 0;
      }
      Integer refused = confirm(target, report);
      if (refused != null) {
        return refused;
      }
      UpgradeExecutor.Builder executor = UpgradeExecutor.builder().eks(target.eksClient())
          .clock(target.clock()).sleeper(target.sleeper()).listener(new Progress(err()));
      if (live) {
        executor.cluster(KubernetesBackend.create(target.kubernetesClient()));
      }
      if (jobsDeadline != null) {
        executor.jobsDeadline(jobsDeadline);
      }
      if (poll != null) {
        executor.pollInterval(poll);
      }
      for (Timeout t : timeouts) {
        executor.timeout(t.kind(), t.duration());
      }
      UpgradeResult result;
      try {
        result = executor.build().run(report);
      } catch (WaitTimeoutException e) {
        return error(Main.FAILED, e.getMessage() + "; the update goes on at EKS: running the same command again resumes"
            + " (it waits for the update in progress, then goes on)", e);
      }
      if (doc != null) {
        doc.put("result", result(result));
      } else {
        out().println();
        out().print(result.render());
        out().flush();
      }
      if (result.completed()) {
        text(cluster + " is at " + to + ": " + result.withOutcome(UpgradeResult.Outcome.DONE).size() + " step(s) done, "
            + result.withOutcome(UpgradeResult.Outcome.SKIPPED).size() + " skipped, in " + Target.format(result.elapsed()));
        return 0;
      }
      UpgradeResult.StepResult stop = result.stopped().orElseThrow();
      return error(Main.FAILED, "the run stopped at: " + stop.step().description() + " (" + stop.detail() + "); running"
          + " the same command again resumes from there", null);
    } catch (IOException e) {
      return error(Main.FAILED, "cannot read manifests: " + e.getMessage(), e);
    } catch (BackendException e) {
      return error(Main.FAILED, target.explain(e), e);
    } catch (PlatformException e) {
      // the executor's own: EKS refused or failed an update, or the real state does not allow a step; the steps
      // before it are done
      return error(Main.FAILED, e.getMessage(), e);
    }
  }

  private static Target create(CommandLine.IFactory factory) {
    try {
      // Main's factory gives the Target the CLI's sleeper and clock (tests: a fake clock the sleeper moves)
      return factory.create(Target.class);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the target", e);
    }
  }


  /** Null when the run may go ahead ({@code --auto-approve}, or a person answered {@code yes}), else the error status. */
  private Integer confirm(Target target, UpgradeReport report) {
    if (autoApprove) {
      return null;
    }
    Terminal terminal = Main.terminal(spec.commandLine());
    String what = report.steps().size() + " step(s) of the upgrade of EKS cluster " + cluster + " from "
        + report.currentVersion() + " to " + to + (target.eksServer() == null ? "" : " (" + target.eksServer() + ")");
    if (!terminal.interactive()) {
      return error(Main.ERROR, "refusing to run " + what + " without confirmation: there is no terminal to ask on;"
          + " review the plan and give --auto-approve", null);
    }
    String answer = terminal.readLine("Do you want to run these " + what + "?\n  Only 'yes' will be accepted to approve.\n"
        + "  Enter a value: ");
    if (answer == null || !answer.trim().equals("yes")) {
      return error(Main.ERROR, "upgrade cancelled: the answer was not 'yes'; nothing was changed", null);
    }
    return null;
  }

  private void text(String line) {
    if (doc == null) {
      out().println(line);
    }
  }

  /** {@code error: message} on stderr, or the {@code error} of the JSON document; the trace under {@code --debug}. */
  private int error(int status, String message, Throwable cause) {
    if (doc != null) {
      doc.put("error", Report.error(message, status, List.of()));
    } else {
      err().println("error: " + message);
    }
    if (cause != null) {
      Main.trace(spec.commandLine(), cause, err());
    }
    return status;
  }

  /** {@code {"cluster", "completed", "stopped", "elapsedMillis", "steps": [{"kind", "description", "resource", "outcome", "detail"}]}}. */
  static Map<String, Object> result(UpgradeResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster", result.cluster());
    out.put("completed", result.completed());
    out.put("stopped", result.stopped().map(s -> s.step().description()).orElse(null));
    out.put("elapsedMillis", result.elapsed().toMillis());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (UpgradeResult.StepResult s : result.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("kind", s.step().kind().value());
      step.put("description", s.step().description());
      step.put("resource", s.step().resource().map(Object::toString).orElse(null));
      step.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      step.put("detail", s.detail());
      steps.add(step);
    }
    out.put("steps", steps);
    return out;
  }

  /**
   * Progress on standard error, one line per event: {@code starting}/{@code finished} per update, the
   * executor's messages (skips, the Jobs gate), and waits compactly — a line when what is waited for or its
   * status changes, else one every {@link #QUIET} — since a node group update polls for 20 minutes and more.
   */
  static final class Progress implements ProgressListener {
    /** The longest a wait goes without a line while its status stays the same. */
    static final Duration QUIET = Duration.ofMinutes(5);

    private final PrintWriter err;
    private String last;
    private Duration lastElapsed = Duration.ZERO;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void starting(Change change) {
      line("starting " + describe(change));
    }

    @Override
    public void finished(Change change) {
      line("finished " + describe(change));
    }

    @Override
    public void retrying(Change change, int attempt, PlatformException cause) {
      line("retrying " + describe(change) + " (attempt " + (attempt + 1) + "): " + cause.getMessage());
    }

    @Override
    public void progress(String message) {
      line(message);
    }

    @Override
    public void waiting(String subject, String status, Duration elapsed, Duration timeout) {
      String now = subject + ": " + status;
      if (now.equals(last) && elapsed.minus(lastElapsed).compareTo(QUIET) < 0 && elapsed.compareTo(lastElapsed) >= 0) {
        return;
      }
      last = now;
      lastElapsed = elapsed;
      err.println("  waiting for " + now + " (" + compact(elapsed) + " of " + compact(timeout) + ")");
      err.flush();
    }

    private void line(String message) {
      last = null;
      err.println("  " + message);
      err.flush();
    }

    private static String describe(Change change) {
      StringBuilder out = new StringBuilder(change.toString());
      for (FieldDiff d : change.diff()) {
        out.append(' ').append(d.path()).append(' ').append(d.before()).append(" -> ").append(d.after());
      }
      return out.toString();
    }

    /** {@code 45s}, {@code 12m30s}, {@code 2h}, {@code 1h5m}. */
    static String compact(Duration d) {
      long s = d.toSeconds();
      long h = s / 3600;
      long m = s % 3600 / 60;
      long sec = s % 60;
      StringBuilder out = new StringBuilder();
      if (h > 0) {
        out.append(h).append('h');
      }
      if (m > 0) {
        out.append(m).append('m');
      }
      if (sec > 0 || out.length() == 0) {
        out.append(sec).append('s');
      }
      return out.toString();
    }
  }

  /** Reads 30s, 45m, 3h (or a bare number of seconds): a wait, from 1 second to 24 hours. */
  static final class WaitConverter implements ITypeConverter<Duration> {
    private static final Duration MAX = Duration.ofHours(24);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = FORMAT.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 45m or 3h");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration d = switch (unit) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      };
      if (d.isZero() || d.compareTo(MAX) > 0) {
        throw new TypeConversionException("'" + value + "' is not between 1s and 24h");
      }
      return d;
    }
  }

  /** Reads {@code upgrade-addon=90m}: a step kind that waits, and its timeout. */
  static final class TimeoutConverter implements ITypeConverter<Timeout> {
    private static final Set<StepKind> WAITING = Set.of(StepKind.UPGRADE_CONTROL_PLANE, StepKind.UPGRADE_ADDON,
        StepKind.UPGRADE_NODEGROUP);

    @Override
    public Timeout convert(String value) {
      int eq = value.indexOf('=');
      if (eq < 0) {
        throw new TypeConversionException("'" + value + "' is not KIND=DURATION, such as upgrade-addon=90m");
      }
      StepKind kind;
      try {
        kind = StepKind.of(value.substring(0, eq).trim());
      } catch (IllegalArgumentException e) {
        kind = null;
      }
      if (kind == null || !WAITING.contains(kind)) {
        throw new TypeConversionException("'" + value.substring(0, eq) + "' is not a step kind that waits:"
            + " upgrade-control-plane, upgrade-addon or upgrade-nodegroup");
      }
      return new Timeout(kind, new WaitConverter().convert(value.substring(eq + 1)));
    }
  }
}
