package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.testkit.StoreClient;
import dev.platformkit.testkit.contract.ScheduleCrashContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The crash and race properties of schedules through the Kubernetes backend, on the fabric8 mock API
 * server answering like kube-apiserver v1.28 ({@link RealisticDispatcher}: defaults, versions, merge
 * patches that remove what they set to null, creation times from the suite's clock). Fewer sets than the
 * in-memory {@code ScheduleCrashTest}, one crash point pair and one race point per set, and no race on
 * two threads, to keep CI fast.
 */
class ScheduleCrashIT extends ScheduleCrashContract {
  // the mock server logs every request through java.util.logging; held so that the level sticks
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
  /** How many sets one server serves before a fresh one starts: about one seed's, so that lists stay short. */
  private static final int SETS_PER_SERVER = 20;

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  private Server server;
  private int sets;

  @Override
  protected Cluster kubernetes(Clock clock) {
    if (server == null || sets == SETS_PER_SERVER) {
      stop();
      server = new Server(clock);
      sets = 0;
    }
    sets++;
    Server current = server;
    return current::backend; // the sets share the server, each in namespaces of its own
  }

  @Override
  protected int seeds() {
    return 20;
  }

  @Override
  protected boolean everyCrashPoint() {
    return false;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Test
  void theServerRemovesWhatAMergePatchSetsToNull() {
    // what a wake-up relies on to remove its record
    try (Server cluster = new Server(Clock.systemUTC())) {
      StoreClient k8s = StoreClient.of(cluster.backend());
      k8s.create(Resource.desired(ResourceRef.kubernetes("Namespace", "team-a"), Map.of(), Map.of(), Map.of()));
      ResourceRef ref = ResourceRef.kubernetes("CronJob", "team-a", "report");
      String record = "platformkit.dev/sleep";
      k8s.create(Resource.desired(ref, Map.of(), Map.of(record, "{}", "keep", "me"), Map.of("spec", Map.of("schedule", "@daily", "suspend", true))));

      k8s.update(k8s.get(ref).orElseThrow(), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(record), Map.of("spec", Map.of("suspend", false))));

      Resource after = k8s.get(ref).orElseThrow();
      assertThat(after.annotations()).containsExactly(Map.entry("keep", "me"));
      assertThat(after.body().get("spec")).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("schedule", "@daily").containsEntry("suspend", false);
    }
  }

  /**
   * A mock API server answering writes like kube-apiserver v1.28 ({@link RealisticDispatcher}), stamping
   * creation times from a clock, and a client of it.
   */
  static final class Server implements AutoCloseable {
    final KubernetesMockServer server;
    final KubernetesClient client;

    Server(Clock clock) {
      server = RealisticDispatcher.newServer(new RealisticDispatcher(clock));
      server.init();
      client = MockCluster.clientFor(server.url("/"), new Interceptor() { });
    }

    /** A backend of its own, as a new process would have. */
    ResourceStore backend() {
      return KubernetesBackend.create(client);
    }

    @Override
    public void close() {
      client.close();
      server.destroy();
    }
  }
}
