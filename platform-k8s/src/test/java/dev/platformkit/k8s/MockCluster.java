package dev.platformkit.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fabric8 mock API server and a client for it. The client does not retry on its own, so that what the
 * backend reports is what the server answered.
 */
final class MockCluster implements AutoCloseable {
  // the mock server logs every request through java.util.logging; held so that the level sticks
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  final KubernetesMockServer server;
  final KubernetesClient client;

  private MockCluster(KubernetesMockServer server) {
    this.server = server;
    server.init();
    this.client = clientFor(server.url("/"));
  }

  /** A server that stores what it is sent (CRUD mode). */
  static MockCluster crud() {
    return new MockCluster(new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false));
  }

  /** A server that answers only what the test expects ({@code server.expect()...}). */
  static MockCluster expectations() {
    return new MockCluster(new KubernetesMockServer(false));
  }

  static KubernetesClient clientFor(String url) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default")
        .withRequestRetryBackoffLimit(0).withRequestTimeout(5_000).withConnectionTimeout(2_000).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The requests received since the last call, oldest first. */
  List<RecordedRequest> takeRequests() {
    List<RecordedRequest> out = new ArrayList<>();
    try {
      for (RecordedRequest r = server.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
           r = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
        out.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
