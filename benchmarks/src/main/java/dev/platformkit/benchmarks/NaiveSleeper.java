package dev.platformkit.benchmarks;

import dev.platformkit.ResourceRef;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * The usual hand-written sleeper, for comparison: for every workload it is told about, GET it, PATCH the
 * replica count, then PATCH the annotation that remembers the original count (two writes: a crash
 * between them loses the count). It is given the targeted names, so it lists nothing.
 */
final class NaiveSleeper {
  static final String RECORD = "platformkit.dev/sleep";
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final KubernetesClient client;

  NaiveSleeper(KubernetesClient client) {
    this.client = client;
  }

  void sleep(List<ResourceRef> targets) {
    for (ResourceRef ref : targets) {
      var deployments = client.apps().deployments().inNamespace(ref.namespace());
      Deployment d = deployments.withName(ref.name()).get();
      var named = deployments.resource(d); // patching the item read: fabric8 reads again when patching by name
      Integer replicas = d.getSpec().getReplicas();
      Map<String, String> annotations = d.getMetadata().getAnnotations();
      if (replicas == null || replicas == 0 || (annotations != null && annotations.containsKey(RECORD))) {
        continue;
      }
      named.patch(MERGE, "{\"spec\":{\"replicas\":0}}");
      named.patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + RECORD + "\":\"" + replicas + "\"}}}");
    }
  }

  void wake(List<ResourceRef> targets) {
    for (ResourceRef ref : targets) {
      var deployments = client.apps().deployments().inNamespace(ref.namespace());
      Deployment d = deployments.withName(ref.name()).get();
      var named = deployments.resource(d);
      Map<String, String> annotations = d.getMetadata().getAnnotations();
      String original = annotations == null ? null : annotations.get(RECORD);
      if (original == null) {
        continue;
      }
      named.patch(MERGE, "{\"spec\":{\"replicas\":" + Integer.parseInt(original) + "}}");
      named.patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + RECORD + "\":null}}}");
    }
  }
}
