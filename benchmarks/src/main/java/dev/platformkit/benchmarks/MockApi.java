package dev.platformkit.benchmarks;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fabric8 mock API server in CRUD mode (merge patches remove null keys, as kube-apiserver's do) and a
 * client that counts the requests it sends.
 */
final class MockApi implements AutoCloseable {
  // the mock server logs every request through java.util.logging; held so that the level sticks
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  MockApi() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new MergePatchDispatcher(), false);
    server.init();
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url("/")).withNamespace("default")
        .withRequestRetryBackoffLimit(0).build();
    Interceptor counter = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        requests.incrementAndGet();
        if (!"GET".equals(request.method())) {
          writes.incrementAndGet();
        }
      }
    };
    client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counter)).build();
  }

  KubernetesClient client() {
    return client;
  }

  /** Runs {@code action} and reports the requests it made and how long it took. */
  TenantApplyBenchmark.Measurement measure(String clientName, String phase, Runnable action) {
    long requestsBefore = requests.get();
    long writesBefore = writes.get();
    long serverBefore = server.getRequestCount();
    long start = System.nanoTime();
    action.run();
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    long sent = requests.get() - requestsBefore;
    long received = server.getRequestCount() - serverBefore;
    if (sent != received) {
      throw new IllegalStateException("the client sent " + sent + " requests but the server received " + received);
    }
    return new TenantApplyBenchmark.Measurement(clientName, phase, sent, writes.get() - writesBefore, wall);
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
