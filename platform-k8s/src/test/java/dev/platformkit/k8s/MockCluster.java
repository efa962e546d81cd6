package dev.platformkit.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fabric8 mock API server and a client for it that records every request it sends (the mock server
 * consumes request bodies, so they are recorded on the client side). The client does not retry on its
 * own, so that what the backend reports is what the server answered.
 */
final class MockCluster implements AutoCloseable {
  // the mock server logs every request through java.util.logging; held so that the level sticks
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  /**
   * One request the client sent.
   *
   * @param method GET, POST, ...
   * @param path path and decoded query
   * @param body the body, or null
   */
  record Request(String method, String path, String body) {
    boolean isWrite() {
      return !method.equals("GET");
    }
  }

  final KubernetesMockServer server;
  final KubernetesClient client;
  private final List<Request> requests = new ArrayList<>();

  private MockCluster(KubernetesMockServer server) {
    this.server = server;
    server.init();
    this.client = clientFor(server.url("/"), new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        URI uri = request.uri();
        String query = uri.getRawQuery() == null ? "" : "?" + URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
        synchronized (requests) {
          requests.add(new Request(request.method(), uri.getRawPath() + query, request.bodyString()));
        }
      }
    });
  }

  /**
   * A server that stores what it is sent (CRUD mode), after defaulting it and checking versions as the
   * recorded v1.28 API server does ({@link RealisticDispatcher}).
   */
  static MockCluster crud() {
    MockCluster cluster = new MockCluster(RealisticDispatcher.newServer());
    // what every cluster has before anyone writes to it
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      cluster.client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    cluster.takeRequests();
    return cluster;
  }

  /** A server that stores exactly what it is sent, as fabric8's CRUD mode does. */
  static MockCluster verbatim() {
    return new MockCluster(new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false));
  }

  /** A server that answers only what the test expects ({@code server.expect()...}). */
  static MockCluster expectations() {
    return new MockCluster(new KubernetesMockServer(false));
  }

  /** A client of {@code url} without retries of its own, with {@code interceptor} on every request. */
  static KubernetesClient clientFor(String url, Interceptor interceptor) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default")
        .withRequestRetryBackoffLimit(0).withRequestTimeout(5_000).withConnectionTimeout(2_000).build();
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("test", interceptor)).build();
  }

  /** The requests sent since the last call, oldest first. */
  List<Request> takeRequests() {
    synchronized (requests) {
      List<Request> out = List.copyOf(requests);
      requests.clear();
      return out;
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
