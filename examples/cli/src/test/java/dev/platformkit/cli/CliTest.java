package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.cli.Cli.Run;
import static dev.platformkit.cli.Cli.SPECS;
import static dev.platformkit.cli.Cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @TempDir
  Path dir;

  /** Two runs at once: each writes its whole state atomically, so the file is one run's, never a mix or a part. */
  @Test
  void twoRunsAtOnceLeaveAWholeStateFile() throws Exception {
    Path state = dir.resolve("state");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<Run>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          go.await();
          return run("apply", "--state", state.toString(), SPECS.toString());
        }));
      }
      go.countDown();
      for (java.util.concurrent.Future<Run> r : runs) {
        Run run = r.get(5, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(run.status()).as(run.err()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(dev.platformkit.testkit.InMemoryPlatform.restore(state.resolve("state.json")).kubernetes().all()).isNotEmpty();
    assertThat(run("plan", "--detailed-exitcode", "--state", state.toString(), SPECS.toString()).status()).isZero();
    try (java.util.stream.Stream<Path> files = Files.list(state)) {
      assertThat(files).as("no temporary file left").containsExactly(state.resolve("state.json"));
    }
  }

  @Test
  void applyThenApplyAgainPrintsNoChanges() {
    String state = dir.resolve("state").toString();

    Run first = run("apply", "--state", state, SPECS.toString());
    Run second = run("apply", "--state", state, SPECS.toString());

    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out()).contains("+ Namespace payments-dev").containsPattern("applied \\d+ changes");
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.out()).contains("no changes").doesNotContainPattern("applied \\d+ change");
  }

  @Test
  void planWithDetailedExitCodeSaysWhetherThereAreChanges() {
    String state = dir.resolve("state").toString();

    assertThat(run("plan", "--detailed-exitcode", "--state", state, SPECS.toString()).status()).isEqualTo(Main.CHANGES);
    run("apply", "--state", state, SPECS.toString());
    assertThat(run("plan", "--detailed-exitcode", "--state", state, SPECS.toString()).status()).isZero();
  }

  @Test
  void deleteRemovesWhatApplyCreated() {
    String state = dir.resolve("state").toString();
    run("apply", "--state", state, SPECS.toString());

    Run delete = run("delete", "--state", state, SPECS.toString());
    Run plan = run("plan", "--state", state, SPECS.toString());

    assertThat(delete.status()).as(delete.err()).isZero();
    assertThat(delete.out()).contains("- Namespace payments-dev");
    assertThat(plan.out()).contains("+ Namespace payments-dev");
  }

  @Test
  void deletingANamespaceThatHoldsATeamsObjectsNeedsTheFlag() {
    Path state = dir.resolve("state");
    run("apply", "--state", state.toString(), SPECS.toString());
    // a team adds a ConfigMap to its namespace
    dev.platformkit.testkit.InMemoryPlatform memory = dev.platformkit.testkit.InMemoryPlatform.restore(state.resolve("state.json"));
    dev.platformkit.testkit.InMemoryStore k8s = memory.kubernetes();
    k8s.create(dev.platformkit.spi.Kind.kubernetes("v1", "ConfigMap", "configmaps", true, "data"),
        dev.platformkit.spi.Resource.desired(dev.platformkit.ResourceRef.kubernetes("ConfigMap", "payments-dev", "settings"),
            java.util.Map.of(), java.util.Map.of(), java.util.Map.of("data", java.util.Map.of("a", "b"))));
    memory.snapshot(state.resolve("state.json"));

    Run refused = run("delete", "--state", state.toString(), SPECS.toString());
    Run allowed = run("delete", "--delete-foreign-objects", "--state", state.toString(), SPECS.toString());

    assertThat(refused.status()).isEqualTo(Main.INVALID);
    assertThat(refused.out()).contains("! holds 1 object platformkit does not own: ConfigMap 1, deleted with it");
    assertThat(refused.err()).contains("Namespace payments-dev holds 1 object platformkit does not own: ConfigMap 1")
        .contains("--delete-foreign-objects").doesNotContain("ApplyOption");
    assertThat(allowed.status()).as(allowed.err()).isZero();
    assertThat(run("plan", "--state", state.toString(), SPECS.toString()).out()).contains("+ Namespace payments-dev");
  }

  @Test
  void aBadCommandLineIsAUsageErrorNotPendingChanges() {
    Run run = run("plan", "--detailed-exitcode", "--bogus", SPECS.toString());

    assertThat(run.status()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--bogus").contains("Usage:");
  }

  @Test
  void anEmptyDirectoryIsAnErrorNotASilentNoOp() {
    Run run = run("apply", "--state", dir.resolve("state").toString(), dir.toString());

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains("no spec documents");
  }

  @Test
  void validateSummarisesGoodSpecs() {
    Run run = run("validate", SPECS.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("Tenant payments").contains("valid");
  }

  @Test
  void validatePrintsEveryErrorWithFileAndLine() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: Payments
        spec:
          quota:
            requests.cpu: 8 cores
          qouta: {}
        """);

    Run run = run("validate", bad.toString());

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains("bad.yaml:4").contains("metadata.name")
        .contains("bad.yaml:7").contains("spec.quota[\"requests.cpu\"]")
        .contains("bad.yaml:8").contains("qouta");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void validateReportsANamespaceClaimedInTwoFilesAtBothPlaces() throws IOException {
    Path a = dir.resolve("team-a.yaml");
    Path b = dir.resolve("team-b.yaml");
    Files.writeString(a, """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team-a
        spec:
          namespaces:
          - name: team-a-dev
          - name: shared
        """);
    Files.writeString(b, """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team-b
        spec:
          namespaces:
            - name: shared
        """);

    Run run = run("validate", a.toString(), b.toString());

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains(b + ":7:7: spec.namespaces[0]: namespace \"shared\" is also claimed by tenant \"team-a\" ("
        + a + ":8:5)");
    assertThat(run.out()).doesNotContain("valid");
  }

  @Test
  void anOwnershipCollisionIsAClearErrorAndWritesNothing() throws IOException {
    String state = dir.resolve("state").toString();
    Path other = dir.resolve("other.yaml");
    Files.writeString(other, """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata: {name: billing}
        spec:
          namespaces: [{name: payments-dev}]
        """);
    run("apply", "--state", state, other.toString());

    Run run = run("apply", "--state", state, SPECS.toString());

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains("Namespace payments-dev").contains("tenant.billing");
  }
}
