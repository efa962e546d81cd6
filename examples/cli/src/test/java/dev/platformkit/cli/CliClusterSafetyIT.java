package dev.platformkit.cli;

import static dev.platformkit.cli.Cli.SPECS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.cli.Cli.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * On a real cluster (the fabric8 mock API server in CRUD mode) apply and delete ask first, refuse without
 * a terminal, and a saved plan is bound to its context; the kubeconfig's token is never printed.
 */
class CliClusterSafetyIT {
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
  private static final String TOKEN = "s3cr3t-kube-token-4711";

  @TempDir
  Path dir;

  private KubernetesMockServer server;
  private KubernetesClient client;
  private Path kubeconfig;
  private final List<Run> runs = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    MOCK_LOG.setLevel(Level.WARNING);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    // two contexts on the same server, as a kubeconfig with prod and staging users often has
    kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%1$s", insecure-skip-tls-verify: true}}]
        contexts:
        - {name: prod, context: {cluster: mock, user: ci}}
        - {name: staging, context: {cluster: mock, user: ci}}
        current-context: prod
        users: [{name: ci, user: {token: %2$s}}]
        """.formatted(server.url("/"), TOKEN));
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private Run run(Terminal terminal, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--iam-access", "AWS_AUTH_CONFIGMAP"));
    try {
      all.add(Cli.clusterSpecs(dir).toString()); // no AWS: the site would be refused
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Run run = Cli.run(terminal, all.toArray(new String[0]));
    runs.add(run);
    return run;
  }

  private Run run(String... args) {
    return run(Terminal.none(Map.of()), args);
  }

  private boolean created() {
    return client.namespaces().withName("payments-dev").get() != null;
  }

  @Test
  void withoutATerminalApplyAndDeleteRefuseUnlessAutoApproved() {
    Run refused = run("apply");

    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.out()).contains("+ Namespace payments-dev");
    assertThat(refused.err()).contains("error: refusing to apply").contains("on the cluster (context prod, " + server.url("/"))
        .contains("there is no terminal to ask on").contains("--auto-approve");
    assertThat(created()).as("nothing applied").isFalse();

    assertThat(run("apply", "--auto-approve").status()).isZero();
    assertThat(created()).isTrue();

    Run delete = run("delete");
    assertThat(delete.status()).isEqualTo(1);
    assertThat(delete.err()).contains("error: refusing to delete");
    assertThat(created()).as("nothing deleted").isTrue();
  }

  @Test
  void aPersonAtTheTerminalMustAnswerYes() {
    Cli.Person no = new Cli.Person(Map.of(), "y");
    Cli.Person yes = new Cli.Person(Map.of(), "yes");

    Run cancelled = run(no, "apply");
    assertThat(cancelled.status()).isEqualTo(1);
    assertThat(cancelled.err()).contains("apply cancelled: the answer was not 'yes'");
    assertThat(no.prompts).singleElement().asString().contains("Do you want to apply these").contains("context prod")
        .contains("Only 'yes' will be accepted");
    assertThat(created()).isFalse();

    Run applied = run(yes, "apply");
    assertThat(applied.status()).as(applied.err()).isZero();
    assertThat(created()).isTrue();

    Cli.Person again = new Cli.Person(Map.of());
    assertThat(run(again, "apply").status()).isZero();
    assertThat(again.prompts).as("no changes, no question").isEmpty();

    Cli.Person deleteYes = new Cli.Person(Map.of(), "yes");
    assertThat(run(deleteYes, "delete").status()).isZero();
    assertThat(deleteYes.prompts).singleElement().asString().contains("Do you want to delete these");
    assertThat(created()).isFalse();
  }

  @Test
  void theEmbeddedBackendAsksNothing() {
    Run run = Cli.run(Terminal.none(Map.of()), "apply", "--state", dir.resolve("state").toString(), SPECS.toString());

    assertThat(run.status()).as(run.err()).isZero();
  }

  @Test
  void aSavedPlanIsAppliedWithoutAskingOnlyToTheContextItWasMadeFor() throws IOException {
    Path file = dir.resolve("prod.plan");
    Run plan = run("plan", "-out", file.toString());
    assertThat(plan.status()).as(plan.err()).isEqualTo(2);
    assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).contains("context prod, " + server.url("/"));

    Run otherContext = Cli.run(Terminal.none(Map.of()), "apply", "--kubeconfig", kubeconfig.toString(), "--context", "staging",
        "--iam-access", "AWS_AUTH_CONFIGMAP", file.toString());
    assertThat(otherContext.status()).isEqualTo(1);
    assertThat(otherContext.err()).contains("was made for cluster (context prod").contains("and this is cluster (context staging");
    assertThat(created()).isFalse();

    Run apply = Cli.run(Terminal.none(Map.of()), "apply", "--kubeconfig", kubeconfig.toString(),
        "--iam-access", "AWS_AUTH_CONFIGMAP", file.toString());
    assertThat(apply.status()).as(apply.err()).isZero();
    assertThat(created()).isTrue();
  }

  @Test
  void theKubeconfigTokenIsNeverPrinted() throws IOException {
    Path file = dir.resolve("prod.plan");
    run("plan", "-out", file.toString());
    run("plan", "--output", "json", "--debug");
    run("apply", "--debug");
    run("apply", "--auto-approve", "--debug", "--output", "json");
    run("delete", "--auto-approve", "--debug");
    run("plan", "--debug", "--context", "nope");
    runs.add(Cli.run(Terminal.none(Map.of()), "validate", "--debug", SPECS.toString()));
    server.destroy(); // the server goes away: the failure is printed with its stack trace
    run("apply", "--auto-approve", "--debug", "--request-timeout", "200ms");
    run("plan", "--debug", "--output", "json", "--request-timeout", "200ms");

    assertThat(runs.get(runs.size() - 1).status()).isEqualTo(1);
    assertThat(runs.get(runs.size() - 1).err()).as("a trace was printed").contains("\tat ");
    for (Run r : runs) {
      assertThat(r.out()).doesNotContain(TOKEN);
      assertThat(r.err()).doesNotContain(TOKEN);
    }
    assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
  }
}
