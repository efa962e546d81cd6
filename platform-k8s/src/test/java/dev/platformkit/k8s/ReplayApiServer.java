package dev.platformkit.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only fake API server for scanners, on the fabric8 mock server: fixed answers per path (recorded
 * discovery, {@code /metrics}, {@code /version}), and collections whose LIST honours {@code limit} and
 * {@code continue} as the real server does (items in the order given, {@code metadata.continue} while more
 * remain). Anything else is 404. Records every request's path and decoded query.
 */
final class ReplayApiServer extends Dispatcher implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, MockResponse> fixed = new HashMap<>();
  private final Map<String, Collection> collections = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();
  final KubernetesMockServer server;
  final KubernetesClient client;

  private record Collection(String listKind, List<JsonNode> items) {}

  ReplayApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), this, false);
    server.init();
    client = MockCluster.clientFor(server.url("/"), new io.fabric8.kubernetes.client.http.Interceptor() {});
  }

  /** Answers GET {@code path} with {@code status} and {@code body} (JSON or text). */
  ReplayApiServer answer(String path, int status, String body) {
    fixed.put(path, new MockResponse().setResponseCode(status).setBody(body)
        .setHeader("Content-Type", body.startsWith("{") ? "application/json" : "text/plain"));
    return this;
  }

  /** Serves {@code items} as the collection at {@code path} (e.g. {@code /api/v1/secrets}), paged on request. */
  ReplayApiServer collection(String path, String listKind, List<JsonNode> items) {
    collections.put(path, new Collection(listKind, List.copyOf(items)));
    return this;
  }

  /** The requests so far, {@code /path?decoded-query}. */
  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String full = request.getPath();
    synchronized (this) {
      requests.add(URLDecoder.decode(full, StandardCharsets.UTF_8));
    }
    String[] parts = full.split("\\?", 2);
    String path = parts[0];
    Map<String, String> query = new HashMap<>();
    if (parts.length > 1) {
      for (String kv : parts[1].split("&")) {
        String[] p = kv.split("=", 2);
        query.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
      }
    }
    if (!request.getMethod().equalsIgnoreCase("GET")) {
      return new MockResponse().setResponseCode(405).setBody("read-only");
    }
    MockResponse answer = fixed.get(path);
    if (answer != null) {
      return answer;
    }
    Collection c = collections.get(path);
    if (c == null) {
      return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json").setBody(
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"details\":{},\"code\":404}");
    }
    int from = query.containsKey("continue") && !query.get("continue").isEmpty() ? Integer.parseInt(query.get("continue")) : 0;
    int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : Integer.MAX_VALUE;
    int to = (int) Math.min(c.items.size(), (long) from + limit);
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", c.listKind).put("apiVersion", "v1");
    ObjectNode meta = list.putObject("metadata");
    meta.put("resourceVersion", "4242");
    if (to < c.items.size()) {
      meta.put("continue", String.valueOf(to));
      meta.put("remainingItemCount", c.items.size() - to);
    }
    ArrayNode items = list.putArray("items");
    c.items.subList(from, to).forEach(items::add);
    try {
      return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(JSON.writeValueAsString(list));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
