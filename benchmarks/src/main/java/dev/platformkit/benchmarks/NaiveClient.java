package dev.platformkit.benchmarks;

import dev.platformkit.spi.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The usual hand-written client, for comparison: for every object, GET it, then create it when it is
 * missing or PUT it back with our fields when they differ.
 */
final class NaiveClient {
  private static final Map<String, ResourceDefinitionContext> KINDS = Map.of(
      "Namespace", context("", "Namespace", "namespaces", false),
      "ResourceQuota", context("", "ResourceQuota", "resourcequotas", true),
      "LimitRange", context("", "LimitRange", "limitranges", true),
      "NetworkPolicy", context("networking.k8s.io", "NetworkPolicy", "networkpolicies", true),
      "RoleBinding", context("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", true));

  private final KubernetesClient client;

  NaiveClient(KubernetesClient client) {
    this.client = client;
  }

  void apply(List<Resource> desired) {
    for (Resource r : desired) {
      ResourceDefinitionContext kind = KINDS.get(r.ref().kind());
      MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> ops =
          client.genericKubernetesResources(kind);
      var named = kind.isNamespaceScoped() ? ops.inNamespace(r.ref().namespace()).withName(r.ref().name()) : ops.withName(r.ref().name());
      GenericKubernetesResource current = named.get();
      if (current == null) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(apiVersion(kind));
        object.setKind(kind.getKind());
        object.setMetadata(new ObjectMetaBuilder().withName(r.ref().name()).withNamespace(r.ref().namespace())
            .withLabels(r.labels()).withAnnotations(r.annotations()).build());
        r.body().forEach(object::setAdditionalProperty);
        (kind.isNamespaceScoped() ? ops.inNamespace(r.ref().namespace()) : ops).resource(object).create();
      } else if (!matches(current, r)) {
        ObjectMeta meta = current.getMetadata();
        meta.setLabels(merged(meta.getLabels(), r.labels()));
        meta.setAnnotations(merged(meta.getAnnotations(), r.annotations()));
        r.body().forEach(current::setAdditionalProperty);
        (kind.isNamespaceScoped() ? ops.inNamespace(r.ref().namespace()) : ops).resource(current).update();
      }
    }
  }

  private static boolean matches(GenericKubernetesResource current, Resource r) {
    ObjectMeta meta = current.getMetadata();
    return contains(meta.getLabels(), r.labels()) && contains(meta.getAnnotations(), r.annotations())
        && r.body().entrySet().stream().allMatch(e -> Objects.equals(current.getAdditionalProperties().get(e.getKey()), e.getValue()));
  }

  private static boolean contains(Map<String, String> actual, Map<String, String> wanted) {
    return (actual == null ? Map.of() : actual).entrySet().containsAll(wanted.entrySet());
  }

  private static Map<String, String> merged(Map<String, String> actual, Map<String, String> wanted) {
    Map<String, String> out = actual == null ? new HashMap<>() : new HashMap<>(actual);
    out.putAll(wanted);
    return out;
  }

  private static String apiVersion(ResourceDefinitionContext kind) {
    return kind.getGroup().isEmpty() ? kind.getVersion() : kind.getGroup() + "/" + kind.getVersion();
  }

  private static ResourceDefinitionContext context(String group, String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind)
        .withPlural(plural).withNamespaced(namespaced).build();
  }
}
