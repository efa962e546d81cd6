package dev.platformkit.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of each spec kind, for editors: with the YAML language server, a spec
 * file that starts with {@code # yaml-language-server: $schema=Tenant.json} gets completion and checks.
 *
 * <p>It is generated from the same shapes {@link SpecReader} checks documents against, so it follows the
 * value classes. It admits what the reader admits, with these differences: it cannot check what the
 * values check themselves (names, quantities, required fields under {@code spec}, fields that exclude
 * each other), so a document it accepts may still be rejected by the reader with a message naming the
 * field; and it rejects an explicit {@code null} for a field, which the reader takes as not given.
 *
 * <pre>{@code
 * for (String kind : SpecSchema.kinds()) {
 *   Files.writeString(dir.resolve(kind + ".json"), SpecSchema.jsonSchema(kind));
 * }
 * }</pre>
 */
public final class SpecSchema {
  /** The JSON Schema dialect of the schemas. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<Shape.Bean, String> names = new IdentityHashMap<>();
  private final Map<String, Object> defs = new LinkedHashMap<>();

  private SpecSchema() {}

  /** The kinds a spec document may have ({@code Tenant}, {@code Schedule}, ...), in a stable order. */
  public static List<String> kinds() {
    return List.copyOf(Kinds.names());
  }

  /**
   * The JSON Schema of documents of {@code kind}, as indented JSON ending in a newline; the same text for
   * the same classes.
   *
   * @throws IllegalArgumentException when {@code kind} is not one of {@link #kinds()}
   */
  public static String jsonSchema(String kind) {
    Kinds.Kind k = Kinds.named(kind);
    if (k == null) {
      throw new IllegalArgumentException("\"" + kind + "\" is not a kind; the kinds are " + String.join(", ", Kinds.names()));
    }
    try {
      return JSON.writeValueAsString(new SpecSchema().document(k)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the schema of " + kind, e);
    }
  }

  private Map<String, Object> document(Kinds.Kind kind) {
    Map<String, Object> metadata = inline(kind.metadata());
    metadata.put("required", List.of("name"));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("apiVersion", Map.of("const", SpecDocument.API_VERSION));
    properties.put("kind", Map.of("const", kind.name()));
    properties.put("metadata", metadata);
    properties.put("spec", inline(kind.spec()));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", DIALECT);
    schema.put("title", kind.name() + " (" + SpecDocument.API_VERSION + ")");
    schema.put("description", "A platformkit " + kind.name() + " spec document.");
    schema.put("type", "object");
    schema.put("required", List.of("apiVersion", "kind", "metadata"));
    schema.put("properties", properties);
    schema.put("additionalProperties", false);
    if (!defs.isEmpty()) {
      schema.put("$defs", defs);
    }
    return schema;
  }

  private Map<String, Object> inline(Shape.Bean bean) {
    Map<String, Object> properties = new LinkedHashMap<>();
    bean.properties.forEach((name, shape) -> properties.put(name, schema(shape)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "object");
    out.put("properties", properties);
    out.put("additionalProperties", false);
    return out;
  }

  private Object schema(Shape shape) {
    if (shape instanceof Shape.Bean bean) {
      return Map.of("$ref", "#/$defs/" + define(bean));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (shape instanceof Shape.ListOf list) {
      out.put("type", "array");
      out.put("items", schema(list.element));
    } else if (shape instanceof Shape.MapOf map) {
      out.put("type", "object");
      if (map.key != null) {
        out.put("propertyNames", schema(map.key));
      }
      out.put("additionalProperties", schema(map.value));
    } else if (shape instanceof Shape.Str) {
      // the reader takes numbers as written (quota: 8); only booleans must be quoted
      out.put("type", List.of("string", "number"));
    } else if (shape instanceof Shape.Bool) {
      out.put("type", "boolean");
    } else if (shape instanceof Shape.Int bounds) {
      out.put("type", "integer");
      // beyond 2^53 JSON numbers lose precision: long bounds are left to the reader
      if (bounds.min >= Integer.MIN_VALUE && bounds.max <= Integer.MAX_VALUE) {
        out.put("minimum", bounds.min);
        out.put("maximum", bounds.max);
      }
    } else if (shape instanceof Shape.Num) {
      out.put("type", "number");
    } else if (shape instanceof Shape.Scalar scalar) {
      if (!scalar.spellings.isEmpty()) {
        out.put("enum", scalar.spellings);
      } else {
        // parsed from its text, which YAML may have read as a number (a version such as 1.29)
        out.put("type", List.of("string", "number"));
        String description = Binder.DESCRIPTIONS.get(scalar.type.getRawClass());
        out.put("description", description != null ? description : "a " + scalar.type.getRawClass().getSimpleName());
      }
    }
    // Shape.Any: anything at all, the empty schema
    return out;
  }

  /** The name of {@code bean} in {@code $defs}, defining it first (before its properties: beans may nest themselves). */
  private String define(Shape.Bean bean) {
    String known = names.get(bean);
    if (known != null) {
      return known;
    }
    String name = bean.type.getSimpleName();
    for (int i = 2; defs.containsKey(name); i++) {
      name = bean.type.getSimpleName() + i;
    }
    names.put(bean, name);
    defs.put(name, Map.of()); // reserved: keeps $defs in the order beans are first met
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("title", bean.type.getSimpleName());
    schema.putAll(inline(bean));
    defs.put(name, schema);
    return name;
  }
}
