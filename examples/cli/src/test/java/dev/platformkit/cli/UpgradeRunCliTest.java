package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.cli.Cli.Run;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.FakeEksClient;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platform upgrade run} on the testkit's EKS fake (through {@link Target#eksClients}, the test seam),
 * waiting on a fake clock the sleeper moves: a run to the end, a second run that writes nothing, the
 * confirmation, blockers, blue-green refused, the Jobs gate stopping the run (a mock API server), JSON.
 */
class UpgradeRunCliTest {
  // the mock server logs every request through java.util.logging; held so that the level sticks
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  @TempDir
  Path dir;

  private FakeClock clock;
  private FakeEksClient eks;

  @BeforeEach
  void eks() {
    clock = FakeClock.at(Instant.parse("2026-12-01T22:00:00Z"));
    eks = new FakeEksClient(clock)
        .addCluster("shop-prod", "1.23")
        .addAddon("shop-prod", "vpc-cni", "v1.11.4-eksbuild.1")
        .addAddon("shop-prod", "coredns", "v1.8.7-eksbuild.3")
        .addAddon("shop-prod", "kube-proxy", "v1.23.17-eksbuild.2")
        .addNodegroup("shop-prod", "workers", "1.23")
        .addNodegroup("shop-prod", "batch", "1.22");
    Target.eksClients = t -> eks;
  }

  @AfterEach
  void restore() {
    Target.eksClients = Target.REAL_EKS;
  }

  /** {@code platform args...} without a terminal, waiting on the fake clock. */
  private Run run(String... args) {
    return Cli.run((out, err) -> Main.run(args, out, err, clock::advance, clock, Terminal.none(Map.of())));
  }

  private Run run(Terminal terminal, String... args) {
    return Cli.run((out, err) -> Main.run(args, out, err, clock::advance, clock, terminal));
  }

  @Test
  void runsTheUpgradeToTheEndAndASecondRunWritesNothing() {
    Run run = run("upgrade", "run", "--cluster", "shop-prod", "--region", "eu-west-1", "--to", "1.25", "--auto-approve");

    assertThat(run.status()).as(run.err() + run.out()).isZero();
    assertThat(eks.clusterVersion("shop-prod")).isEqualTo("1.25");
    assertThat(eks.nodegroupVersion("shop-prod", "workers")).isEqualTo("1.25");
    assertThat(eks.nodegroupVersion("shop-prod", "batch")).isEqualTo("1.25");
    assertThat(run.out()).startsWith("# Upgrade plan: shop-prod 1.23")
        .contains("DONE     update the control plane of shop-prod from 1.23 to 1.24")
        .contains("DONE     roll node group workers from 1.24 to 1.25")
        .contains("shop-prod is at 1.25: ");
    // progress on stderr: each update started and finished, waits compact (status changes, not every 30 s poll)
    assertThat(run.err()).contains("  starting ~ aws ClusterVersion shop-prod version 1.23 -> 1.24\n")
        .contains("  finished ~ aws ClusterVersion shop-prod version 1.23 -> 1.24\n").contains("  waiting for control plane of shop-prod to reach 1.24: ")
        .contains("Jobs on node group workers are not checked");
    long waits = run.err().lines().filter(l -> l.startsWith("  waiting for ")).count();
    long polls = run.err().lines().filter(l -> l.startsWith("  waiting for node group batch of shop-prod to reach 1.23")).count();
    // a node group update takes 20 minutes of 30 s polls: 40 polls, a handful of lines
    assertThat(polls).isBetween(1L, 6L);
    assertThat(waits).isLessThan(60);

    int writes = eks.writeCalls();
    Run again = run("upgrade", "run", "--cluster", "shop-prod", "--region", "eu-west-1", "--to", "1.25", "--auto-approve");

    assertThat(again.status()).as(again.err() + again.out()).isZero();
    assertThat(eks.writeCalls()).isEqualTo(writes);
    assertThat(again.out()).contains("nothing to run: the control plane of shop-prod is at 1.25 already");
    assertThat(again.err()).isEmpty();
  }

