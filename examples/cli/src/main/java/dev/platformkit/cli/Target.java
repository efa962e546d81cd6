package dev.platformkit.cli;

import dev.platformkit.BackendException;
import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.RetryPolicy;
import dev.platformkit.Sleeper;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import dev.platformkit.aws.AwsBackend;
import dev.platformkit.k8s.KubernetesBackend;
import dev.platformkit.site.Site;
import dev.platformkit.spec.SpecDocument;
import dev.platformkit.spec.Specs;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.InMemoryStore;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Where the commands act: the embedded in-memory backend (default) or a real cluster and AWS account.
 *
 * <p>One retry layer: the platform's {@link RetryPolicy#DEFAULT} retries what the backends report as
 * retryable, so the clients built here do not retry on their own (fabric8's {@code requestRetryBackoffLimit}
 * is 0, the EKS client has the SDK's no-retry strategy), and each request gives up after
 * {@code --request-timeout}. A refused connection is not retried at all (see the backends' error mapping),
 * so it fails as soon as it is refused; a server that accepts but never answers fails after at most
 * {@link RetryPolicy#DEFAULT}'s 5 attempts of one request timeout each plus its backoff (at most 3 s).
 */
final class Target implements AutoCloseable {
  /** The longest connect timeout: a server that does not accept a connection in that time is not reachable. */
  static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(3);

  @Option(names = "--state", paramLabel = "DIR", defaultValue = ".platformkit",
      description = "State directory of the embedded in-memory backend (default: ${DEFAULT-VALUE}).")
  Path state;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Act on a real cluster from this kubeconfig instead of the embedded backend.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME",
      description = "kubeconfig context of the real cluster (default: the current context).")
  String context;

  @Option(names = "--in-cluster",
      description = "Act on the cluster this runs in, with its ServiceAccount (the in-cluster CronJob of a schedule).")
  boolean inCluster;

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "EKS cluster name, for the access entries of IamRole members (real cluster only).")
  String cluster;

  @Option(names = "--region", paramLabel = "REGION", description = "AWS region of the EKS cluster, of schedules' node"
      + " groups, RDS instances and Auto Scaling groups, and of sites' ACM certificates (Route53 is global); acts on"
      + " AWS too (default region: the SDK's).")
  String region;

  @Option(names = "--profile", paramLabel = "NAME", description = "AWS named profile (~/.aws/config and"
      + " credentials) for credentials and, without --region, the region; acts on AWS too (default: the SDK's"
      + " default credential chain).")
  String profile;

  @Option(names = "--iam-access", paramLabel = "MODE", defaultValue = "ACCESS_ENTRIES",
      description = "How IamRole members get in: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  IamAccess iamAccess;

  @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "Give up on one request to the cluster or AWS after this long, e.g. 500ms, 5s, 1m (default: "
          + "${DEFAULT-VALUE}). A timed-out request is tried 5 times in all; a refused connection is not retried.")
  Duration requestTimeout;

  // the command this is mixed into: its standard error carries progress
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  private final Sleeper sleeper;
  private final Clock clock;
  private final RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  private InMemoryPlatform memory;
  private String resolved;
  private String masterUrl;
  private String eksServer;
  private KubernetesClient client;
  private ResourceStore kubernetes;
  private EksClient eks;
  private RdsClient rds;
  private AutoScalingClient autoScaling;
  private AcmClient acm;
  private Route53Client route53;

  /** Waits between retries with {@link Sleeper#SYSTEM}; now is the system clock's. */
  Target() {
    this(Sleeper.SYSTEM, Clock.systemUTC());
  }

  /** Waits between retries with {@code sleeper}; {@code clock} says what time it is now (tests). */
  Target(Sleeper sleeper, Clock clock) {
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /**
   * Refuses options that would be silently ignored: {@code --cluster} and {@code --region} name the EKS
   * cluster and AWS region of a real cluster, and the embedded backend has neither.
   */
  void checkOptions(CommandLine command) {
    if (embedded() && (cluster != null || region != null || profile != null)) {
      String given = cluster != null && region != null ? "--cluster and --region need" : cluster != null ? "--cluster needs"
          : region != null ? "--region needs" : "--profile needs";
      throw new Main.OptionConflict(command, given + " a cluster connection (--kubeconfig, --context or --in-cluster);"
          + " the embedded backend has no EKS cluster or AWS region");
    }
  }

  /**
   * Refuses, before planning, IamRole members that would need EKS access entries when no EKS cluster is
   * given: the library's own message names its Java builders, this one the CLI's options.
   */
  void checkIamAccess(Specs specs, boolean deletion) {
    if (embedded() || iamAccess != IamAccess.ACCESS_ENTRIES || cluster != null) {
      return;
    }
    for (SpecDocument<?> doc : specs.all()) {
      if (!(doc.value() instanceof Tenant tenant)) {
        continue;
      }
      List<Violation> violations = new ArrayList<>();
      for (int i = 0; i < tenant.members().size(); i++) {
        if (tenant.members().get(i).kind() == MemberKind.IamRole) {
          violations.add(Violation.of("members[" + i + "]", "IamRole members need an AWS backend for EKS access entries:"
              + " name the EKS cluster with --cluster NAME [--region REGION], or give --iam-access AWS_AUTH_CONFIGMAP"
              + " on clusters that use the aws-auth ConfigMap"
              + (deletion ? "; without it, deleting would leave the tenant's access entries behind" : ""))
              .at(doc.file(), doc.line(), doc.column()));
        }
      }
      if (!violations.isEmpty()) {
        throw new ValidationException("Tenant " + tenant.name(), violations);
      }
    }
  }

  /**
   * Refuses, before planning, sites on a real cluster when no AWS account is configured: their certificates
   * (ACM) and DNS records (Route53) need one, and the library's own message names its Java builders.
   */
  void checkSites(List<Site> sites) {
    if (embedded() || sites.isEmpty() || aws()) {
      return;
    }
    throw new PlatformException("site " + sites.get(0).name() + (sites.size() > 1 ? " (and " + (sites.size() - 1)
        + " more)" : "") + " needs AWS for its ACM certificate and Route53 records, and none is configured: give"
        + " --region REGION and/or --profile NAME (credentials as the AWS SDK finds them)");
  }

  /** Whether AWS is wired: {@code --cluster}, {@code --region} or {@code --profile}. */
  private boolean aws() {
    return cluster != null || region != null || profile != null;
  }

  /** One attempt per call (the platform retries), the call timeouts, and {@code --profile}. */
  private ClientOverrideConfiguration awsCalls() {
    // the platform retries; the SDK's own retries would multiply its attempts (and the wait) by 3.
    // The call timeout leaves room for resolving credentials (SSO, assume-role) before the attempt.
    ClientOverrideConfiguration.Builder calls = ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .apiCallAttemptTimeout(requestTimeout).apiCallTimeout(requestTimeout.multipliedBy(2));
    if (profile != null) {
      calls.defaultProfileName(profile);
    }
    return calls.build();
  }

  /**
   * The platform's now for sites (when a preview expires): on the embedded backend the state's clock, which
   * stamped the previews' expiry and which the simulated waits move; elsewhere {@link #now()}.
   */
  Instant siteNow() {
    return memory != null ? memory.clock().instant() : now();
  }

  boolean embedded() {
    return kubeconfig == null && context == null && !inCluster;
  }

  /** The backend for people: {@code embedded in-memory backend (state in /home/me/.platformkit)} or {@code cluster (context prod, https://...)}. */
  String describe() {
    return embedded() ? "embedded in-memory backend (state in " + stateDirectory() + ")" : "cluster (" + resolved + ")";
  }

  /** The state directory of the embedded backend, in full. */
  Path stateDirectory() {
    return state.toAbsolutePath().normalize();
  }

  /**
   * What a saved plan records as the backend it was made for, after {@link #platform(PrintWriter)}: the
   * embedded backend's state directory, or the kubeconfig context and server with the EKS cluster and
   * region. Never credentials.
   */
  String identity() {
    if (embedded()) {
      return "embedded in-memory backend (state in " + stateDirectory() + ")";
    }
    if (resolved == null) {
      throw new IllegalStateException("platform() first");
    }
    return (inCluster ? "in-cluster " : "") + "cluster (" + resolved + ")"
        + (cluster == null ? "" : ", EKS cluster " + cluster) + (region == null ? "" : ", region " + region)
        + (profile == null ? "" : ", AWS profile " + profile)
        + ", --iam-access " + iamAccess;
  }

  /** The CLI's now: when schedules are reconciled unless {@code --at} says otherwise. */
  Instant now() {
    return clock.instant();
  }

  /** The Kubernetes store of the platform {@link #platform(PrintWriter)} built, to read workloads. */
  ResourceStore kubernetes() {
    if (kubernetes == null) {
      throw new IllegalStateException("platform() first");
    }
    return kubernetes;
  }

  /**
   * The progress of long operations, on standard error (standard output holds the plan, or the JSON
   * document): retries, and {@code waiting for ...} once per poll of a long wait.
   */
  static ProgressListener progress(PrintWriter err) {
    return new ProgressListener() {
      @Override
      public void retrying(dev.platformkit.Change change, int attempt, PlatformException cause) {
        err.println("  retrying " + change + " (attempt " + (attempt + 1) + "): " + cause.getMessage());
        err.flush();
      }

      @Override
      public void progress(String message) {
        err.println("  " + message);
        err.flush();
      }

      @Override
      public void waiting(String subject, String status, Duration elapsed, Duration timeout) {
        err.println("  waiting for " + subject + ": " + status + " (" + elapsed.toSeconds() + "s of " + format(timeout) + ")");
        err.flush();
      }
    };
  }

  Platform platform(PrintWriter out) {
    ProgressListener listener = progress(mixee == null ? out : mixee.commandLine().getErr());
    if (embedded()) {
      memory = InMemoryPlatform.of(InMemoryStore.kubernetes(), InMemoryStore.aws(), iamAccess, listener);
      if (Files.exists(stateFile())) {
        memory.restoreFrom(stateFile());
      }
      // the embedded cluster has Argo CD, which sites need (its namespace, not platformkit's)
      memory.world().installArgoCd();
      kubernetes = memory.kubernetes();
      return memory.platform();
    }
    if (inCluster && (kubeconfig != null || context != null)) {
      throw new PlatformException("--in-cluster uses the pod's ServiceAccount; leave out --kubeconfig and --context");
    }
    client = new KubernetesClientBuilder().withConfig(config()).build();
    kubernetes = KubernetesBackend.create(client);
    Platform.Builder builder = Platform.builder().kubernetes(kubernetes)
        .iamAccess(iamAccess).listener(listener).retryPolicy(retryPolicy).sleeper(sleeper);
    if (aws()) {
      ClientOverrideConfiguration once = awsCalls();
      var eksBuilder = EksClient.builder().overrideConfiguration(once);
      var rdsBuilder = RdsClient.builder().overrideConfiguration(once);
      var autoScalingBuilder = AutoScalingClient.builder().overrideConfiguration(once);
      var acmBuilder = AcmClient.builder().overrideConfiguration(once);
      // Route53 is a global service: its endpoint is the same from every region
      var route53Builder = Route53Client.builder().overrideConfiguration(once).region(Region.AWS_GLOBAL);
      if (region != null) {
        eksBuilder.region(Region.of(region));
        rdsBuilder.region(Region.of(region));
        autoScalingBuilder.region(Region.of(region));
        acmBuilder.region(Region.of(region));
      }
      eks = eksBuilder.build();
      rds = rdsBuilder.build();
      autoScaling = autoScalingBuilder.build();
      acm = acmBuilder.build();
      route53 = route53Builder.build();
      eksServer = eks.serviceClientConfiguration().endpointOverride().map(uri -> "EKS at " + uri)
          .orElse("EKS in " + eks.serviceClientConfiguration().region());
      // EKS access entries need the cluster's name; node groups, RDS and Auto Scaling (schedules) do not
      AwsBackend.Builder aws = AwsBackend.builder().eks(eks).rds(rds).autoScaling(autoScaling).acm(acm).route53(route53);
      if (cluster != null) {
        aws.clusterName(cluster);
      }
      builder.aws(aws.build());
    }
    return builder.build();
  }

  /**
   * A client of the real cluster ({@code --kubeconfig}, {@code --context}, or the pod's own with
   * {@code --in-cluster}) for commands that only read it, such as {@code upgrade plan}; closed with this target.
   */
  KubernetesClient kubernetesClient() {
    if (client == null) {
      client = new KubernetesClientBuilder().withConfig(config()).build();
    }
    return client;
  }

  /** The API server URL of {@link #kubernetesClient()}, once built. */
  String server() {
    return masterUrl;
  }

  /**
   * Test seam, and nothing else: how {@link #eksClient()} builds its client. Tests of {@code upgrade run} set
   * it to a function returning the testkit's {@code FakeEksClient} and restore {@link #REAL_EKS} after (the
   * CLI's tests do not run in parallel).
   */
  static java.util.function.Function<Target, EksClient> eksClients = Target::newEksClient;

  /** What {@link #eksClients} is outside tests: an SDK client in {@code --region} with {@code --profile}. */
  static final java.util.function.Function<Target, EksClient> REAL_EKS = Target::newEksClient;

  /**
   * An EKS client in {@code --region} (default: the SDK's region), one attempt per call; closed with this
   * target. Used alone by commands that read or update EKS only ({@code upgrade plan}, {@code upgrade run}).
   */
  EksClient eksClient() {
    if (eks == null) {
      eks = eksClients.apply(this);
    }
    return eks;
  }

  private EksClient newEksClient() {
    ClientOverrideConfiguration once = awsCalls();
    var builder = EksClient.builder().overrideConfiguration(once);
    if (region != null) {
      builder.region(Region.of(region));
    }
    EksClient client = builder.build();
    eksServer = client.serviceClientConfiguration().endpointOverride().map(uri -> "EKS at " + uri)
        .orElse("EKS in " + client.serviceClientConfiguration().region());
    return client;
  }

  /** Where {@link #eksClient()} sends its calls ({@code EKS in eu-west-1}, {@code EKS at http://...}), or null before it is built. */
  String eksServer() {
    return eksServer;
  }

  /** How this target waits between retries (tests: a sleeper that moves a fake clock). */
  Sleeper sleeper() {
    return sleeper;
  }

  /** The CLI's clock (tests: a fake one); waits are measured with it. */
  Clock clock() {
    return clock;
  }

  /**
   * Saves the embedded state after a write: one file holding both stores, the testkit's state document,
   * written atomically (two runs at once leave one run's whole state, never a broken file).
   */
  void save() {
    if (memory != null) {
      memory.snapshot(stateFile());
    }
  }

  /** The embedded backend's state file in the {@code --state} directory. */
  Path stateFile() {
    return state.resolve("state.json");
  }

  private Config config() {
    if (kubeconfig != null) {
      // NoSuchFileException's message is the bare path: "cannot read kubeconfig x: x" said nothing
      String why = !Files.exists(kubeconfig) ? "does not exist" : Files.isDirectory(kubeconfig) ? "is a directory"
          : !Files.isReadable(kubeconfig) ? "is not readable" : null;
      if (why != null) {
        throw new PlatformException("kubeconfig " + kubeconfig.toAbsolutePath() + " (--kubeconfig) " + why);
      }
    }
    Config config;
    try {
      config = kubeconfig == null ? Config.autoConfigure(context)
          : Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
    } catch (IOException | RuntimeException e) {
      throw new PlatformException("cannot read kubeconfig " + (kubeconfig == null ? "(default)" : kubeconfig)
          + ": " + e.getMessage(), e, false);
    }
    // fabric8 falls back to the current context when the named one is missing: a typo must not reach prod
    if (context != null && (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName()))) {
      List<String> known = config.getContexts() == null ? List.of()
          : config.getContexts().stream().map(NamedContext::getName).toList();
      throw new PlatformException("context \"" + context + "\" is not in the kubeconfig (contexts: " + known + ")");
    }
    // the platform retries; fabric8's own retries (10 by default, with backoff) took 100 s to report a
    // refused connection
    config.setRequestRetryBackoffLimit(0);
    config.setRequestTimeout(Math.toIntExact(requestTimeout.toMillis()));
    config.setConnectionTimeout(Math.toIntExact(min(requestTimeout, MAX_CONNECT_TIMEOUT).toMillis()));
    masterUrl = config.getMasterUrl();
    resolved = (config.getCurrentContext() == null ? "" : "context " + config.getCurrentContext().getName() + ", ")
        + masterUrl;
    return config;
  }

  /**
   * One line for a backend failure: for a request that got no answer, which server, how many attempts and
   * why in a few words ("connection refused", "timed out"); else the backend's message.
   */
  String explain(BackendException e) {
    String attempts = e.retryable() ? "after " + retryPolicy.maxAttempts() + " attempts" : "without retrying";
    String server = e.status().isPresent() ? null : server(e);
    if (server == null) {
      return e.getMessage() + (e.retryable() ? " (gave up " + attempts + ")" : "");
    }
    String why = transportFailure(e);
    return "gave up on " + server + " " + attempts + ": " + (why == null ? e.getMessage() : why);
  }

  // the server a client error came from, if it came from one of ours
  private String server(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof KubernetesClientException && masterUrl != null) {
        return "the cluster at " + masterUrl;
      }
      if (t instanceof SdkException && eksServer != null) {
        return eksServer;
      }
    }
    return null;
  }

  // "connection refused", "timed out ...": what went wrong with the connection, or null if nothing did
  private String transportFailure(Throwable e) {
    String why = null;
    for (Throwable t = e; t != null; t = next(t)) {
      if (t.getClass().getSimpleName().equals("ConnectTimeoutException")) { // netty's, Apache's
        return "connection timed out after " + format(min(requestTimeout, MAX_CONNECT_TIMEOUT));
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        why = firstClause(t.getMessage()); // the innermost is the plainest: "Connection refused"
      } else if (why == null && (t instanceof TimeoutException || t instanceof SocketTimeoutException
          || t instanceof HttpTimeoutException || t instanceof ApiCallAttemptTimeoutException
          || t instanceof ApiCallTimeoutException)) {
        why = "timed out, no answer within " + format(requestTimeout) + " (--request-timeout)";
      } else if (why == null && t instanceof UnknownHostException) {
        why = "unknown host " + t.getMessage();
      }
    }
    return why;
  }

  private static String firstClause(String message) {
    if (message == null || message.isBlank()) {
      return "no connection";
    }
    int colon = message.indexOf(':');
    return (colon < 0 ? message : message.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /** Reads 500ms, 5s, 1m (or a bare number of seconds) as a positive duration of whole milliseconds. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Duration MAX = Duration.ofHours(1);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    @Override
    public Duration convert(String value) {
      Matcher m = FORMAT.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 5s or 1m");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration d = switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      };
      if (d.isZero() || d.compareTo(MAX) > 0) {
        throw new TypeConversionException("'" + value + "' is not between 1ms and " + format(MAX));
      }
      return d;
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    // eksClient() builds the EKS client alone
    if (eks != null) {
      eks.close();
    }
    if (rds != null) {
      rds.close();
    }
    if (autoScaling != null) {
      autoScaling.close();
    }
    if (acm != null) {
      acm.close();
    }
    if (route53 != null) {
      route53.close();
    }
  }
}
