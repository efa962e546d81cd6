package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.cli.Cli.Run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a cluster that is not there: one line on stderr naming the server and the cause, and one
 * retry layer (the platform's; the clients the CLI builds do not retry on their own). Waits between retries
 * are recorded, not slept.
 */
class CliUnreachableClusterIT {

  @TempDir
  Path dir;

  private final List<Duration> waits = new ArrayList<>();
  private final List<Socket> held = new ArrayList<>();
  private ServerSocket server;

  private Run run(String... args) {
    return Cli.run((out, err) -> Main.run(args, out, err, waits::add));
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    synchronized (held) {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  /** A kubeconfig for {@code url} and a spec of one tenant without IAM roles (no AWS backend needed). */
  private String[] plan(String url, String... options) throws IOException {
    Path kubeconfig = Cli.kubeconfig(dir.resolve("kubeconfig"), "gone", url);
    Path spec = dir.resolve("tenant.yaml");
    Files.writeString(spec, """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata: {name: payments}
        spec:
          namespaces: [{name: payments-dev}]
        """);
    List<String> args = new ArrayList<>(List.of("plan", "--kubeconfig", kubeconfig.toString()));
    args.addAll(List.of(options));
    args.add(spec.toString());
    return args.toArray(String[]::new);
  }

  /** A loopback server that accepts connections and hands each to {@code onAccept}; counts them. */
  private AtomicInteger serve(boolean answerNothingAndHold) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    AtomicInteger accepted = new AtomicInteger();
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          Socket socket = server.accept();
          accepted.incrementAndGet();
          if (answerNothingAndHold) {
            synchronized (held) {
              held.add(socket);
            }
          } else {
            socket.close();
          }
        }
      } catch (IOException closed) {
        // the test is over
      }
    }, "test-api-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return accepted;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aRefusedConnectionIsOneLineNamingTheServerAndIsNotRetried() throws IOException {
    String url = "https://127.0.0.1:" + closedPort() + "/";

    Run run = run(plan(url));

    assertThat(run.status()).isEqualTo(Main.FAILED);
    assertThat(run.err()).isEqualTo("error: gave up on the cluster at " + url + " without retrying: connection refused"
        + System.lineSeparator());
    assertThat(waits).isEmpty();
  }

  @Test
  void aServerThatNeverAnswersTimesOutOnEachOfTheFiveAttemptsOfTheOnlyRetryLayer() throws IOException {
    AtomicInteger accepted = serve(true);
    String url = "https://127.0.0.1:" + server.getLocalPort() + "/";

    Run run = run(plan(url, "--request-timeout", "1s"));

    assertThat(run.status()).isEqualTo(Main.FAILED);
    assertThat(run.err()).isEqualTo("error: gave up on the cluster at " + url
        + " after 5 attempts: timed out, no answer within 1s (--request-timeout)" + System.lineSeparator());
    assertThat(waits).hasSize(4);
    assertThat(accepted).hasValue(5);
  }

  @Test
  void aServerThatDropsEveryConnectionIsTriedFiveTimesNotFiveTimesEleven() throws IOException {
    AtomicInteger accepted = serve(false);
    String url = "https://127.0.0.1:" + server.getLocalPort() + "/";

    Run run = run(plan(url));

    assertThat(run.status()).isEqualTo(Main.FAILED);
    assertThat(run.err()).startsWith("error: gave up on the cluster at " + url + " after 5 attempts: ")
        .hasLineCount(1).doesNotContain("Operation: [");
    assertThat(waits).hasSize(4);
    // fabric8 would retry each of them 10 times on its own (requestRetryBackoffLimit) were it not 0
    assertThat(accepted).hasValue(5);
  }

  @Test
  void aRequestTimeoutThatIsNotADurationIsAUsageError() {
    Run run = run("plan", "--request-timeout", "soon", dir.toString());

    assertThat(run.status()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--request-timeout").contains("'soon' is not a duration such as 500ms, 5s or 1m");
  }
}
