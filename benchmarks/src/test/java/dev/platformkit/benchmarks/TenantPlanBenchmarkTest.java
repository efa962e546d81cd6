package dev.platformkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.spec.SpecReader;
import dev.platformkit.tenant.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan benchmark at a small size: what it claims holds (requests, objects decoded, no changes), not timings. */
class TenantPlanBenchmarkTest {

  @Test
  void bothDecodingsPlanTheServedTenantsWithOneRequestPerKindAndFindNothingToChange() {
    List<Tenant> tenants = TenantPlanBenchmark.tenants(5);

    List<TenantPlanBenchmark.Measurement> rows = TenantPlanBenchmark.run(tenants, 1);

    assertThat(rows).extracting(TenantPlanBenchmark.Measurement::decoding)
        .containsExactly(TenantPlanBenchmark.TYPED, TenantPlanBenchmark.BACKEND);
    assertThat(rows).allSatisfy(m -> {
      assertThat(m.requests()).isEqualTo(6); // five label-selected lists and the GET of aws-auth
      assertThat(m.objectsDecoded()).isEqualTo(5 * 18);
      assertThat(m.changes()).isZero(); // the served objects are what the specs render, as the server holds them
      assertThat(m.lists()).isLessThanOrEqualTo(m.plan());
    });
  }

  @Test
  void theListsAreServedAsARealApiServerAnswersThem() throws Exception {
    try (RecordedApi api = new RecordedApi(TenantPlanBenchmark.written(TenantPlanBenchmark.tenants(2)))) {
      JsonNode namespaces = get(api, "/api/v1/namespaces?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dplatformkit");
      JsonNode quotas = get(api, "/api/v1/resourcequotas?labelSelector=platformkit.dev%2Ftenant%3Dteam-1");

      assertThat(api.objectCount()).isEqualTo(2 * 18);
      assertThat(namespaces.path("kind").asText()).isEqualTo("NamespaceList");
      assertThat(namespaces.path("items")).hasSize(4);
      JsonNode ns = namespaces.path("items").get(0);
      assertThat(ns.has("kind")).as("list items carry no kind").isFalse();
      assertThat(ns.path("metadata").path("labels").path("kubernetes.io/metadata.name").asText())
          .isEqualTo(ns.path("metadata").path("name").asText());
      assertThat(ns.path("metadata").path("managedFields").get(0).path("manager").asText())
          .isEqualTo("fabric8-kubernetes-client");
      assertThat(ns.path("metadata").path("uid").asText()).isNotEmpty();
      assertThat(ns.path("status").path("phase").asText()).isEqualTo("Active");
      assertThat(quotas.path("items")).hasSize(2); // the selector is honoured
      assertThat(quotas.path("items").get(0).path("status").path("used").path("pods").asText()).isEqualTo("0");
      assertThat(api.listRequests()).isEqualTo(2);
    }
  }

  @Test
  void theGeneratedSpecsReadBackAsTheBenchmarkedTenants(@TempDir Path dir) throws Exception {
    List<Tenant> tenants = TenantPlanBenchmark.tenants(3);

    Path specs = TenantPlanBenchmark.writeSpecs(tenants, dir.resolve("specs"));

    assertThat(SpecReader.create().read(specs).tenants()).containsExactlyInAnyOrderElementsOf(tenants);
  }

  @Test
  void theTableShowsBothDecodingsWithTheSplit() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<TenantPlanBenchmark.Measurement> rows = List.of(new TenantPlanBenchmark.Measurement(
        TenantPlanBenchmark.BACKEND, 6, 3600, 0, Duration.ofMillis(1500), Duration.ofMillis(1000)));

    TenantPlanBenchmark.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 200, 3600, 5_400_000, 9, rows);

    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("200 tenants = 3600 objects", "5.4 MB", "median of 9")
        .containsPattern("KubernetesBackend +6 +3600 +0 +1\\.500 s +1\\.000 s +0\\.500 s");
  }

  private static JsonNode get(RecordedApi api, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(api.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
