package dev.platformkit.aws;

import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.aws.internal.AccessEntryStore;
import dev.platformkit.aws.internal.AutoScalingGroupStore;
import dev.platformkit.aws.internal.CertificateStore;
import dev.platformkit.aws.internal.DbInstanceStore;
import dev.platformkit.aws.internal.NodeGroupStore;
import dev.platformkit.aws.internal.RecordStore;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import dev.platformkit.spi.Write;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;

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
 *   <tr><td>{@link Builder#acm(AcmClient) acm}</td><td>{@code Certificate}: ACM certificates validated through
 *       DNS, named by their {@code platformkit:name} tag (see {@link CertificateStore}); more regions with
 *       {@link Builder#acm(String, AcmClient)} and {@link #scope(String)}</td></tr>
 *   <tr><td>{@link Builder#route53(Route53Client) route53}</td><td>{@code DnsRecord}: Route53 record sets, each
 *       owned through a TXT record written next to it in the same change batch (see {@link RecordStore} for the
 *       TXT format), written in batches per hosted zone</td></tr>
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
 * <p>A certificate for CloudFront lives in {@code us-east-1} whatever the region of the rest; give that
 * region's client and register the backend's view of it as the {@code us-east-1} scope:
 * <pre>{@code
 * AwsBackend aws = AwsBackend.builder()
 *     .route53(route53).acm(acm)                                   // default region: regional load balancers
 *     .acm("us-east-1", AcmClient.builder().region(Region.US_EAST_1).build())
 *     .build();
 * Platform platform = Platform.builder().aws(aws).aws("us-east-1", aws.scope("us-east-1")).build();
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
 *
 * <p>Route53 and ACM are the exception worth making: Route53 allows five requests per second per account and
 * answers {@code Throttling} (400) beyond, and {@code PriorRequestNotComplete} (400) while it still works on an
 * earlier change batch of the zone; ACM answers {@code ThrottlingException}. The SDK's retry strategies
 * already know all three: {@code Throttling} and {@code ThrottlingException} are among its throttling error
 * codes and {@code PriorRequestNotComplete} among its retryable ones (AWS SDK 2.x
 * {@code AwsErrorCode.RETRYABLE_ERROR_CODES}), and its adaptive strategy also slows the client down on
 * throttling (a client-side rate limit shared by every call of the client). Build these clients with it and
 * give the platform {@code RetryPolicy.NONE}, or keep them as they are and the platform's policy retries the
 * same errors ({@code AwsErrors} maps all three to retryable errors):
 * <pre>{@code
 * Route53Client route53 = Route53Client.builder()
 *     .region(Region.AWS_GLOBAL)
 *     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy()
 *         .toBuilder().maxAttempts(10).build()))      // or .retryStrategy(RetryMode.ADAPTIVE_V2)
 *     .build();
 * AcmClient acm = AcmClient.builder()
 *     .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2))
 *     .build();
 * }</pre>
 * The adaptive strategy's rate limiter slows down on throttling errors only; to make it also slow down on
 * {@code PriorRequestNotComplete} (which the strategies retry already), add
 * {@code .treatAsThrottling(e -> e instanceof AwsServiceException a && a.awsErrorDetails() != null
 * && "PriorRequestNotComplete".equals(a.awsErrorDetails().errorCode()))} to its builder; an SDK whose
 * strategies did not retry it would take the same predicate as {@code .retryOnException(...)}.
 * {@code Route53SdkRetryIT} checks the standard strategy's retries through the real client.
 */
public final class AwsBackend implements ResourceStore {
  private final Map<String, ResourceStore> kinds;
  // certificate stores by scope (region); "" is the default one
  private final Map<String, ResourceStore> certificates;

  private AwsBackend(Map<String, ResourceStore> kinds, Map<String, ResourceStore> certificates) {
    this.kinds = Map.copyOf(kinds);
    this.certificates = Map.copyOf(certificates);
  }

