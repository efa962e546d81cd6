package dev.platformkit.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory state as a JSON or YAML document, and its atomic writing. The document:
 *
 * <pre>
 * format: platformkit/in-memory-state/v1
 * clock: "2026-01-05T09:00:00Z"          # optional: the FakeClock's time
 * stores:
 *   kubernetes:
 *     version: 12                        # the store's last resource version
 *     objects:
 *       - {kind: Namespace, name: payments-dev, labels: {...}, version: "3", created: "..."}
 *       - {kind: ResourceQuota, namespace: payments-dev, name: platformkit, labels: {...}, body: {spec: {...}}}
 *   aws: {version: 0, objects: []}
 * </pre>
 *
 * Objects name their kind, namespace (if any) and name; labels, annotations, body, version and created are
 * optional, so fixtures can be written by hand.
 */
final class StateDocument {
  static final String FORMAT = "platformkit/in-memory-state/v1";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  /** One store's state: its last version and its objects. */
  record Store(long version, List<Resource> objects) {}

  /** A whole document: the stores by provider, and the clock if it said. */
  record State(Instant clock, Map<String, Store> stores) {}

  private StateDocument() {}

  static String write(State state, StateFormat format) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    if (state.clock() != null) {
      doc.put("clock", state.clock().toString());
    }
    Map<String, Object> stores = new LinkedHashMap<>();
    state.stores().forEach((provider, store) -> {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("version", store.version());
      List<Object> objects = new ArrayList<>();
      for (Resource r : store.objects()) {
        objects.add(object(r));
      }
      s.put("objects", objects);
      stores.put(provider, s);
    });
    doc.put("stores", stores);
    try {
      return (format == StateFormat.YAML ? YAML : JSON).writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the in-memory state: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> object(Resource r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("kind", r.ref().kind());
    if (r.ref().namespace() != null) {
      o.put("namespace", r.ref().namespace());
    }
    o.put("name", r.ref().name());
    if (!r.ref().scope().isEmpty()) {
      o.put("scope", r.ref().scope());
    }
    if (!r.labels().isEmpty()) {
      o.put("labels", r.labels());
    }
    if (!r.annotations().isEmpty()) {
      o.put("annotations", r.annotations());
    }
    if (!r.body().isEmpty()) {
      o.put("body", r.body());
    }
    if (r.version() != null) {
      o.put("version", r.version());
    }
    if (r.created() != null) {
      o.put("created", r.created().toString());
    }
    return o;
  }

  /**
   * Reads a document; JSON when {@code format} is JSON, else YAML (which also reads JSON).
   *
   * @throws Damaged naming, in one line, what is wrong
   */
  static State read(String text, StateFormat format) throws Damaged {
    JsonNode root;
    try {
      root = (format == StateFormat.JSON ? JSON : YAML).readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new Damaged("not valid " + format + where + ": " + firstLine(e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new Damaged("it is empty");
    }
    if (!root.isObject()) {
      throw new Damaged("it is not a state document (a map with \"stores\")");
    }
    JsonNode format0 = root.get("format");
    if (format0 != null && !FORMAT.equals(format0.asText())) {
      throw new Damaged("format is \"" + format0.asText() + "\", expected \"" + FORMAT + "\"");
    }
    Instant clock = null;
    JsonNode c = root.get("clock");
    if (c != null && !c.isNull()) {
      clock = instant(c, "clock");
    }
    JsonNode stores = root.get("stores");
    if (stores == null || !stores.isObject()) {
      throw new Damaged("it holds no \"stores\" map (a platformkit in-memory state has format: " + FORMAT + ")");
    }
    Map<String, Store> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = stores.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), store(e.getKey(), e.getValue(), "stores." + e.getKey()));
    }
    return new State(clock, out);
  }

  private static Store store(String provider, JsonNode node, String path) throws Damaged {
    if (node == null || !node.isObject()) {
      throw new Damaged(path + " is not a map with \"objects\"");
    }
    JsonNode objects = node.get("objects");
    if (objects == null || objects.isNull()) {
      objects = JSON.createArrayNode();
    }
    if (!objects.isArray()) {
      throw new Damaged(path + ".objects is not a list");
    }
    JsonNode v = node.get("version");
    if (v != null && !v.isNull() && !v.canConvertToLong()) {
      throw new Damaged(path + ".version is not a number: " + v);
    }
    long version = v == null || v.isNull() ? 0 : v.asLong();
    List<Resource> list = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      list.add(resource(provider, objects.get(i), path + ".objects[" + i + "]"));
    }
    // objects written without a version get the next ones
    long max = version;
    for (Resource r : list) {
      if (r.version() != null && r.version().chars().allMatch(Character::isDigit) && !r.version().isEmpty()) {
        max = Math.max(max, Long.parseLong(r.version()));
      }
    }
    List<Resource> versioned = new ArrayList<>();
    for (Resource r : list) {
      versioned.add(r.version() == null ? r.withVersion(Long.toString(++max)) : r);
    }
    return new Store(max, versioned);
  }

  private static Resource resource(String provider, JsonNode o, String path) throws Damaged {
    if (o == null || o.isNull()) {
      throw new Damaged(path + " is empty");
    }
    if (!o.isObject()) {
      throw new Damaged(path + " is not a map with kind and name");
    }
    String kind = text(o, "kind", path, true);
    String name = text(o, "name", path, true);
    String namespace = text(o, "namespace", path, false);
    String scope = text(o, "scope", path, false);
    String version = text(o, "version", path, false);
    Instant created = o.hasNonNull("created") ? instant(o.get("created"), path + ".created") : null;
    ResourceRef ref = new ResourceRef(provider, kind, namespace, name, scope);
    return new Resource(ref, strings(o.get("labels"), path + ".labels"), strings(o.get("annotations"), path + ".annotations"),
        body(o.get("body"), path + ".body"), version, created);
  }

  private static String text(JsonNode o, String field, String path, boolean required) throws Damaged {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Damaged(path + "." + field + " is missing");
      }
      return null;
    }
    if (!v.isValueNode() || v.asText().isEmpty()) {
      throw new Damaged(path + "." + field + " is not a non-empty string: " + v);
    }
    return v.asText();
  }

  private static Map<String, String> strings(JsonNode node, String path) throws Damaged {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new Damaged(path + " is not a map of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new Damaged(path + "[\"" + e.getKey() + "\"] is not a string: " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static Map<String, Object> body(JsonNode node, String path) throws Damaged {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!(node instanceof ObjectNode)) {
      throw new Damaged(path + " is not a map");
    }
    return JSON.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
  }

  private static Instant instant(JsonNode node, String path) throws Damaged {
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new Damaged(path + " is not an instant such as 2026-01-05T09:00:00Z: " + node);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /**
   * Writes {@code bytes} to {@code file} so that readers see the old content or the new, never a part:
   * into a temporary file in the same directory, forced to disk, then renamed over {@code file} in one step.
   * Concurrent writers each have their own temporary file; the last rename wins.
   */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    // the rename is on disk once the directory is; not every platform can open a directory to force it
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // the file itself is complete either way
    }
  }

  /** What is wrong with a document, in one line. */
  static final class Damaged extends Exception {
    private static final long serialVersionUID = 1L;

    Damaged(String message) {
      super(message);
    }
  }
}
