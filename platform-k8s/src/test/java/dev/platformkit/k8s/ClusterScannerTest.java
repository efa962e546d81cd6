package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.upgrade.DeprecatedApi;
import dev.platformkit.upgrade.DeprecatedApis;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ClusterScannerTest {
  @Test
  void everyCatalogueKindHasThePluralTheApiServerGivesIt() {
    assertThat(ClusterScanner.plural("Ingress")).isEqualTo("ingresses");
    assertThat(ClusterScanner.plural("PodSecurityPolicy")).isEqualTo("podsecuritypolicies");
    assertThat(ClusterScanner.plural("FlowSchema")).isEqualTo("flowschemas");
    assertThat(ClusterScanner.plural("CSIStorageCapacity")).isEqualTo("csistoragecapacities");
    assertThat(ClusterScanner.plural("EndpointSlice")).isEqualTo("endpointslices");
    assertThat(ClusterScanner.plural("PriorityLevelConfiguration")).isEqualTo("prioritylevelconfigurations");
    assertThat(DeprecatedApis.bundled().all()).extracting(DeprecatedApi::kind)
        .allSatisfy(k -> assertThat(ClusterScanner.plural(k)).matches("[a-z]+(s|es|ies)"));
  }

  @Test
  void theChartNameIsDroppedFromAHelmSourcePath() {
    assertThat(ClusterScanner.withoutChartName("shop/templates/ingress.yaml")).isEqualTo("templates/ingress.yaml");
    assertThat(ClusterScanner.withoutChartName("shop/charts/redis/templates/psp.yaml")).isEqualTo("charts/redis/templates/psp.yaml");
    assertThat(ClusterScanner.withoutChartName("odd.yaml")).isEqualTo("odd.yaml");
  }

  @Test
  void lastAppliedIsReadForApiVersionAndKindOnly() throws IOException {
    assertThat(ClusterScanner.apiVersionAndKind("{\"spec\":{\"kind\":\"inner\"},\"kind\":\"Ingress\",\"apiVersion\":\"extensions/v1beta1\"}"))
        .containsExactly("extensions/v1beta1", "Ingress");
    assertThatThrownBy(() -> ClusterScanner.apiVersionAndKind("[]")).isInstanceOf(IOException.class);
  }

  @Test
  void aPageSizeBelowOneIsRefused() {
    try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(io.fabric8.kubernetes.client.Config.empty()).build()) {
      assertThatThrownBy(() -> ClusterScanner.create(client, DeprecatedApis.bundled(), 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize");
    }
  }
}
