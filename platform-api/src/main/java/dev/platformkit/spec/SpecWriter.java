package dev.platformkit.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes values (a {@link dev.platformkit.tenant.Tenant}, ...) as spec documents that
 * {@link SpecReader} reads back to equal values.
 *
 * <p>The output is meant for Git: fields in declaration order, map keys sorted, and nothing that
 * reading would give anyway. A field is left out when leaving it out reads back to the same value
 * (nulls, empty lists and maps, defaults such as {@code role: view}); this is checked, not assumed.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SpecWriter {
  private static final ObjectWriter YAML = new ObjectMapper(Mappers.yamlWriterFactory()).writer();
  private static final ObjectWriter JSON = Mappers.MAPPER.writerWithDefaultPrettyPrinter();

  private final boolean json;

  private SpecWriter(boolean json) {
    this.json = json;
  }

  /** A writer of YAML; several documents are separated by {@code ---}. */
  public static SpecWriter yaml() {
    return new SpecWriter(false);
  }

  /** A writer of pretty-printed JSON; several documents follow each other. */
  public static SpecWriter json() {
    return new SpecWriter(true);
  }

  /**
   * One document holding {@code value} (a value of a spec kind, or a {@link SpecDocument} holding one).
   *
   * @throws IllegalArgumentException when {@code value} is not of a spec kind
   */
  public String write(Object value) {
    ObjectNode document = document(value instanceof SpecDocument<?> read ? read.value() : value);
    try {
      return json ? JSON.writeValueAsString(document) + "\n" : YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      // a tree of plain nodes always serializes
      throw new IllegalStateException(e);
    }
  }

  /**
   * Documents holding {@code values} (as for {@link #write(Object)}), in order.
   *
   * @throws IllegalArgumentException when one of them is not of a spec kind
   */
  public String writeAll(List<?> values) {
    List<String> documents = new ArrayList<>();
    for (Object value : values) {
      documents.add(write(value));
    }
    return String.join(json ? "" : "---\n", documents);
  }

  private static ObjectNode document(Object value) {
    Kinds.Kind kind = Kinds.of(value);
    ObjectNode tree = Mappers.MAPPER.valueToTree(value);
    prune(tree, tree, kind.shape(), value, kind.type());

    ObjectNode document = Mappers.MAPPER.createObjectNode();
    document.put("apiVersion", SpecDocument.API_VERSION);
    document.put("kind", kind.name());
    ObjectNode metadata = document.putObject("metadata");
    ObjectNode spec = Mappers.MAPPER.createObjectNode();
    tree.properties().forEach(field -> {
      String metadataField = kind.metadataField(field.getKey());
      if (metadataField != null) {
        metadata.set(metadataField, field.getValue());
      } else {
        spec.set(field.getKey(), field.getValue());
      }
    });
    if (!spec.isEmpty()) {
      document.set("spec", spec);
    }
    return document;
  }

  /**
   * Leaves out every property of {@code node} (part of {@code root}) whose absence reads back to the
   * same value, then does the same inside the properties that stay.
   */
  private static void prune(ObjectNode root, ObjectNode node, Shape.Bean shape, Object value, Class<?> type) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    node.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
    Set<String> dropped = new HashSet<>();
    for (String name : fields.keySet()) {
      dropped.add(name);
      replace(node, fields, dropped);
      if (!readsBackEqual(root, value, type)) {
        dropped.remove(name);
      }
    }
    replace(node, fields, dropped);
    node.properties().forEach(field -> pruneInside(root, field.getValue(), shape.properties.get(field.getKey()), value, type));
  }

  private static void pruneInside(ObjectNode root, JsonNode node, Shape shape, Object value, Class<?> type) {
    if (shape instanceof Shape.Bean bean && node instanceof ObjectNode object) {
      prune(root, object, bean, value, type);
    } else if (shape instanceof Shape.ListOf list && node instanceof ArrayNode array) {
      for (JsonNode item : array) {
        pruneInside(root, item, list.element, value, type);
      }
    } else if (shape instanceof Shape.MapOf map && node instanceof ObjectNode object) {
      for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
        pruneInside(root, it.next(), map.value, value, type);
      }
    }
  }

  /** Sets {@code node} to {@code fields} but {@code dropped}, keeping the order of {@code fields}. */
  private static void replace(ObjectNode node, Map<String, JsonNode> fields, Set<String> dropped) {
    node.removeAll();
    fields.forEach((name, field) -> {
      if (!dropped.contains(name)) {
        node.set(name, field);
      }
    });
  }

  private static boolean readsBackEqual(ObjectNode root, Object value, Class<?> type) {
    try {
      return value.equals(Mappers.MAPPER.treeToValue(root, type));
    } catch (JsonProcessingException | RuntimeException e) {
      return false;
    }
  }
}
