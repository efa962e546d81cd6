package dev.platformkit.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the YAML knowledge files under {@code dev/platformkit/upgrade/}: a top-level list of rows whose
 * fields are checked one by one, so that a bad row is reported by file, list, position and field.
 */
final class KnowledgeFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String name;
  private final JsonNode root;

  private KnowledgeFile(String name, JsonNode root) {
    this.name = name;
    this.root = root;
  }

  /** The bundled resource {@code dev/platformkit/upgrade/<resource>}. */
  static KnowledgeFile bundled(String resource) {
    try (InputStream in = KnowledgeFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the bundled knowledge file dev/platformkit/upgrade/" + resource + " is missing");
      }
      return read(resource, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dev/platformkit/upgrade/" + resource, e);
    }
  }

  /** Reads {@code in} as YAML; {@code name} is used in error messages. */
  static KnowledgeFile read(String name, InputStream in) throws IOException {
    JsonNode root = YAML.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(name + ": expected a YAML mapping at the top");
    }
    return new KnowledgeFile(name, root);
  }

  /** The rows of the list {@code list}, each turned into a value by {@code reader}. */
  <T> List<T> rows(String list, Set<String> fields, Function<Row, T> reader) {
    JsonNode rows = root.get(list);
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException(name + ": expected a list \"" + list + "\"");
    }
    List<T> values = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode node = rows.get(i);
      String where = name + ": " + list + "[" + i + "]";
      if (!node.isObject()) {
        throw new IllegalArgumentException(where + " is not a mapping");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!fields.contains(field)) {
          // a misspelt optional field would otherwise be ignored silently
          throw new IllegalArgumentException(where + "." + field + " is not a known field (" + String.join(", ", fields) + ")");
        }
      }
      try {
        values.add(reader.apply(new Row(where, node)));
      } catch (IllegalArgumentException e) {
        throw e.getMessage() != null && e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(values);
  }

  /** One row of a list, with typed field access. */
  static final class Row {
    private final String where;
    private final JsonNode node;

    Row(String where, JsonNode node) {
      this.where = where;
      this.node = node;
    }

    Optional<String> optionalText(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isValueNode() || value.asText().isBlank()) {
        throw new IllegalArgumentException(where + "." + field + " must be a non-empty text");
      }
      return Optional.of(value.asText().strip());
    }

    String text(String field) {
      return optionalText(field).orElseThrow(() -> new IllegalArgumentException(where + "." + field + " is required"));
    }

    Optional<KubernetesVersion> optionalVersion(String field) {
      JsonNode value = node.get(field);
      if (value != null && value.isNumber()) {
        // 1.20 unquoted is the number 1.2: insist on quotes rather than guess
        throw new IllegalArgumentException(where + "." + field + " must be a quoted version such as \"1.20\", not the number " + value.asText());
      }
      try {
        return optionalText(field).map(KubernetesVersion::parse);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "." + field + ": " + e.getMessage(), e);
      }
    }

    KubernetesVersion version(String field) {
      return optionalVersion(field).orElseThrow(() -> new IllegalArgumentException(where + "." + field + " is required"));
    }

    /** A field as an enum spelled in lower case ({@link Severity#of}). */
    <E> E parsed(String field, Function<String, E> parser) {
      String text = text(field);
      try {
        return parser.apply(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "." + field + ": " + e.getMessage(), e);
      }
    }

    String where() {
      return where;
    }
  }
}
