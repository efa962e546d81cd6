package dev.platformkit.k8s.internal;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind the backend stores as a plain API object: where it lives in the API and which top-level fields
 * platformkit owns (the {@link dev.platformkit.spi.Resource#body()}). Fixed here rather than discovered,
 * so that no request goes to the discovery endpoints.
 *
 * @param context group, version, plural and scope of the API resource
 * @param ownedFields the top-level fields that make up the body
 */
public record ApiKind(ResourceDefinitionContext context, List<String> ownedFields) {

  private static final Map<String, ApiKind> KINDS = Map.of(
      "Namespace", of("", "v1", "Namespace", "namespaces", false),
      "ResourceQuota", of("", "v1", "ResourceQuota", "resourcequotas", true, "spec"),
      "LimitRange", of("", "v1", "LimitRange", "limitranges", true, "spec"),
      "NetworkPolicy", of("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, "spec"),
      "RoleBinding", of("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, "roleRef", "subjects"));

  /** The mapping of {@code kind}, if it is one of the plain kinds. */
  public static Optional<ApiKind> of(String kind) {
    return Optional.ofNullable(KINDS.get(kind));
  }

  private static ApiKind of(String group, String version, String kind, String plural, boolean namespaced,
      String... ownedFields) {
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
        .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(namespaced).build();
    return new ApiKind(context, List.of(ownedFields));
  }

  /** The kind name, such as {@code RoleBinding}. */
  public String name() {
    return context.getKind();
  }

  /** {@code v1} or {@code group/v1}. */
  public String apiVersion() {
    String group = context.getGroup();
    return group == null || group.isEmpty() ? context.getVersion() : group + "/" + context.getVersion();
  }

  /** Whether objects of this kind live in a namespace. */
  public boolean namespaced() {
    return context.isNamespaceScoped();
  }
}
