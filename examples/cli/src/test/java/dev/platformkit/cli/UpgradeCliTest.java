package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.cli.Cli.Run;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platform upgrade plan}: offline on manifest files, the output formats, exit statuses and errors. */
class UpgradeCliTest {
  @TempDir
  Path dir;

  private Path manifests;

  @BeforeEach
  void manifests() throws IOException {
    manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(manifests.resolve("storefront.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: storefront, namespace: shop}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata:
          name: storefront
          namespace: shop
        spec:
          rules: [{host: shop.example.com}]
        """);
    Files.writeString(manifests.resolve("nightly.json"), """
        {"apiVersion": "batch/v1beta1", "kind": "CronJob", "metadata": {"name": "nightly", "namespace": "batch"},
         "spec": {"schedule": "0 2 * * *"}}
        """);
  }

  @Test
  void offlineOnFilesPrintsMarkdown() {
    Run run = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27", "-f", manifests.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("# Upgrade plan: cluster 1.20 to 1.27\n\n**Strategy:** blue-green\n")
        .contains("| 1.21 → 1.22 | **1** |")
        .contains("`REMOVED_API` networking.k8s.io/v1beta1 Ingress shop/storefront is no longer served from 1.22 — `Ingress shop/storefront` at `"
            + manifests.resolve("storefront.yaml") + ":6`")
        .contains("`REMOVED_API` batch/v1beta1 CronJob batch/nightly is no longer served from 1.25");
  }

  @Test
  void jsonAndHtmlOutputs() throws IOException {
    Run json = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27", "-f", manifests.toString(), "--strategy", "in-place",
        "--name", "shop-prod", "--output", "json");
    Run html = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27", "-f", manifests.toString(), "-o", "html");

    assertThat(json.status()).as(json.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.get("cluster").asText()).isEqualTo("shop-prod");
    assertThat(report.get("strategy").asText()).isEqualTo("in-place");
    assertThat(report.get("hops")).hasSize(7);
    assertThat(report.get("findings").get(1).get("location").asText()).isEqualTo(manifests.resolve("storefront.yaml") + ":6");
    assertThat(html.status()).as(html.err()).isZero();
    assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("<ol class=\"timeline\">").endsWith("</html>\n");
  }

  @Test
  void detailedExitCodeIsTwoWithBlockersAndZeroWithout() throws IOException {
    Path clean = Files.createDirectories(dir.resolve("clean"));
    Files.writeString(clean.resolve("ingress.yaml"), "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a, namespace: b}\n");

    Run blocked = Cli.run("upgrade", "plan", "--from", "1.21", "--to", "1.22", "-f", manifests.toString(), "--detailed-exitcode");
    Run plain = Cli.run("upgrade", "plan", "--from", "1.21", "--to", "1.22", "-f", manifests.toString());
    // 1.29 brings only warnings and notes
    Run fine = Cli.run("upgrade", "plan", "--from", "1.28", "--to", "1.29", "-f", clean.toString(), "--detailed-exitcode");

    assertThat(blocked.status()).as(blocked.err()).isEqualTo(2);
    assertThat(blocked.out()).contains("**1 blocker(s)**");
    assertThat(plain.status()).isZero();
    assertThat(fine.status()).as(fine.out()).isZero();
    assertThat(fine.out()).contains("No blockers");
  }

  @Test
  void usageErrorsAreExitStatusFour() {
    Run noFrom = Cli.run("upgrade", "plan", "--to", "1.27", "-f", manifests.toString());
    Run nothing = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27");
    Run regionAlone = Cli.run("upgrade", "plan", "--to", "1.27", "--region", "eu-west-1");
    Run badVersion = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.2x", "-f", manifests.toString());
    Run badFormat = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27", "-f", manifests.toString(), "-o", "pdf");
    Run alone = Cli.run("upgrade");

    assertThat(noFrom.status()).isEqualTo(1);
    assertThat(noFrom.err()).isEqualTo("error: --from is required offline: only a cluster or EKS says which version it runs\n");
    assertThat(nothing.status()).isEqualTo(1);
    assertThat(nothing.err()).startsWith("error: nothing to scan: give -f PATH for manifests");
    assertThat(regionAlone.status()).isEqualTo(1);
    assertThat(regionAlone.err()).isEqualTo("error: --region needs --cluster NAME, the EKS cluster to read\n");
    assertThat(badVersion.status()).isEqualTo(1);
    assertThat(badVersion.err()).contains("\"1.2x\" is not a Kubernetes version");
    assertThat(badFormat.status()).isEqualTo(1);
    assertThat(badFormat.err()).contains("pdf");
    assertThat(alone.status()).isEqualTo(1);
    assertThat(alone.err()).contains("Usage: platform upgrade");
  }

  @Test
  void badInputIsExitStatusOne() {
    Run backwards = Cli.run("upgrade", "plan", "--from", "1.27", "--to", "1.25", "-f", manifests.toString());
    Run missing = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.21", "-f", dir.resolve("nope").toString());

    assertThat(backwards.status()).isEqualTo(1);
    assertThat(backwards.err()).contains("--to: 1.25 is not after --from 1.27");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: manifest path " + dir.resolve("nope") + " does not exist\n");
  }

  @Test
  void unreadableManifestsAreWarningsAndTheRestIsPlanned() throws IOException {
    Files.writeString(manifests.resolve("broken.yaml"), "apiVersion: v1\nkind: [unclosed\n");

    Run run = Cli.run("upgrade", "plan", "--from", "1.21", "--to", "1.22", "-f", manifests.toString());

    assertThat(run.status()).isZero();
    assertThat(run.err()).contains("warning: " + manifests.resolve("broken.yaml")).contains("1 problem(s) scanning " + manifests);
    assertThat(run.out()).contains("Ingress shop/storefront");
  }

  @Test
  void aClusterThatDoesNotAnswerIsExitStatusThree() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    Path kubeconfig = Cli.kubeconfig(dir.resolve("kubeconfig"), "gone", "https://127.0.0.1:" + port);

    Run run = Cli.run("upgrade", "plan", "--to", "1.27", "--kubeconfig", kubeconfig.toString(), "--request-timeout", "2s");

    assertThat(run.status()).as(run.out()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot read the version of the cluster at https://127.0.0.1:" + port + "/: ");
  }
}