  /**
   * This backend as the store of {@code scope}, a region given to {@link Builder#acm(String, AcmClient)}:
   * certificates are those of that region's ACM client (listings included), everything else is as in this
   * backend. Register it with {@code Platform.builder().aws(scope, backend.scope(scope))}.
   */
  public AwsBackend scope(String scope) {
    Objects.requireNonNull(scope, "scope");
    ResourceStore acm = certificates.get(scope);
    if (acm == null) {
      throw new IllegalArgumentException("no ACM client was given for scope \"" + scope + "\": give it with acm(\"" + scope
          + "\", client); scopes with one: " + certificates.keySet());
    }
    Map<String, ResourceStore> scoped = new LinkedHashMap<>(kinds);
    scoped.put(CertificateStore.KIND, acm);
    Map<String, ResourceStore> certs = new LinkedHashMap<>(certificates);
    certs.put(ResourceRef.DEFAULT_SCOPE, acm);
    return new AwsBackend(scoped, certs);
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

  /** The store's own: for {@code DnsRecord}, {@code namespace} names one hosted zone (id or domain name). */
  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    return store(kind).list(kind, namespace, selector);
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return store(kind).get(kind, ref);
  }

  @Override
  public ResourceRef canonical(Kind kind, ResourceRef ref) {
    return store(kind).canonical(kind, ref);
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

  /** Batched by the store of the kind: DNS records in as few Route53 change batches as possible. */
  @Override
  public void write(Kind kind, List<Write> writes) {
    store(kind).write(kind, writes);
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
    private final Map<String, AcmClient> acm = new LinkedHashMap<>();
    private Route53Client route53;
    private final List<String> hostedZones = new ArrayList<>();

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

    /** The ACM client of the backend's default region. Enables {@code Certificate}. */
    public Builder acm(AcmClient acm) {
      this.acm.put(ResourceRef.DEFAULT_SCOPE, Objects.requireNonNull(acm, "acm"));
      return this;
    }

    /**
     * The ACM client of another region, for certificates whose {@link ResourceRef#scope()} is {@code region}
     * (CloudFront's: {@code us-east-1}); register {@link AwsBackend#scope(String) scope(region)} under that scope.
     */
    public Builder acm(String region, AcmClient acm) {
      Objects.requireNonNull(region, "region");
      if (region.isBlank()) {
        throw new IllegalArgumentException("region must not be blank; acm(client) gives the default region's client");
      }
      this.acm.put(region, Objects.requireNonNull(acm, "acm"));
      return this;
    }

    /** The Route53 client (Route53 is global). Enables {@code DnsRecord}. */
    public Builder route53(Route53Client route53) {
      this.route53 = Objects.requireNonNull(route53, "route53");
      return this;
    }

    /**
     * The hosted zones (ids, with or without {@code /hostedzone/}, or domain names) whose records a
     * {@code list} without a zone reads; without any, every hosted zone of the account (one
     * {@code ListHostedZones} more). Listed refs name the zone by id either way. Sites read their own zone
     * only, whatever is set here.
     */
    public Builder hostedZones(String... zones) {
      for (String zone : zones) {
        if (zone == null || zone.isBlank()) {
          throw new IllegalArgumentException("hostedZones: a zone id or domain name must not be blank");
        }
        hostedZones.add(zone);
      }
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
      Map<String, ResourceStore> certificates = new LinkedHashMap<>();
      acm.forEach((region, client) -> certificates.put(region, new CertificateStore(client, region)));
      if (!acm.isEmpty()) {
        if (!acm.containsKey(ResourceRef.DEFAULT_SCOPE)) {
          throw new IllegalStateException("acm(region, client) was given without the default region's client: acm(client)");
        }
        kinds.put(CertificateStore.KIND, certificates.get(ResourceRef.DEFAULT_SCOPE));
      }
      if (route53 != null) {
        kinds.put(RecordStore.KIND, new RecordStore(route53, hostedZones));
      } else if (!hostedZones.isEmpty()) {
        throw new IllegalStateException("hostedZones(" + hostedZones + ") were given without a Route53 client: route53(...)");
      }
      if (kinds.isEmpty()) {
        throw new IllegalStateException("no AWS client given; set at least one, e.g. eks(...)");
      }
      return new AwsBackend(kinds, certificates);
    }
  }
}
