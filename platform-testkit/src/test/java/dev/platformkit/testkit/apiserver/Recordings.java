package dev.platformkit.testkit.apiserver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recorded kube-apiserver v1.28 answers in {@code ../shared/reference/apiserver-v1.28}. */
final class Recordings {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Recordings() {}

  /** The reference folder, or null when {@code ../shared} is absent. */
  static Path rootOrNull() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".git"))) {
      dir = dir.getParent();
    }
    if (dir == null || dir.getParent() == null) {
      return null;
    }
    Path reference = dir.getParent().resolve("shared/reference/apiserver-v1.28");
    return Files.isDirectory(reference) ? reference : null;
  }

  /** The reference folder; skips the test when ../shared is absent. */
  static Path root() {
    Path root = rootOrNull();
    assumeTrue(root != null, "../shared/reference/apiserver-v1.28 is absent: no recordings to replay");
    return root;
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  /** A JSON file, or the body of a {@code .request.http} file, as a tree. */
  static Map<String, Object> json(String relative) {
    return parse(body(file(relative)));
  }

  static Map<String, Object> parse(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object parseAny(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String body(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (!file.toString().endsWith(".http")) {
        return text;
      }
      int blank = text.indexOf("\n\n");
      return blank < 0 ? "" : text.substring(blank + 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code METHOD /path} of a {@code .request.http} file. */
  static String[] requestLine(Path httpFile) {
    try {
      return Files.readAllLines(httpFile).get(0).split(" ", 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The namespace in a request path, or null. */
  static String namespaceOf(String path) {
    String[] parts = path.split("\\?")[0].split("/");
    for (int i = 0; i < parts.length - 2; i++) {
      if (parts[i].equals("namespaces")) {
        return parts[i + 1];
      }
    }
    return null;
  }

  /** As a JsonNode, so that number types do not matter. */
  static JsonNode tree(Object value) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code object} without the volatile fields of the reference README and the given extra paths
   * (dot-separated, relative to the object, e.g. {@code status} or
   * {@code metadata.annotations.deployment\.kubernetes\.io/revision} - dots inside a key are escaped).
   */
  static Map<String, Object> mask(Map<String, Object> object, String... extra) {
    Map<String, Object> copy = ApiServerDefaults.copyMap(object);
    List<String> paths = new ArrayList<>(List.of("metadata.uid", "metadata.resourceVersion",
        "metadata.creationTimestamp", "metadata.deletionTimestamp", "metadata.managedFields",
        "spec.clusterIP", "spec.clusterIPs"));
    paths.addAll(List.of(extra));
    for (String path : paths) {
      remove(copy, path.split("(?<!\\\\)\\."));
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static void remove(Map<String, Object> map, String[] path) {
    Map<String, Object> at = map;
    for (int i = 0; i < path.length - 1; i++) {
      Object next = at.get(path[i].replace("\\.", "."));
      if (!(next instanceof Map)) {
        return;
      }
      at = (Map<String, Object>) next;
    }
    at.remove(path[path.length - 1].replace("\\.", "."));
  }

  /** RFC 7386 JSON merge patch. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> out = ApiServerDefaults.copyMap(target);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      if (e.getValue() == null) {
        out.remove(e.getKey());
      } else if (e.getValue() instanceof Map && out.get(e.getKey()) instanceof Map) {
        out.put(e.getKey(), mergePatch((Map<String, Object>) out.get(e.getKey()), (Map<String, Object>) e.getValue()));
      } else if (e.getValue() instanceof Map) {
        out.put(e.getKey(), mergePatch(new LinkedHashMap<>(), (Map<String, Object>) e.getValue()));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The {@code replace} operations of a JSON patch on object paths (all that the recordings use). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> jsonPatchReplace(Map<String, Object> target, List<Object> ops) {
    Map<String, Object> out = ApiServerDefaults.copyMap(target);
    for (Object o : ops) {
      Map<String, Object> op = (Map<String, Object>) o;
      if (!op.get("op").equals("replace")) {
        throw new IllegalArgumentException("only replace is supported here: " + op);
      }
      String[] path = ((String) op.get("path")).substring(1).split("/");
      Map<String, Object> at = out;
      for (int i = 0; i < path.length - 1; i++) {
        at = (Map<String, Object>) at.get(path[i].replace("~1", "/").replace("~0", "~"));
      }
      at.put(path[path.length - 1].replace("~1", "/").replace("~0", "~"), op.get("value"));
    }
    return out;
  }
}
