package dev.platformkit.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.platformkit.spi.Resource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-only stand-in for a kube-apiserver that answers list requests with pre-rendered bodies (built
 * once from {@link ServedObjects}, so the server's cost is a copy of bytes and stays out of the client's
 * figure), GETs of single objects, and 404 for anything else (aws-auth included). Label selectors of the
 * equality form platformkit sends are honoured; other writes are refused (405).
 */
final class RecordedApi implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final Map<ServedObjects.ApiKind, List<ObjectNode>> items;
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
  private final Map<String, byte[]> objects = new LinkedHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong listRequests = new AtomicLong();
  private final AtomicLong bytesServed = new AtomicLong();

  /** Serves {@code written} (objects as platformkit wrote them) as the server would hold them. */
  RecordedApi(List<Resource> written) {
    items = ServedObjects.served(written);
    items.forEach((kind, list) -> list.forEach(item -> {
      ObjectNode whole = item.deepCopy();
      whole.put("kind", kind.name());
      whole.put("apiVersion", kind.apiVersion());
      objects.put(objectPath(kind, item), whole.toString().getBytes(StandardCharsets.UTF_8));
    }));
    listBytes(); // renders the answers to the lists of a plan of several tenants now, not while timed
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A client of this server without retries of its own. */
  KubernetesClient client() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace("default")
        .withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A kubeconfig naming this server (with a dummy token), for the CLI. */
  String kubeconfig() {
    return "apiVersion: v1\nkind: Config\n"
        + "clusters:\n- name: bench\n  cluster:\n    server: " + url() + "\n"
        + "users:\n- name: bench\n  user:\n    token: bench\n"
        + "contexts:\n- name: bench\n  context:\n    cluster: bench\n    user: bench\n"
        + "current-context: bench\n";
  }

  /** Requests answered so far. */
  long requests() {
    return requests.get();
  }

  /** List requests answered so far. */
  long listRequests() {
    return listRequests.get();
  }

  /** Bytes of answer bodies sent so far. */
  long bytesServed() {
    return bytesServed.get();
  }

  /** The objects served, all kinds together. */
  int objectCount() {
    return items.values().stream().mapToInt(List::size).sum();
  }

  /** The size of the answers to the lists platformkit makes when planning several tenants at once. */
  long listBytes() {
    return items.keySet().stream().mapToLong(k -> answer(k, "app.kubernetes.io/managed-by=platformkit").length).sum();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, status(405, "MethodNotAllowed", "this stand-in serves reads only"));
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      for (ServedObjects.ApiKind kind : items.keySet()) {
        if (kind.path().equals(path)) {
          listRequests.incrementAndGet();
          send(exchange, 200, answer(kind, selector(query)));
          return;
        }
      }
      byte[] object = objects.get(path);
      if (object != null) {
        send(exchange, 200, object);
      } else {
        send(exchange, 404, status(404, "NotFound", "the server could not find the requested resource"));
      }
    }
  }

  private byte[] answer(ServedObjects.ApiKind kind, String selector) {
    return answers.computeIfAbsent(kind.name() + "?" + selector, k -> {
      Map<String, String> wanted = new LinkedHashMap<>();
      if (!selector.isEmpty()) {
        for (String term : selector.split(",")) {
          int eq = term.indexOf('=');
          if (eq < 0) {
            throw new IllegalArgumentException("only equality selectors are served: " + selector);
          }
          wanted.put(term.substring(0, eq), term.substring(eq + 1).replaceFirst("^=", ""));
        }
      }
      List<ObjectNode> matching = items.get(kind).stream()
          .filter(item -> ServedObjects.labels(item).entrySet().containsAll(wanted.entrySet())).toList();
      return ServedObjects.listBody(kind, matching, 99_999);
    });
  }

  private static String selector(String rawQuery) {
    if (rawQuery == null) {
      return "";
    }
    for (String param : rawQuery.split("&")) {
      if (param.startsWith("labelSelector=")) {
        return URLDecoder.decode(param.substring("labelSelector=".length()), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static String objectPath(ServedObjects.ApiKind kind, ObjectNode item) {
    String namespace = item.path("metadata").path("namespace").asText(null);
    String name = item.path("metadata").path("name").asText();
    String base = kind.path();
    if (namespace == null) {
      return base + "/" + name;
    }
    int last = base.lastIndexOf('/');
    return base.substring(0, last) + "/namespaces/" + namespace + base.substring(last) + "/" + name;
  }

  private static byte[] status(int code, String reason, String message) {
    return ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
        + message + "\",\"reason\":\"" + reason + "\",\"details\":{},\"code\":" + code + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void send(HttpExchange exchange, int code, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    bytesServed.addAndGet(body.length);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
