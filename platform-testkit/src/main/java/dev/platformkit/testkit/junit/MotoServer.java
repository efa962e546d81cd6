package dev.platformkit.testkit.junit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A {@code moto_server} (a local AWS API emulator, {@code pip install 'moto[server]'}) on a free loopback port,
 * for tests of code that calls AWS through the SDK's wire protocols. {@link #start()} skips the calling test (a
 * JUnit assumption) when moto is not installed, saying so.
 *
 * <pre>{@code
 * try (MotoServer moto = MotoServer.start()) {
 *   Route53Client route53 = Route53Client.builder().region(Region.AWS_GLOBAL)
 *       .endpointOverride(moto.endpoint()).credentialsProvider(MotoServer.CREDENTIALS).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>moto is faithful for some services (RDS, Auto Scaling) and lenient for others (Route53, ACM); it has no
 * EKS access entries, add-ons or version updates: the SDK client fakes of {@code dev.platformkit.testkit.aws} model those.
 */
public final class MotoServer implements AutoCloseable {
  /** The credentials moto accepts. */
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts moto and waits until it listens; skips the test when moto is not installed. */
  public static MotoServer start() throws IOException {
    Optional<List<String>> command = command();
    assumeTrue(command.isPresent(), "moto is not installed (neither moto_server on the PATH nor python3 -m moto.server);"
        + " install it with pip install 'moto[server]'");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(command.get());
    cmd.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    Process moto = pb.start();
    // moto says where it listens once it does; its output is drained afterwards so it never blocks
    BufferedReader out = new BufferedReader(new InputStreamReader(moto.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); ; line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException("moto_server exited before listening:\n" + seen);
      }
      seen.append(line).append('\n');
      if (line.contains("Running on")) {
        break;
      }
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "moto-output");
    drain.setDaemon(true);
    drain.start();
    return new MotoServer(moto, URI.create("http://127.0.0.1:" + port));
  }

  /** Where the SDK clients go ({@code endpointOverride}). */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  // moto_server on the PATH, else python3 -m moto.server when python3 has moto
  private static Optional<List<String>> command() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "moto_server");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(List.of(candidate.toString()));
      }
    }
    try {
      Process probe = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor() == 0 ? Optional.of(List.of("python3", "-m", "moto.server")) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
