package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeprecatedApisTest {

  private static final DeprecatedApis APIS = DeprecatedApis.bundled();

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  /**
   * The expected catalogue, written out independently of the data file from the upstream deprecation
   * guide: apiVersion, kind, deprecatedIn, removedIn, replacement, replacementAvailableIn, and where the
   * replacement is first served only at the removal, interimReplacement and interimReplacementAvailableIn.
   */
  private static final List<String> EXPECTED = List.of(
      "extensions/v1beta1, NetworkPolicy, 1.9, 1.16, networking.k8s.io/v1, 1.8",
      "extensions/v1beta1, PodSecurityPolicy, 1.10, 1.16, policy/v1beta1, 1.10",
      "extensions/v1beta1, DaemonSet, 1.9, 1.16, apps/v1, 1.9",
      "apps/v1beta2, DaemonSet, 1.9, 1.16, apps/v1, 1.9",
      "extensions/v1beta1, Deployment, 1.9, 1.16, apps/v1, 1.9",
      "apps/v1beta1, Deployment, 1.9, 1.16, apps/v1, 1.9",
      "apps/v1beta2, Deployment, 1.9, 1.16, apps/v1, 1.9",
      "apps/v1beta1, StatefulSet, 1.9, 1.16, apps/v1, 1.9",
      "apps/v1beta2, StatefulSet, 1.9, 1.16, apps/v1, 1.9",
      "extensions/v1beta1, ReplicaSet, 1.9, 1.16, apps/v1, 1.9",
      "apps/v1beta1, ReplicaSet, 1.9, 1.16, apps/v1, 1.9",
      "apps/v1beta2, ReplicaSet, 1.9, 1.16, apps/v1, 1.9",
      "admissionregistration.k8s.io/v1beta1, MutatingWebhookConfiguration, 1.16, 1.22, admissionregistration.k8s.io/v1, 1.16",
      "admissionregistration.k8s.io/v1beta1, ValidatingWebhookConfiguration, 1.16, 1.22, admissionregistration.k8s.io/v1, 1.16",
      "apiextensions.k8s.io/v1beta1, CustomResourceDefinition, 1.16, 1.22, apiextensions.k8s.io/v1, 1.16",
      "apiregistration.k8s.io/v1beta1, APIService, 1.19, 1.22, apiregistration.k8s.io/v1, 1.10",
      "authentication.k8s.io/v1beta1, TokenReview, 1.19, 1.22, authentication.k8s.io/v1, 1.6",
      "authorization.k8s.io/v1beta1, LocalSubjectAccessReview, 1.19, 1.22, authorization.k8s.io/v1, 1.6",
      "authorization.k8s.io/v1beta1, SelfSubjectAccessReview, 1.19, 1.22, authorization.k8s.io/v1, 1.6",
      "authorization.k8s.io/v1beta1, SubjectAccessReview, 1.19, 1.22, authorization.k8s.io/v1, 1.6",
      "certificates.k8s.io/v1beta1, CertificateSigningRequest, 1.19, 1.22, certificates.k8s.io/v1, 1.19",
      "coordination.k8s.io/v1beta1, Lease, 1.19, 1.22, coordination.k8s.io/v1, 1.14",
      "extensions/v1beta1, Ingress, 1.14, 1.22, networking.k8s.io/v1, 1.19",
      "networking.k8s.io/v1beta1, Ingress, 1.19, 1.22, networking.k8s.io/v1, 1.19",
      "networking.k8s.io/v1beta1, IngressClass, 1.19, 1.22, networking.k8s.io/v1, 1.19",
      "rbac.authorization.k8s.io/v1beta1, ClusterRole, 1.17, 1.22, rbac.authorization.k8s.io/v1, 1.8",
      "rbac.authorization.k8s.io/v1beta1, ClusterRoleBinding, 1.17, 1.22, rbac.authorization.k8s.io/v1, 1.8",
      "rbac.authorization.k8s.io/v1beta1, Role, 1.17, 1.22, rbac.authorization.k8s.io/v1, 1.8",
      "rbac.authorization.k8s.io/v1beta1, RoleBinding, 1.17, 1.22, rbac.authorization.k8s.io/v1, 1.8",
      "scheduling.k8s.io/v1beta1, PriorityClass, 1.14, 1.22, scheduling.k8s.io/v1, 1.14",
      "storage.k8s.io/v1beta1, CSIDriver, 1.19, 1.22, storage.k8s.io/v1, 1.19",
      "storage.k8s.io/v1beta1, CSINode, 1.17, 1.22, storage.k8s.io/v1, 1.17",
      "storage.k8s.io/v1beta1, StorageClass, 1.19, 1.22, storage.k8s.io/v1, 1.6",
      "storage.k8s.io/v1beta1, VolumeAttachment, 1.19, 1.22, storage.k8s.io/v1, 1.13",
      "batch/v1beta1, CronJob, 1.21, 1.25, batch/v1, 1.21",
      "discovery.k8s.io/v1beta1, EndpointSlice, 1.21, 1.25, discovery.k8s.io/v1, 1.21",
      "events.k8s.io/v1beta1, Event, 1.22, 1.25, events.k8s.io/v1, 1.19",
      "autoscaling/v2beta1, HorizontalPodAutoscaler, 1.22, 1.25, autoscaling/v2, 1.23",
      "policy/v1beta1, PodDisruptionBudget, 1.21, 1.25, policy/v1, 1.21",
      "policy/v1beta1, PodSecurityPolicy, 1.21, 1.25, -, -",
      "node.k8s.io/v1beta1, RuntimeClass, 1.22, 1.25, node.k8s.io/v1, 1.20",
      // the guide names only v1beta3, served from 1.26; the 1.26 removals announcement named v1beta2, served since 1.23
      "flowcontrol.apiserver.k8s.io/v1beta1, FlowSchema, 1.23, 1.26, flowcontrol.apiserver.k8s.io/v1beta3, 1.26,"
          + " flowcontrol.apiserver.k8s.io/v1beta2, 1.23",
      "flowcontrol.apiserver.k8s.io/v1beta1, PriorityLevelConfiguration, 1.23, 1.26, flowcontrol.apiserver.k8s.io/v1beta3, 1.26,"
          + " flowcontrol.apiserver.k8s.io/v1beta2, 1.23",
      "autoscaling/v2beta2, HorizontalPodAutoscaler, 1.23, 1.26, autoscaling/v2, 1.23",
      "storage.k8s.io/v1beta1, CSIStorageCapacity, 1.24, 1.27, storage.k8s.io/v1, 1.24",
      // the guide: "use v1, available since v1.29, or v1beta3, available since v1.26"
      "flowcontrol.apiserver.k8s.io/v1beta2, FlowSchema, 1.26, 1.29, flowcontrol.apiserver.k8s.io/v1, 1.29,"
          + " flowcontrol.apiserver.k8s.io/v1beta3, 1.26",
      "flowcontrol.apiserver.k8s.io/v1beta2, PriorityLevelConfiguration, 1.26, 1.29, flowcontrol.apiserver.k8s.io/v1, 1.29,"
          + " flowcontrol.apiserver.k8s.io/v1beta3, 1.26",
      "flowcontrol.apiserver.k8s.io/v1beta3, FlowSchema, 1.29, 1.32, flowcontrol.apiserver.k8s.io/v1, 1.29",
      "flowcontrol.apiserver.k8s.io/v1beta3, PriorityLevelConfiguration, 1.29, 1.32, flowcontrol.apiserver.k8s.io/v1, 1.29");

  static Stream<Arguments> expected() {
    return EXPECTED.stream().map(line -> line.split(", "))
        .map(f -> Arguments.of(f[0], f[1], f[2], f[3], f[4], f[5], f.length > 6 ? f[6] : "-", f.length > 6 ? f[7] : "-"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("expected")
  void everyRowMatchesTheUpstreamGuide(String apiVersion, String kind, String deprecatedIn, String removedIn, String replacement,
      String availableIn, String interim, String interimAvailableIn) {
    DeprecatedApi row = APIS.lookup(apiVersion, kind).orElseThrow(() -> new AssertionError(apiVersion + " " + kind + " is missing"));

    assertThat(row.deprecatedIn()).as("deprecatedIn").isEqualTo(v(deprecatedIn));
    assertThat(row.removedIn()).as("removedIn").isEqualTo(v(removedIn));
    assertThat(row.replacement()).as("replacement").isEqualTo(replacement.equals("-") ? Optional.empty() : Optional.of(replacement));
    assertThat(row.replacementAvailableIn()).as("replacementAvailableIn")
        .isEqualTo(availableIn.equals("-") ? Optional.empty() : Optional.of(v(availableIn)));
    assertThat(row.interimReplacement()).as("interimReplacement").isEqualTo(interim.equals("-") ? Optional.empty() : Optional.of(interim));
    assertThat(row.interimReplacementAvailableIn()).as("interimReplacementAvailableIn")
        .isEqualTo(interimAvailableIn.equals("-") ? Optional.empty() : Optional.of(v(interimAvailableIn)));
    assertThat(row.source()).startsWith("https://kubernetes.io/");
  }

  @Test
  void theFileHoldsExactlyTheExpectedRows() {
    Set<String> inFile = new HashSet<>();
    for (DeprecatedApi row : APIS.all()) {
      inFile.add(row.apiVersion() + " " + row.kind());
    }
    Set<String> expected = new HashSet<>();
    for (String line : EXPECTED) {
      String[] f = line.split(", ");
      expected.add(f[0] + " " + f[1]);
    }
    assertThat(inFile).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(APIS.all()).hasSize(EXPECTED.size());
  }

  @Test
  void followsTheGuideWherePublicToolsDisagree() {
    assertThat(APIS.lookup("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema").orElseThrow().removedIn()).isEqualTo(v("1.26"));
    for (String kind : List.of("SubjectAccessReview", "SelfSubjectAccessReview", "LocalSubjectAccessReview")) {
      assertThat(APIS.lookup("authorization.k8s.io/v1beta1", kind)).as(kind).map(DeprecatedApi::removedIn).contains(v("1.22"));
    }
    assertThat(APIS.lookup("authentication.k8s.io/v1beta1", "TokenReview")).map(DeprecatedApi::removedIn).contains(v("1.22"));
  }

  @Test
  void lookupIsExactAndMissesWhatIsNotDeprecated() {
    assertThat(APIS.lookup("apps/v1", "Deployment")).isEmpty();
    assertThat(APIS.lookup("batch/v1beta1", "Job")).as("only CronJob was served at batch/v1beta1").isEmpty();
    assertThat(APIS.lookup("batch/v1beta1", "cronjob")).as("kinds are case sensitive").isEmpty();
    assertThat(APIS.lookup(" batch/v1beta1 ", "CronJob")).isPresent();
    assertThatThrownBy(() -> APIS.lookup(null, "CronJob")).hasMessage("apiVersion");
  }

  @Test
  void removedBetweenCoversTheHopsAfterFromUpToTo() {
    List<DeprecatedApi> removed = APIS.removedBetween(v("1.20.7"), v("1.27"));
    assertThat(removed).extracting(DeprecatedApi::removedIn).containsOnly(v("1.22"), v("1.25"), v("1.26"), v("1.27"));
    assertThat(removed).hasSize(22 + 7 + 3 + 1);
    assertThat(removed).extracting(DeprecatedApi::removedIn).isSorted();

    assertThat(APIS.removedBetween(v("1.22"), v("1.24"))).as("1.22's removals already happened at 1.22").isEmpty();
    assertThat(APIS.removedBetween(v("1.21"), v("1.22"))).hasSize(22);
    assertThat(APIS.removedBetween(v("1.28"), v("1.28.5"))).isEmpty();
    assertThat(APIS.removedBetween(v("1.27"), v("1.20"))).isEmpty();
    assertThat(APIS.removedBetween(v("1.32"), v("1.34"))).as("the guide lists nothing after 1.32").isEmpty();
    assertThat(APIS.removedBetween(v("1.15"), v("1.16"))).hasSize(12);

    assertThat(APIS.removedBy(new Hop(v("1.31"), v("1.32")))).extracting(DeprecatedApi::toString).containsExactly(
        "flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema (deprecated 1.29, removed 1.32, use flowcontrol.apiserver.k8s.io/v1 since 1.29)",
        "flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration (deprecated 1.29, removed 1.32, use flowcontrol.apiserver.k8s.io/v1 since 1.29)");
    for (Hop hop : Hop.between(v("1.15"), v("1.34"))) {
      assertThat(APIS.removedBy(hop)).allSatisfy(r -> assertThat(r.removedIn()).isEqualTo(hop.to()));
    }
  }

  @Test
  void rowPredicates() {
    DeprecatedApi cronJob = APIS.lookup("batch/v1beta1", "CronJob").orElseThrow();
    assertThat(cronJob.group()).isEqualTo("batch");
    assertThat(cronJob.version()).isEqualTo("v1beta1");
    assertThat(cronJob.isDeprecatedAt(v("1.20"))).isFalse();
    assertThat(cronJob.isDeprecatedAt(v("1.21.3"))).isTrue();
    assertThat(cronJob.isDeprecatedAt(v("1.24"))).isTrue();
    assertThat(cronJob.isDeprecatedAt(v("1.25"))).isFalse();
    assertThat(cronJob.isRemovedAt(v("1.24.17"))).isFalse();
    assertThat(cronJob.isRemovedAt(v("1.25.0"))).isTrue();
    assertThat(cronJob.canMigrateAt(v("1.20"))).isFalse();
    assertThat(cronJob.canMigrateAt(v("1.21"))).isTrue();
    DeprecatedApi psp = APIS.lookup("policy/v1beta1", "PodSecurityPolicy").orElseThrow();
    assertThat(psp.canMigrateAt(v("1.24"))).isFalse();
    assertThat(psp).hasToString("policy/v1beta1 PodSecurityPolicy (deprecated 1.21, removed 1.25, no replacement)");
    assertThat(APIS.deprecatedAt(v("1.24"))).extracting(DeprecatedApi::removedIn).containsOnly(v("1.25"), v("1.26"), v("1.27"));
  }

  /**
   * An in-place upgrade migrates a manifest while the cluster is one minor before the removal: every row with a
   * replacement must offer one served there (flowcontrol v1beta1 and v1beta2 only through their interim one).
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("expected")
  void aReplacementIsServedTheMinorBeforeTheRemoval(String apiVersion, String kind) {
    DeprecatedApi row = APIS.lookup(apiVersion, kind).orElseThrow();
    KubernetesVersion before = KubernetesVersion.of(1, row.removedIn().minor() - 1);

    Optional<DeprecatedApi.Replacement> served = row.replacementServedAt(before);

    if (row.replacement().isEmpty()) {
      assertThat(served).isEmpty();
      assertThat(row.canMigrateAt(before)).isFalse();
    } else {
      assertThat(served).as(row + " at " + before).isPresent();
      assertThat(served.get().interim()).as("the interim one only when the replacement is not served yet")
          .isEqualTo(!row.replacementAvailableIn().orElseThrow().isBefore(row.removedIn()));
      assertThat(served.get().isServedAt(before)).isTrue();
      assertThat(row.canMigrateAt(before)).isTrue();
    }
  }

  @Test
  void theReplacementServedAtAMinorPrefersTheReplacementOverTheInterimOne() {
    DeprecatedApi v1beta2 = APIS.lookup("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema").orElseThrow();

    assertThat(v1beta2.replacementServedAt(v("1.25.9"))).isEmpty();
    assertThat(v1beta2.canMigrateAt(v("1.25"))).isFalse();
    assertThat(v1beta2.replacementServedAt(v("1.26.0")))
        .contains(new DeprecatedApi.Replacement("flowcontrol.apiserver.k8s.io/v1beta3", v("1.26"), true));
    assertThat(v1beta2.replacementServedAt(v("1.28.4"))).map(DeprecatedApi.Replacement::apiVersion).contains("flowcontrol.apiserver.k8s.io/v1beta3");
    assertThat(v1beta2.replacementServedAt(v("1.29")))
        .contains(new DeprecatedApi.Replacement("flowcontrol.apiserver.k8s.io/v1", v("1.29"), false));
    assertThat(v1beta2.replacements()).extracting(DeprecatedApi.Replacement::toString).containsExactly(
        "flowcontrol.apiserver.k8s.io/v1 (served since 1.29)", "flowcontrol.apiserver.k8s.io/v1beta3 (served since 1.26)");
    assertThat(v1beta2).hasToString("flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema (deprecated 1.26, removed 1.29, use"
        + " flowcontrol.apiserver.k8s.io/v1 since 1.29, or flowcontrol.apiserver.k8s.io/v1beta3 since 1.26 before that)");
    DeprecatedApi psp = APIS.lookup("policy/v1beta1", "PodSecurityPolicy").orElseThrow();
    assertThat(psp.replacements()).isEmpty();
    assertThat(psp.replacementServedAt(v("1.24"))).isEmpty();
  }

  @Test
  void everyInterimReplacementIsServedUntilTheReplacementIs() {
    for (DeprecatedApi row : APIS.all()) {
      row.interimReplacement().ifPresent(interim -> APIS.lookup(interim, row.kind()).ifPresent(next ->
          assertThat(next.removedIn()).as(row + ": the interim " + next).isGreaterThan(row.replacementAvailableIn().orElseThrow())));
    }
  }

  @Test
  void everyReplacementIsServedBeforeTheRemovalAndIsNotItselfRemovedFirst() {
    for (DeprecatedApi row : APIS.all()) {
      row.replacement().ifPresent(r -> {
        assertThat(row.replacementAvailableIn().orElseThrow()).as(row.toString()).isLessThanOrEqualTo(row.removedIn());
        APIS.lookup(r, row.kind()).ifPresent(next ->
            assertThat(next.removedIn()).as(row + " -> " + next).isGreaterThan(row.removedIn()));
      });
    }
  }

  /** The recorded kube-apiserver v1.28 serves none of the group/versions removed by 1.28 and all those removed later. */
  @Test
  void agreesWithARealApiServer() throws Exception {
    Path discovery = sharedReference().resolve("apiserver-v1.28/35-removed-apis/1-apis-discovery.response.json");
    assumeTrue(Files.isRegularFile(discovery), "../shared/reference/apiserver-v1.28 is absent: " + discovery);
    Set<String> served = new HashSet<>();
    for (JsonNode group : new ObjectMapper().readTree(discovery.toFile()).get("groups")) {
      group.get("versions").forEach(version -> served.add(version.get("groupVersion").asText()));
    }
    for (DeprecatedApi row : APIS.all()) {
      assertThat(served.contains(row.apiVersion())).as(row.toString()).isEqualTo(!row.isRemovedAt(v("1.28")));
      // what the planner would move a manifest to on a 1.28 cluster is served there
      row.replacementServedAt(v("1.28")).map(DeprecatedApi.Replacement::apiVersion)
          .filter(r -> APIS.lookup(r, row.kind()).map(n -> !n.isRemovedAt(v("1.28"))).orElse(true))
          .ifPresent(r -> assertThat(served).as(row + ": its replacement served at 1.28").contains(r));
    }
  }

  static Path sharedReference() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".git"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("../shared/reference").toAbsolutePath() : dir.resolveSibling("shared").resolve("reference");
  }

  @Test
  void badRowsAreReportedByRowAndField() throws Exception {
    assertThatThrownBy(() -> read("apis:\n  - {apiVersion: batch/v1beta1, kind: CronJob, deprecatedIn: '1.21', source: x}\n"))
        .hasMessage("test.yaml: apis[0].removedIn is required");
    assertThatThrownBy(() -> read("apis:\n  - {apiVersion: batch/v1beta1, kind: CronJob, deprecatedIn: 1.20, removedIn: '1.25', source: x}\n"))
        .hasMessage("test.yaml: apis[0].deprecatedIn must be a quoted version such as \"1.20\", not the number 1.2");
    assertThatThrownBy(() -> read("apis:\n  - {apiVersion: batch/v1beta1, kind: CronJob, deprecatedIn: '1.21', removedIn: '1.25', replacment: batch/v1, source: x}\n"))
        .hasMessageStartingWith("test.yaml: apis[0].replacment is not a known field");
    assertThatThrownBy(() -> read("apis:\n  - {apiVersion: batch/v1beta1, kind: CronJob, deprecatedIn: '1.25', removedIn: '1.25', source: x}\n"))
        .hasMessage("test.yaml: apis[0]: deprecatedIn 1.25 of batch/v1beta1 CronJob is not before removedIn 1.25");
    assertThatThrownBy(() -> read("apis:\n  - {apiVersion: batch/v1beta1, kind: CronJob, deprecatedIn: '1.21', removedIn: '1.25', replacement: batch/v1, source: x}\n"))
        .hasMessage("test.yaml: apis[0]: replacement and replacementAvailableIn of batch/v1beta1 CronJob go together");
    assertThatThrownBy(() -> read("apis:\n  - {apiVersion: v1beta1, kind: CronJob, deprecatedIn: '1.21', removedIn: '1.25', source: x}\n"))
        .hasMessage("test.yaml: apis[0]: apiVersion \"v1beta1\" is not of the form group/version");
    assertThatThrownBy(() -> read("apis:\n  - {apiVersion: a/b, kind: K, deprecatedIn: '1.21', removedIn: 'soon', source: x}\n"))
        .hasMessageStartingWith("test.yaml: apis[0].removedIn: \"soon\" is not a Kubernetes version");
    assertThatThrownBy(() -> read("apis:\n  - {apiVersion: a/b, kind: K, deprecatedIn: '1.1', removedIn: '1.2', source: x}\n"
        + "  - {apiVersion: a/b, kind: K, deprecatedIn: '1.1', removedIn: '1.3', source: x}\n"))
        .hasMessage("the catalogue lists a/b K twice");
    assertThatThrownBy(() -> read("rows: []\n")).hasMessage("test.yaml: expected a list \"apis\"");
    String row = "apis:\n  - {apiVersion: f/v1beta2, kind: F, deprecatedIn: '1.26', removedIn: '1.29', ";
    assertThatThrownBy(() -> read(row + "replacement: f/v1, replacementAvailableIn: '1.29', interimReplacement: f/v1beta3, source: x}\n"))
        .hasMessage("test.yaml: apis[0]: interimReplacement and interimReplacementAvailableIn of f/v1beta2 F go together");
    assertThatThrownBy(() -> read(row + "interimReplacement: f/v1beta3, interimReplacementAvailableIn: '1.26', source: x}\n"))
        .hasMessage("test.yaml: apis[0]: interimReplacement of f/v1beta2 F needs a replacement: an interim one stands in for it");
    assertThatThrownBy(() -> read(row + "replacement: f/v1, replacementAvailableIn: '1.29', interimReplacement: f/v1,"
        + " interimReplacementAvailableIn: '1.26', source: x}\n"))
        .hasMessage("test.yaml: apis[0]: interimReplacement of f/v1beta2 F is f/v1, the same apiVersion as the replacement");
    assertThatThrownBy(() -> read(row + "replacement: f/v1, replacementAvailableIn: '1.26', interimReplacement: f/v1beta3,"
        + " interimReplacementAvailableIn: '1.26', source: x}\n"))
        .hasMessageStartingWith("test.yaml: apis[0]: interimReplacementAvailableIn 1.26 of f/v1beta2 F is not before replacementAvailableIn 1.26");
    assertThatThrownBy(() -> read(row + "replacement: f/v1, replacementAvailableIn: '1.29', interimReplacement: f/v1beta3,"
        + " interimReplacementAvailableIn: 1.26, source: x}\n"))
        .hasMessage("test.yaml: apis[0].interimReplacementAvailableIn must be a quoted version such as \"1.20\", not the number 1.26");
    // a file of the earlier form, without interim fields, reads as before
    DeprecatedApi plain = read(row + "replacement: f/v1, replacementAvailableIn: '1.29', source: x}\n").all().get(0);
    assertThat(plain.interimReplacement()).isEmpty();
    assertThat(plain.replacementServedAt(v("1.28"))).isEmpty();
    assertThat(plain).isEqualTo(new DeprecatedApi("f/v1beta2", "F", v("1.26"), v("1.29"), Optional.of("f/v1"), Optional.of(v("1.29")), "x"));
    assertThat(read("apis: []\n").all()).isEmpty();
  }

  private static DeprecatedApis read(String yaml) throws Exception {
    return DeprecatedApis.read("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
