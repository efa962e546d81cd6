package dev.platformkit.aws;

import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.aws.internal.AccessEntryStore;
import dev.platformkit.aws.internal.AutoScalingGroupStore;
import dev.platformkit.aws.internal.DbInstanceStore;
import dev.platformkit.aws.internal.NodeGroupStore;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The AWS backend: platformkit's AWS objects, read and written through AWS SDK v2 clients you configured
 * (credentials, region, retries, proxies). Each client given makes its kinds supported:
 *
 * <table>
 *   <caption>Kinds by client</caption>
 *   <tr><th>client</th><th>kinds</th></tr>
 *   <tr><td>{@link Builder#eks(EksClient) eks} + {@link Builder#clusterName(String) clusterName}</td>
 *       <td>{@code AccessEntry}: EKS access entries and their access policy associations</td></tr>
 *   <tr><td>{@link Builder#eks(EksClient) eks}</td>
 *       <td>{@code NodeGroup}: EKS managed node groups of any cluster, named {@code <cluster>/<nodegroup>}
 *       (schedules resize them)</td></tr>
 *   <tr><td>{@link Builder#rds(RdsClient) rds}</td><td>{@code DBInstance}: RDS instances (schedules stop and
 *       start them)</td></tr>
 *   <tr><td>{@link Builder#autoScaling(AutoScalingClient) autoScaling}</td><td>{@code AutoScalingGroup}: EC2
 *       Auto Scaling groups (schedules resize them)</td></tr>
 * </table>
 *
 * <p>Node groups, DB instances and Auto Scaling groups are never created, deleted or listed: schedules
 * name them, read them one at a time and write only their sizes (status) and tags, tags set first and
 * removed last.
 *
 * <pre>{@code
 * Platform platform = Platform.builder()
 *     .kubernetes(KubernetesBackend.create(kubernetesClient))
 *     .aws(AwsBackend.builder().eks(EksClient.create()).clusterName("prod").build())
 *     .build();
 * }</pre>
 *
 * <p>Ownership is kept in tags ({@code platformkit:managed-by}, {@code platformkit:owner}); objects
 * without them (EKS-managed node role entries, entries made by hand or by other tools) are listed by
 * nobody and never touched. The backend does not retry; the planners retry what it reports as
 * retryable (throttling, 429, 5xx, conflicts, I/O errors and API call timeouts, but not a connection
 * that could not be made: refused, no route, connect timeout). Thread-safe, as the SDK clients are. The
 * clients stay yours to close.
 *
 * <p>One retry layer, never two: an SDK client retries on its own by default (the standard strategy:
 * 3 attempts with backoff), and the platform's {@link dev.platformkit.RetryPolicy} (5 attempts by default)
 * retries again what comes out of it, 15 attempts and their waits in all. Choose one:
 *
 * <ul>
 *   <li>the platform's (recommended when the platform also drives Kubernetes): build the client without
 *       retries and with timeouts that bound one attempt, and keep the platform's policy. One policy for
 *       every backend, retried writes reported to the {@link dev.platformkit.ProgressListener}, and a
 *       conflict is retried after reading the object again;
 * <pre>{@code
 * EksClient eks = EksClient.builder()
 *     .overrideConfiguration(ClientOverrideConfiguration.builder()
 *         .retryStrategy(AwsRetryStrategy.doNotRetry())   // the platform's RetryPolicy retries
 *         .apiCallAttemptTimeout(Duration.ofSeconds(10))
 *         .apiCallTimeout(Duration.ofSeconds(20))         // room for fetching credentials
 *         .build())
 *     .build();
 * }</pre>
 *   <li>the SDK's (its retry strategies know each service's throttling codes, and the adaptive one rate
 *       limits the client): keep the client's strategy and give the platform {@code RetryPolicy.NONE}. The
 *       policy is the platform's, for every backend: the Kubernetes client must then retry on its own, and
 *       conflicts (someone else wrote in between) are no longer retried after a fresh read but fail the
 *       apply.
 * </ul>
 */
public final class AwsBackend implements ResourceStore {
  private final Map<String, ResourceStore> kinds;

  private AwsBackend(Map<String, ResourceStore> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String provider() {
    return ResourceRef.AWS;
  }

  @Override
  public boolean supports(Kind kind) {
    return ResourceRef.AWS.equals(kind.provider()) && kinds.containsKey(kind.name());
  }

  @Override
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    return store(kind).list(kind, selector);
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return store(kind).get(kind, ref);
  }

  @Override
  public void create(Kind kind, Resource desired) {
    store(kind).create(kind, desired);
  }

  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    store(kind).update(kind, current, update);
  }

  @Override
  public void delete(Kind kind, Resource current) {
    store(kind).delete(kind, current);
  }

  /** Tags ({@code platformkit:managed-by}, {@code platformkit:owner}). */
  @Override
  public Marks marks() {
    return Marks.TAGS;
  }

  /** None: AWS objects read back exactly what was written. */
  @Override
  public Tracking tracking() {
    return Tracking.NONE;
  }

  private ResourceStore store(Kind kind) {
    ResourceStore store = kinds.get(kind.name());
    if (store == null) {
      throw new PlatformException("this AWS backend holds no " + kind.name() + " objects: it supports "
          + kinds.keySet() + " (give AwsBackend.builder() the client of the service that holds " + kind + ")");
    }
    return store;
  }

  /** Builds an {@link AwsBackend} from the clients of the services you use; at least one is needed. */
  public static final class Builder {
    private EksClient eks;
    private String clusterName;
    private RdsClient rds;
    private AutoScalingClient autoScaling;

    private Builder() {}

    /**
     * The EKS client. Enables {@code NodeGroup}, and with {@link #clusterName(String)} also {@code AccessEntry}.
     */
    public Builder eks(EksClient eks) {
      this.eks = Objects.requireNonNull(eks, "eks");
      return this;
    }

    /** The EKS cluster whose access entries this backend manages, in the EKS client's region. */
    public Builder clusterName(String clusterName) {
      this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
      return this;
    }

    /** The RDS client. Enables {@code DBInstance}. */
    public Builder rds(RdsClient rds) {
      this.rds = Objects.requireNonNull(rds, "rds");
      return this;
    }

    /** The EC2 Auto Scaling client. Enables {@code AutoScalingGroup}. */
    public Builder autoScaling(AutoScalingClient autoScaling) {
      this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
      return this;
    }

    /** The backend; fails when a client lacks its settings or no client was given. */
    public AwsBackend build() {
      Map<String, ResourceStore> kinds = new LinkedHashMap<>();
      if (eks != null) {
        kinds.put(NodeGroupStore.KIND, new NodeGroupStore(eks));
        if (clusterName != null) {
          if (clusterName.isBlank()) {
            throw new IllegalStateException("clusterName must not be blank");
          }
          kinds.put(AccessEntryStore.KIND, new AccessEntryStore(eks, clusterName));
        }
      } else if (clusterName != null) {
        throw new IllegalStateException("clusterName(" + clusterName + ") was given without an EKS client: eks(...)");
      }
      if (rds != null) {
        kinds.put(DbInstanceStore.KIND, new DbInstanceStore(rds));
      }
      if (autoScaling != null) {
        kinds.put(AutoScalingGroupStore.KIND, new AutoScalingGroupStore(autoScaling));
      }
      if (kinds.isEmpty()) {
        throw new IllegalStateException("no AWS client given; set at least one, e.g. eks(...)");
      }
      return new AwsBackend(kinds);
    }
  }
}
