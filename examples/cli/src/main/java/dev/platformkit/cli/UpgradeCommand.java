package dev.platformkit.cli;

import dev.platformkit.BackendException;
import dev.platformkit.PlatformException;
import dev.platformkit.ValidationException;
import dev.platformkit.aws.EksScanner;
import dev.platformkit.k8s.ClusterScanner;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.ManifestScanner;
import dev.platformkit.upgrade.Planner;
import dev.platformkit.upgrade.ReportFormat;
import dev.platformkit.upgrade.ScanProblem;
import dev.platformkit.upgrade.ScanResult;
import dev.platformkit.upgrade.SkewPolicy;
import dev.platformkit.upgrade.Strategy;
import dev.platformkit.upgrade.UpgradePlan;
import dev.platformkit.upgrade.UpgradeReport;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code platform upgrade plan}: what blocks each minor of an EKS upgrade, and the steps, as a report;
 * {@code platform upgrade run} ({@link UpgradeRunCommand}): the same plan, run in place.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Plan cluster upgrades across Kubernetes minors, and run them in place on EKS.",
    subcommands = {CommandLine.HelpCommand.class, UpgradeCommand.PlanUpgrade.class, UpgradeRunCommand.class})
final class UpgradeCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** {@code platform upgrade} alone: a usage error that shows its commands. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Reads {@code 1.27}, {@code v1.27.3}. */
  static final class VersionConverter implements ITypeConverter<KubernetesVersion> {
    @Override
    public KubernetesVersion convert(String value) {
      try {
        return KubernetesVersion.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code platform upgrade plan --to 1.27 [--from 1.20] [-f DIR]... [--kubeconfig ...] [--cluster NAME --region R]}. */
  @Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = {"Plan an upgrade to --to, one hop per minor: what blocks each hop (removed APIs still in use, add-ons"
          + " without a version for both sides, node skew, controllers too old, known breaking changes), in-place or"
          + " blue-green, and the steps. Reads manifests (-f) offline, and the cluster (--kubeconfig/--context/--in-cluster)"
          + " and EKS (--cluster, --region) when given; changes nothing.",
          "Exit status 0 when the report is printed, blockers or not; with --detailed-exitcode, 2 when it has blockers."},
      sortOptions = false)
  static final class PlanUpgrade implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "VERSION", converter = VersionConverter.class,
        description = "The cluster's current version, e.g. 1.20 (default: read from the cluster or EKS; required offline).")
    KubernetesVersion from;

    @Option(names = "--to", paramLabel = "VERSION", required = true, converter = VersionConverter.class,
        description = "The minor to upgrade to, e.g. 1.27.")
    KubernetesVersion to;

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
        description = "Manifest files or directories (*.yaml, *.yml, *.json; helm template and kustomize build output too). Repeatable.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "auto", converter = StrategyConverter.class,
        description = "auto, in-place or blue-green (default: ${DEFAULT-VALUE}).")
    Strategy strategy;

    @Option(names = "--node-skew", paramLabel = "POLICY", defaultValue = "strict", converter = SkewConverter.class,
        description = "strict (node groups match the control plane before each hop) or relaxed (default: ${DEFAULT-VALUE}).")
    SkewPolicy nodeSkew;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "markdown", converter = FormatConverter.class,
        description = "markdown, json or html (default: ${DEFAULT-VALUE}).")
    ReportFormat output;

    @Option(names = "--name", paramLabel = "NAME",
        description = "The cluster's name in the report (default: --cluster, else \"cluster\").")
    String name;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Also scan the live cluster of this kubeconfig.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context of the cluster to scan (default: the current one).")
    String context;

    @Option(names = "--in-cluster", description = "Also scan the cluster this runs in, with its ServiceAccount.")
    boolean inCluster;

    @Option(names = "--cluster", paramLabel = "NAME",
        description = "EKS cluster to read: version, node groups, add-ons and the add-on versions EKS offers.")
    String cluster;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region of --cluster (default: the SDK's).")
    String region;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = Target.DurationConverter.class,
        description = "Give up on one request to the cluster or AWS after this long (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--detailed-exitcode", description = "Exit with 2 when the report has blockers, 0 when none.")
    boolean detailedExitCode;

    private PrintWriter out() {
      return spec.commandLine().getOut();
    }

    private PrintWriter err() {
      return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
      boolean live = kubeconfig != null || context != null || inCluster;
      if (region != null && cluster == null) {
        throw new Main.OptionConflict(spec.commandLine(), "--region needs --cluster NAME, the EKS cluster to read");
      }
      if (files.isEmpty() && !live && cluster == null) {
        throw new Main.OptionConflict(spec.commandLine(), "nothing to scan: give -f PATH for manifests, --kubeconfig/--context/--in-cluster"
            + " for a cluster, or --cluster NAME for EKS");
      }
      if (from == null && !live && cluster == null) {
        throw new Main.OptionConflict(spec.commandLine(), "--from is required offline: only a cluster or EKS says which version it runs");
      }
      if (!manifestsExist(files, err())) {
        return Main.INVALID;
      }

      Target target = new Target();
      target.kubeconfig = kubeconfig;
      target.context = context;
      target.inCluster = inCluster;
      target.region = region;
      target.cluster = cluster;
      target.requestTimeout = requestTimeout;
      try (target) {
        UpgradePlan request;
        try {
          UpgradePlan.Builder b = UpgradePlan.builder().cluster(name != null ? name : cluster != null ? cluster : "cluster")
              .targetVersion(to).strategy(strategy).nodeSkew(nodeSkew);
          if (from != null) {
            b.currentVersion(from);
          }
          request = b.build();
        } catch (ValidationException e) {
          err().println("error: " + options(e.getMessage()));
          return Main.INVALID;
        }
        Inventory inventory = scan(target, cluster, live, files, err());
        UpgradeReport report;
        try {
          report = Planner.create().plan(request, inventory);
        } catch (IllegalArgumentException e) {
          err().println("error: " + options(e.getMessage()));
          return Main.INVALID;
        }
        out().print(report.render(output));
        out().flush();
        return detailedExitCode && report.hasBlockers() ? Main.CHANGES : 0;
      } catch (IOException e) {
        err().println("error: cannot read manifests: " + e.getMessage());
        return Main.FAILED;
      } catch (BackendException e) {
        err().println("error: " + target.explain(e));
        Main.trace(spec.commandLine(), e, err());
        return Main.FAILED;
      } catch (PlatformException e) {
        err().println("error: " + e.getMessage());
        Main.trace(spec.commandLine(), e, err());
        return Main.FAILED;
      }
    }

  }

  /**
   * What {@code upgrade plan} and {@code upgrade run} read, as one inventory: the EKS cluster {@code cluster}
   * (when not null), the live cluster of {@code target} (when {@code live}) and the manifests {@code files}.
   * Problems of a scan are warnings on {@code err}: the report is made of what could be read.
   *
   * @throws PlatformException when the live cluster does not answer: its version is asked first
   * @throws IOException when a manifest path cannot be read
   */
  static Inventory scan(Target target, String cluster, boolean live, List<Path> files, PrintWriter err) throws IOException {
    Inventory inventory = Inventory.empty();
    if (cluster != null) {
      inventory = inventory.plus(EksScanner.create(target.eksClient()).scan(cluster));
    }
    if (live) {
      try {
        // the scanner turns every failed request into a problem and goes on: ask once first, so that a
        // cluster that cannot be reached fails fast rather than as a plan without a version
        target.kubernetesClient().getKubernetesVersion();
      } catch (KubernetesClientException e) {
        throw new PlatformException("cannot read the version of the cluster at " + target.server() + ": " + firstLine(e), e, false);
      }
      inventory = inventory.plus(warn(ClusterScanner.create(target.kubernetesClient()).scan(), "the cluster", err).inventory());
    }
    for (Path path : files) {
      inventory = inventory.plus(warn(ManifestScanner.create().scan(path), path.toString(), err).inventory());
    }
    return inventory;
  }

  /** Says on {@code err} which manifest paths do not exist; whether all do. */
  static boolean manifestsExist(List<Path> files, PrintWriter err) {
    boolean all = true;
    for (Path path : files) {
      if (!Files.exists(path)) {
        err.println("error: manifest path " + path + " does not exist");
        all = false;
      }
    }
    return all;
  }

  /** Problems of a scan are warnings: the report is made of what could be read, and says so on stderr. */
  private static ScanResult warn(ScanResult result, String what, PrintWriter err) {
    for (ScanProblem p : result.problems()) {
      err.println("warning: " + p);
    }
    if (!result.problems().isEmpty()) {
      err.println("warning: " + result.problems().size() + " problem(s) scanning " + what + "; the report covers what could be read");
    }
    return result;
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  // the library's field names in the CLI's options
  static String options(String message) {
    return message.replace("targetVersion", "--to").replace("currentVersion", "--from");
  }

  /** {@code auto}, {@code in-place}, {@code blue-green}. */
  static final class StrategyConverter implements ITypeConverter<Strategy> {
    @Override
    public Strategy convert(String value) {
      try {
        return Strategy.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code strict}, {@code relaxed}. */
  static final class SkewConverter implements ITypeConverter<SkewPolicy> {
    @Override
    public SkewPolicy convert(String value) {
      try {
        return SkewPolicy.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code markdown}, {@code json}, {@code html}. */
  static final class FormatConverter implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      try {
        return ReportFormat.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
