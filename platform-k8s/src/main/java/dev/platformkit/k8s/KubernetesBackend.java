package dev.platformkit.k8s;

import dev.platformkit.ResourceRef;
import dev.platformkit.k8s.internal.ApiKind;
import dev.platformkit.k8s.internal.AwsAuthStore;
import dev.platformkit.k8s.internal.ObjectStore;
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
 * <p>It holds Namespaces, ResourceQuotas, LimitRanges, NetworkPolicies and RoleBindings as API objects,
 * and {@code AwsAuthMapping}s as entries of {@code mapRoles} in the {@code kube-system/aws-auth}
 * ConfigMap (for {@link dev.platformkit.tenant.IamAccess#AWS_AUTH_CONFIGMAP}). API paths are fixed per kind,
 * so no discovery request is made. A list is one request, cluster-wide, with an equality label selector.
 * Updates are JSON Patches of the owned fields only, conditional on the resource version read; deletes
 * are conditional on it too.
 *
 * <p>Errors: 409 and stale versions are a {@link dev.platformkit.ConflictException}, 404 a
 * {@link dev.platformkit.NotFoundException}, 429, 5xx and unanswered requests a retryable
 * {@link dev.platformkit.BackendException}, anything else a non-retryable one. The platform retries what
 * is retryable; the fabric8 client retries 5xx and connection failures on its own too (its
 * {@code requestRetryBackoffLimit}), so set that to 0 if the platform's {@code RetryPolicy} should be the only
 * one.
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

  /** Namespace, ResourceQuota, LimitRange, NetworkPolicy, RoleBinding and (unless disabled) AwsAuthMapping. */
  @Override
  public boolean supports(String kind) {
    return isAwsAuth(kind) ? awsAuth != null : ApiKind.of(kind).isPresent();
  }

  /** One list request across all namespaces with {@code selector} as an equality label selector (aws-auth: one GET). */
  @Override
  public List<Resource> list(String kind, Map<String, String> selector) {
    return isAwsAuth(kind) ? awsAuth().list(selector) : objects.list(apiKind(kind), selector);
  }

  /** One GET; empty when the object does not exist. */
  @Override
  public Optional<Resource> get(ResourceRef ref) {
    return isAwsAuth(ref.kind()) ? awsAuth().get(ref) : objects.get(apiKind(ref.kind()), ref);
  }

  /** One POST (aws-auth: a GET and a conditional PUT, or a POST of the ConfigMap when there is none). */
  @Override
  public void create(Resource desired) {
    if (isAwsAuth(desired.ref().kind())) {
      awsAuth().create(desired);
    } else {
      objects.create(apiKind(desired.ref().kind()), desired);
    }
  }

  /** One JSON Patch carrying the version of {@code current} (aws-auth: a GET and a conditional PUT). */
  @Override
  public void update(Resource current, ResourceUpdate update) {
    if (isAwsAuth(current.ref().kind())) {
      awsAuth().update(current, update);
    } else {
      objects.update(apiKind(current.ref().kind()), current, update);
    }
  }

  /** One DELETE with the version of {@code current} as precondition (aws-auth: a GET and a conditional PUT). */
  @Override
  public void delete(Resource current) {
    if (isAwsAuth(current.ref().kind())) {
      awsAuth().delete(current);
    } else {
      objects.delete(apiKind(current.ref().kind()), current);
    }
  }

  private AwsAuthStore awsAuth() {
    if (awsAuth == null) {
      throw new UnsupportedOperationException("aws-auth mappings are disabled in this KubernetesBackend"
          + " (KubernetesBackend.builder(client).awsAuth(true) enables them)");
    }
    return awsAuth;
  }

  private static boolean isAwsAuth(String kind) {
    return AwsAuthStore.KIND.equals(kind);
  }

  private static ApiKind apiKind(String kind) {
    return ApiKind.of(kind).orElseThrow(() -> new UnsupportedOperationException("the Kubernetes backend does not hold " + kind));
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
