package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI on a "real" cluster: a kubeconfig pointing at the fabric8 mock API server in CRUD mode. */
class CliKubeconfigIT {
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  @TempDir
  Path dir;

  private KubernetesMockServer server;
  private KubernetesClient client;
  private Path kubeconfig;

  @BeforeEach
  void start() throws IOException {
    MOCK_LOG.setLevel(Level.WARNING);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    kubeconfig = dir.resolve("kubeconfig");
    Cli.kubeconfig(kubeconfig, "mock", server.url("/"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {Integer.toString(status), out.toString(), err.toString()};
  }

  @Test
  void appliesToTheClusterOfTheKubeconfigAndThenHasNothingToDo() throws java.io.IOException {
    String specs = Cli.clusterSpecs(dir).toString(); // no AWS: the site would be refused

    String[] first = run("apply", "--auto-approve", "--kubeconfig", kubeconfig.toString(), "--context", "mock",
        "--iam-access", "AWS_AUTH_CONFIGMAP", specs);
    String[] second = run("apply", "--auto-approve", "--kubeconfig", kubeconfig.toString(), "--iam-access", "AWS_AUTH_CONFIGMAP", specs);

    assertThat(first[0]).as(first[2]).isEqualTo("0");
    assertThat(first[1]).contains("+ Namespace payments-dev").contains("AwsAuthMapping");
    assertThat(client.namespaces().withName("payments-dev").get().getMetadata().getLabels())
        .containsEntry("platformkit.dev/owner", "tenant.payments");
    assertThat(client.configMaps().inNamespace("kube-system").withName("aws-auth").get().getData().get("mapRoles"))
        .contains("arn:aws:iam::123456789012:role/payments-oncall").contains("platformkit:payments:admin");
    assertThat(second[0]).as(second[2]).isEqualTo("0");
    assertThat(second[1]).contains("no changes");
  }

  @Test
  void aContextNotInTheKubeconfigIsRefusedInsteadOfFallingBackToTheCurrentOne() {
    String[] run = run("apply", "--kubeconfig", kubeconfig.toString(), "--context", "mokc",
        "--iam-access", "AWS_AUTH_CONFIGMAP", Path.of("../specs").toString());

    assertThat(run[0]).isEqualTo("1");
    assertThat(run[2]).contains("context \"mokc\" is not in the kubeconfig (contexts: [mock])");
    assertThat(client.namespaces().list().getItems()).isEmpty();
  }

  @Test
  void iamRolesWithoutAnAwsBackendAreAClearError() {
    String[] run = run("plan", "--kubeconfig", kubeconfig.toString(), Path.of("../specs").toString());

    assertThat(run[0]).isEqualTo("1");
    assertThat(run[2]).contains("members[3]").contains("IamRole members need an AWS backend");
  }
}