  @Test
  void withoutATerminalOrAutoApproveItRefusesAndWritesNothing() {
    Run run = run("upgrade", "run", "--cluster", "shop-prod", "--region", "eu-west-1", "--to", "1.25");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).startsWith("# Upgrade plan: shop-prod 1.23");
    assertThat(run.err()).startsWith("error: refusing to run ").contains("step(s) of the upgrade of EKS cluster shop-prod from 1.23 to 1.25")
        .contains("without confirmation: there is no terminal to ask on; review the plan and give --auto-approve");
    assertThat(eks.writeCalls()).isZero();
    assertThat(eks.clusterVersion("shop-prod")).isEqualTo("1.23");
  }

  @Test
  void aPersonWhoDoesNotAnswerYesCancelsIt() {
    Cli.Person person = new Cli.Person(Map.of(), "no");

    Run run = run(person, "upgrade", "run", "--cluster", "shop-prod", "--to", "1.24");

    assertThat(run.status()).isEqualTo(1);
    assertThat(person.prompts).singleElement().asString().startsWith("Do you want to run these ")
        .contains("Only 'yes' will be accepted");
    assertThat(run.err()).isEqualTo("error: upgrade cancelled: the answer was not 'yes'; nothing was changed\n");
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void aPersonWhoAnswersYesRunsIt() {
    Run run = run(new Cli.Person(Map.of(), "yes"), "upgrade", "run", "--cluster", "shop-prod", "--to", "1.24");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(eks.clusterVersion("shop-prod")).isEqualTo("1.24");
    assertThat(eks.nodegroupVersion("shop-prod", "batch")).isEqualTo("1.24");
  }

  @Test
  void blockersAreRefusedBeforeAnythingIsAsked() throws IOException {
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(manifests.resolve("psp.yaml"), """
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata: {name: restricted}
        spec: {privileged: false}
        """);

    Run run = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.25", "-f", manifests.toString(), "--auto-approve");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: the upgrade of shop-prod to 1.25 has ").contains("blocker(s); resolve them and run again:")
        .contains("\n  REMOVED_API policy/v1beta1 PodSecurityPolicy restricted");
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void blueGreenIsRefusedWithWhereToRunIt() {
    Run run = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.25", "--strategy", "blue-green", "--auto-approve");
    Run auto = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.25", "--strategy", "auto", "--auto-approve");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: --strategy blue-green is not run by the CLI: ")
        .contains("UpgradeExecutor.builder().eks(eks).sites(greenPlatform.sites(), sites)");
    assertThat(auto.status()).isEqualTo(1);
    assertThat(auto.err()).startsWith("error: --strategy auto: upgrade run runs in-place upgrades only");
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void badOptionsAreUsageErrors() {
    Run deadline = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.25", "--jobs-deadline", "10m");
    Run kind = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.25", "--timeout", "migrate-api=5m");
    Run duration = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.25", "--timeout", "upgrade-addon=soon");
    Run noCluster = run("upgrade", "run", "--to", "1.25");

    assertThat(deadline.status()).isEqualTo(1);
    assertThat(deadline.err()).startsWith("error: --jobs-deadline needs a cluster connection");
    assertThat(kind.status()).isEqualTo(1);
    assertThat(kind.err()).contains("'migrate-api' is not a step kind that waits");
    assertThat(duration.status()).isEqualTo(1);
    assertThat(duration.err()).contains("'soon' is not a duration such as 30s, 45m or 3h");
    assertThat(noCluster.status()).isEqualTo(1);
    assertThat(noCluster.err()).contains("--cluster");
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void aTimeoutSaysThatRunningAgainResumes() {
    Run run = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.24", "--auto-approve",
        "--timeout", "upgrade-control-plane=5m");

    // the fake's control plane update takes 12 minutes
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("error: ").contains("control plane of shop-prod")
        .contains("running the same command again resumes");

    Run again = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.24", "--auto-approve");

    assertThat(again.status()).as(again.err()).isZero();
    assertThat(again.err()).contains("control plane of shop-prod is UPDATING (an update is in progress): waiting for it");
    assertThat(eks.clusterVersion("shop-prod")).isEqualTo("1.24");
    assertThat(eks.calls(FakeEksClient.UPDATE_CLUSTER_VERSION)).isEqualTo(1);
  }

  @Test
  void jsonHasTheReportAndTheResult() throws IOException {
    Run run = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.24", "--auto-approve", "--output", "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("command").asText()).isEqualTo("upgrade run");
    assertThat(doc.get("exitCode").asInt()).isZero();
    assertThat(doc.get("report").get("cluster").asText()).isEqualTo("shop-prod");
    assertThat(doc.get("report").get("strategy").asText()).isEqualTo("in-place");
    JsonNode result = doc.get("result");
    assertThat(result.get("completed").asBoolean()).isTrue();
    assertThat(result.get("stopped").isNull()).isTrue();
    assertThat(result.get("steps")).hasSize(doc.get("report").get("steps").size());
    assertThat(result.get("steps").get(0).get("kind").asText()).isNotEmpty();
    assertThat(result.get("steps")).anySatisfy(s -> {
      assertThat(s.get("kind").asText()).isEqualTo("upgrade-control-plane");
      assertThat(s.get("outcome").asText()).isEqualTo("done");
      assertThat(s.get("detail").asText()).isEqualTo("control plane of shop-prod updated from 1.23 to 1.24");
    });

    Run refused = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.25", "--output", "json");
    JsonNode error = new ObjectMapper().readTree(refused.out());
    assertThat(refused.status()).isEqualTo(1);
    assertThat(error.get("error").get("message").asText()).startsWith("refusing to run ");
    assertThat(error.get("result").isNull()).isTrue();
  }

  /**
   * A mock API server as the cluster: node {@code ip-10-0-1-1} of node group workers runs a Job's Pod that
   * does not finish; with {@code --jobs-deadline 10m} the run stops before rolling workers, and exits 1. Once
   * the Job is done, running again rolls workers.
   */
  @Test
  void theJobsGateStopsTheRunAtTheDeadline() throws IOException {
    MOCK_LOG.setLevel(Level.WARNING);
    eks = new FakeEksClient(clock).addCluster("shop-prod", "1.23").addNodegroup("shop-prod", "workers", "1.23");
    Map<String, Object> fixed = Map.of(
        "/version", Map.of("major", "1", "minor", "23", "gitVersion", "v1.23.17-eks-8ccc7ba", "platform", "linux/amd64"),
        "/apis", Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", List.of()),
        "/metrics", "# TYPE apiserver_requested_deprecated_apis gauge\n");
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new UpgradeCliTest.FixedPathsDispatcher(fixed), false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName("ip-10-0-1-1")
          .addToLabels("eks.amazonaws.com/nodegroup", "workers").endMetadata()
          .withNewStatus().withNewNodeInfo().withKubeletVersion("v1.23.17-eks-8ccc7ba").endNodeInfo().endStatus().build()).create();
      client.pods().inNamespace("batch").resource(new PodBuilder().withNewMetadata().withName("nightly-x7k2p").withNamespace("batch")
          .addToLabels("job-name", "nightly").endMetadata()
          .withNewSpec().withNodeName("ip-10-0-1-1").endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();
      Path kubeconfig = Cli.kubeconfig(dir.resolve("kubeconfig"), "mock", server.url("/"));

      Run run = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.24", "--kubeconfig", kubeconfig.toString(),
          "--jobs-deadline", "10m", "--auto-approve");

      assertThat(run.status()).as(run.err() + run.out()).isEqualTo(1);
      assertThat(eks.clusterVersion("shop-prod")).isEqualTo("1.24");
      assertThat(eks.nodegroupVersion("shop-prod", "workers")).isEqualTo("1.23");
      assertThat(eks.calls(FakeEksClient.UPDATE_NODEGROUP_VERSION)).isZero();
      assertThat(run.out()).contains("STOPPED  roll node group workers from 1.23 to 1.24 (stopped before replacing the nodes of workers")
          .contains("batch/nightly-x7k2p");
      assertThat(run.err()).doesNotContain("warning:").contains("  waiting for Jobs running on the nodes of node group workers to finish: 1 Job pod running: batch/nightly-x7k2p")
          .contains("error: the run stopped at: roll node group workers from 1.23 to 1.24 (")
          .contains("running the same command again resumes from there");

      // the Job finished: running again rolls workers, though the control plane is at --to already
      client.pods().inNamespace("batch").withName("nightly-x7k2p")
          .edit(p -> new PodBuilder(p).editStatus().withPhase("Succeeded").endStatus().build());
      Run again = run("upgrade", "run", "--cluster", "shop-prod", "--to", "1.24", "--kubeconfig", kubeconfig.toString(),
          "--jobs-deadline", "10m", "--auto-approve");

      assertThat(again.status()).as(again.err() + again.out()).isZero();
      assertThat(eks.nodegroupVersion("shop-prod", "workers")).isEqualTo("1.24");
      assertThat(eks.calls(FakeEksClient.UPDATE_CLUSTER_VERSION)).isEqualTo(1);
      assertThat(again.out()).contains("DONE     roll node group workers from 1.23 to 1.24 (behind the control plane, which is at 1.24");
    } finally {
      server.destroy();
    }
  }
}
