package dev.platformkit.k8s;

import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.k8s.internal.AwsAuthStore;
import dev.platformkit.k8s.internal.ObjectStore;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes backend, on a fabric8 {@link KubernetesClient} you configured (credentials, context,
 * proxies, timeouts) and keep owning: platformkit never closes it.
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build()) {
 *   Platform platform = Platform.builder().kubernetes(KubernetesBackend.create(client)).build();
 *   platform.tenants().apply(tenant);
 * }
 * }</pre>
 *
 * <p>It holds any Kubernetes API kind a primitive declares ({@link Kind} gives its API path), and
 * {@code AwsAuthMapping}s as entries of {@code mapRoles} in the {@code kube-system/aws-auth} ConfigMap (for
 * {@link dev.platformkit.tenant.IamAccess#AWS_AUTH_CONFIGMAP}). A list is one request, cluster-wide, with an
 * equality label selector. Updates are JSON merge patches of the owned labels, annotations and body paths
 * only, carrying the resource version read (a stale one is a 409); deletes are conditional on it too.
 * What platformkit set is recorded in annotations ({@link dev.platformkit.spi.Tracking#ANNOTATIONS}), so
 * that an update removes what a spec no longer sets and leaves alone what others and the API server's
 * defaulting added. The only discovery requests are made before a namespace is deleted, to count what
 * else lives in it ({@link #foreignContents}).
 *
 * <p>Errors: 409 and stale versions are a {@link dev.platformkit.ConflictException}, 404 a
 * {@link dev.platformkit.NotFoundException}, 429, 5xx and requests that got no answer on an open connection
 * (timeout, reset) a retryable {@link dev.platformkit.BackendException}. A connection that could not be made
 * at all (refused, no route, connect timeout) is a non-retryable one, as is anything else: nothing listens
 * at that address, and a few seconds of retries would only delay the error.
 *
 * <p>One retry layer: the platform retries what is retryable with its {@link dev.platformkit.RetryPolicy},
 * so configure the client not to retry on its own. fabric8 retries I/O failures, 429 and 5xx itself by
 * default ({@code requestRetryBackoffLimit} 10, with exponential backoff): on top of the platform's 5
 * attempts, a refused connection took 100 s to report. Give the client
 * {@code requestRetryBackoffLimit(0)}, a connection timeout of a few seconds and a request timeout that
 * bounds one attempt; a server that never answers then fails after at most
 * {@code maxAttempts * requestTimeout} plus the policy's backoff:
 *
 * <pre>{@code
 * Config config = new ConfigBuilder(Config.autoConfigure(null))
 *     .withRequestRetryBackoffLimit(0)   // the platform's RetryPolicy is the only retry layer
 *     .withConnectionTimeout(3_000)      // ms
 *     .withRequestTimeout(10_000)        // ms, one attempt
 *     .build();
 * KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
 * }</pre>
 *
 * <p>Needs permission to get, list, create, patch and delete those kinds cluster-wide, and to get, create
 * and update ConfigMaps in {@code kube-system} (unless {@link Builder#awsAuth(boolean) disabled}).
 * Thread-safe when the client is.
 */
public final class KubernetesBackend implements ResourceStore {
  private final ObjectStore objects;
  private final AwsAuthStore awsAuth; // null when disabled

  private KubernetesBackend(Builder b) {
    this.objects = new ObjectStore(b.client);
    this.awsAuth = b.awsAuth ? new AwsAuthStore(b.client) : null;
  }

  /** A backend with the defaults that talks to the cluster through {@code client}. */
  public static KubernetesBackend create(KubernetesClient client) {
    return builder(client).build();
  }

  /** A builder of a backend that talks to the cluster through {@code client}. */
  public static Builder builder(KubernetesClient client) {
    return new Builder(client);
  }

  /** {@value ResourceRef#KUBERNETES}. */
  @Override
  public String provider() {
    return ResourceRef.KUBERNETES;
  }

  /** Every Kubernetes API kind (one with an apiVersion) and, unless disabled, {@code AwsAuthMapping}. */
  @Override
  public boolean supports(Kind kind) {
    if (!ResourceRef.KUBERNETES.equals(kind.provider())) {
      return false;
    }
    return isAwsAuth(kind) ? awsAuth != null : kind.apiVersion() != null;
  }

  /** One list request across all namespaces with {@code selector} as an equality label selector (aws-auth: one GET). */
  @Override
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    return isAwsAuth(kind) ? awsAuth().list(selector) : objects.list(apiKind(kind), selector);
  }

  /** One list request in {@code namespace} (all when null) with {@code selector} as an equality label selector. */
  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    if (isAwsAuth(kind)) {
      return ResourceStore.super.list(kind, namespace, selector);
    }
    return objects.list(apiKind(kind), namespace, selector);
  }

  /** One GET; empty when the object does not exist or is being deleted. */
  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return isAwsAuth(kind) ? awsAuth().get(ref) : objects.get(apiKind(kind), ref);
  }

  /** One POST (aws-auth: a GET and a conditional PUT, or a POST of the ConfigMap when there is none). */
  @Override
  public void create(Kind kind, Resource desired) {
    if (isAwsAuth(kind)) {
      awsAuth().create(desired);
    } else {
      objects.create(apiKind(kind), desired);
    }
  }

  /**
   * One JSON merge patch of the owned labels, annotations and body paths, carrying the version of
   * {@code current} (aws-auth: a GET and a conditional PUT).
   */
  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    if (isAwsAuth(kind)) {
      awsAuth().update(current, update);
    } else {
      objects.update(apiKind(kind), current, update);
    }
  }

  /** One DELETE with the version of {@code current} as precondition (aws-auth: a GET and a conditional PUT). */
  @Override
  public void delete(Kind kind, Resource current) {
    if (isAwsAuth(kind)) {
      awsAuth().delete(current);
    } else {
      objects.delete(apiKind(kind), current);
    }
  }

  /** One GET of the namespace: a namespace being deleted refuses new objects until it is gone. */
  @Override
  public Optional<String> blockedNamespace(String namespace) {
    return objects.blockedNamespace(namespace);
  }

  /**
   * The objects in the namespace that platformkit does not own, counted by kind: one list per namespaced
   * kind the API server serves (found by API discovery, as {@code kubectl api-resources --namespaced
   * --verbs=list} finds them, custom resources included; a fixed set of the common workload, network,
   * storage, configuration and RBAC kinds when discovery is not allowed), counting only top-level objects
   * (a Deployment, not its ReplicaSets and Pods) and leaving out Events, Endpoints, metrics and what Kubernetes itself puts in
   * every namespace ({@code kube-root-ca.crt}, the {@code default} ServiceAccount).
   */
  @Override
  public Map<String, Integer> foreignContents(String namespace) {
    return objects.foreignContents(namespace, marks());
  }

  private AwsAuthStore awsAuth() {
    if (awsAuth == null) {
      throw new PlatformException("aws-auth mappings are disabled in this KubernetesBackend"
          + " (KubernetesBackend.builder(client).awsAuth(true) enables them)");
    }
    return awsAuth;
  }

  private static boolean isAwsAuth(Kind kind) {
    return AwsAuthStore.KIND.equals(kind.name()) && kind.apiVersion() == null;
  }

  private static Kind apiKind(Kind kind) {
    if (kind.apiVersion() == null) {
      throw new PlatformException("the Kubernetes backend cannot hold " + kind + ": it has no apiVersion");
    }
    return kind;
  }

  /** Builds a {@link KubernetesBackend}. */
  public static final class Builder {
    private final KubernetesClient client;
    private boolean awsAuth = true;

    private Builder(KubernetesClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Whether the backend holds {@code AwsAuthMapping}s in the {@code kube-system/aws-auth} ConfigMap.
     * Default: true, so that mappings left from aws-auth mode are found (and removed) after a move to EKS
     * access entries. Set false where the backend may not read ConfigMaps in {@code kube-system}; tenants
     * then cannot use {@link dev.platformkit.tenant.IamAccess#AWS_AUTH_CONFIGMAP}.
     */
    public Builder awsAuth(boolean enabled) {
      this.awsAuth = enabled;
      return this;
    }

    /** The backend. */
    public KubernetesBackend build() {
      return new KubernetesBackend(this);
    }
  }
}
