package dev.platformkit.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRulesException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@link Node} tree against a {@link Shape} and converts it to the Jackson tree that is then
 * bound to the value class. Every problem is collected with its path and location, and the value with
 * a problem is left out of the result, so that the rest can still be bound and checked. A null field
 * is left out too: it counts as not given (defaults apply, and a required field is reported by the
 * value's own check).
 */
final class Binder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n");
  // also the descriptions of these types in SpecSchema
  static final Map<Class<?>, String> DESCRIPTIONS = Map.of(
      ZoneId.class, "a time zone (an IANA name such as Europe/Berlin)",
      LocalTime.class, "a time of day (HH:MM, such as 07:30)",
      LocalDate.class, "a date (YYYY-MM-DD)",
      LocalDateTime.class, "a date and time (such as 2024-05-01T07:30)",
      Duration.class, "a duration (ISO-8601, such as PT30M or P7D)",
      Instant.class, "a timestamp (ISO-8601, such as 2024-05-01T07:30:00Z)",
      OffsetDateTime.class, "a timestamp with offset (such as 2024-05-01T07:30:00+02:00)",
      ZonedDateTime.class, "a timestamp with zone (such as 2024-05-01T07:30:00+02:00[Europe/Berlin])");

  private final String file;
  private final List<Violation> violations;
  private final Map<String, List<Integer>> renumbered = new HashMap<>();
  private final Set<String> misspelled = new HashSet<>();

  /** A binder reporting into {@code violations}, located in {@code file}. */
  Binder(String file, List<Violation> violations) {
    this.file = file;
    this.violations = violations;
  }

  /**
   * Lists from which items with problems were left out: the list's path, and the original index of each
   * item kept, so that later problems can be reported at the index the user wrote.
   */
  Map<String, List<Integer>> renumbered() {
    return renumbered;
  }

  /** Paths of fields that are missing because they were misspelled ({@code timezone} for {@code timeZone}). */
  Set<String> misspelled() {
    return misspelled;
  }

  /** Whether a node is a null scalar ({@code ~}, {@code null} or nothing at all). */
  static boolean isNull(Node node) {
    return node instanceof Node.Scalar s && s.type == Node.ScalarType.NULL;
  }

  /**
   * Converts a non-null {@code node} of {@code shape} found at {@code path}. Null when it cannot be used
   * at all (a wrong type, an invalid scalar); a mapping or list comes back without the parts that have
   * problems.
   */
  JsonNode bind(Node node, Shape shape, String path) {
    if (node instanceof Node.Scalar s && s.type == Node.ScalarType.ALIAS) {
      report(path, node, "YAML aliases (*" + Text.abbreviate(s.text) + ") are not supported in spec documents; write the value out");
      return null;
    }
    if (shape instanceof Shape.Bean bean) {
      return bean(node, bean, path);
    }
    if (shape instanceof Shape.ListOf list) {
      return list(node, list, path);
    }
    if (shape instanceof Shape.MapOf map) {
      return map(node, map, path);
    }
    if (shape instanceof Shape.Any) {
      return any(node, path);
    }
    if (!(node instanceof Node.Scalar scalar)) {
      return wrongType(path, node, expected(shape));
    }
    if (shape instanceof Shape.Str) {
      return string(scalar, path);
    }
    if (shape instanceof Shape.Bool) {
      return bool(scalar, path);
    }
    if (shape instanceof Shape.Int bounds) {
      return integer(scalar, bounds, path);
    }
    if (shape instanceof Shape.Num) {
      return number(scalar, path);
    }
    return scalar(scalar, (Shape.Scalar) shape, path);
  }

  private JsonNode bean(Node node, Shape.Bean bean, String path) {
    if (!(node instanceof Node.Mapping mapping)) {
      return wrongType(path, node, "a mapping");
    }
    duplicates(mapping, path, true);
    ObjectNode out = NODES.objectNode();
    for (Node.Entry entry : mapping.entries.values()) {
      Shape property = bean.properties.get(entry.key());
      if (property == null) {
        unknownField(path, entry, bean, mapping);
      } else if (!isNull(entry.value())) {
        JsonNode value = bind(entry.value(), property, Text.field(path, entry.key()));
        if (value != null) {
          out.set(entry.key(), value);
        }
      }
    }
    return out;
  }

  private JsonNode list(Node node, Shape.ListOf list, String path) {
    if (!(node instanceof Node.Sequence sequence)) {
      return wrongType(path, node, "a list");
    }
    ArrayNode out = NODES.arrayNode();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < sequence.items.size(); i++) {
      Node item = sequence.items.get(i);
      String itemPath = path + "[" + i + "]";
      JsonNode value = isNull(item)
          ? problem(itemPath, item, "is null; give a value or remove the item")
          : bind(item, list.element, itemPath);
      if (value != null) {
        out.add(value);
        kept.add(i);
      }
    }
    if (kept.size() < sequence.items.size()) {
      renumbered.put(path, kept);
    }
    return out;
  }

  private JsonNode map(Node node, Shape.MapOf map, String path) {
    if (!(node instanceof Node.Mapping mapping)) {
      return wrongType(path, node, "a mapping");
    }
    duplicates(mapping, path, false);
    ObjectNode out = NODES.objectNode();
    for (Node.Entry entry : mapping.entries.values()) {
      String entryPath = Text.mapKey(path, entry.key());
      boolean keyOk = map.key == null
          || bind(new Node.Scalar(Node.ScalarType.STRING, entry.key(), entry.line(), entry.column()), map.key, entryPath) != null;
      JsonNode value = isNull(entry.value())
          ? problem(entryPath, entry.value(), "is null; give a value or remove the entry")
          : bind(entry.value(), map.value, entryPath);
      if (keyOk && value != null) {
        out.set(entry.key(), value);
      }
    }
    return out;
  }

  private JsonNode any(Node node, String path) {
    if (node instanceof Node.Mapping mapping) {
      duplicates(mapping, path, false);
      ObjectNode out = NODES.objectNode();
      for (Node.Entry entry : mapping.entries.values()) {
        JsonNode value = any(entry.value(), Text.mapKey(path, entry.key()));
        if (value != null) {
          out.set(entry.key(), value);
        }
      }
      return out;
    }
    if (node instanceof Node.Sequence sequence) {
      ArrayNode out = NODES.arrayNode();
      for (int i = 0; i < sequence.items.size(); i++) {
        JsonNode value = any(sequence.items.get(i), path + "[" + i + "]");
        out.add(value == null ? NODES.nullNode() : value);
      }
      return out;
    }
    Node.Scalar scalar = (Node.Scalar) node;
    return switch (scalar.type) {
      case ALIAS -> bind(scalar, new Shape.Any(), path); // reports the alias
      case NULL -> NODES.nullNode();
      case BOOLEAN -> NODES.booleanNode(scalar.text.equalsIgnoreCase("true"));
      case INTEGER -> exactNumber(scalar.text, true);
      case DECIMAL -> exactNumber(scalar.text, false);
      case STRING -> NODES.textNode(scalar.text);
    };
  }

  /** A number node, or the text as written when Java does not read it (0x1F, 1_000, .inf). */
  private static JsonNode exactNumber(String text, boolean integer) {
    try {
      return integer ? NODES.numberNode(new BigInteger(text)) : NODES.numberNode(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return NODES.textNode(text);
    }
  }

  private JsonNode string(Node.Scalar scalar, String path) {
    if (scalar.type == Node.ScalarType.BOOLEAN) {
      return problem(path, scalar, "expected a string, got the boolean " + scalar.text + " (quote it: \"" + scalar.text + "\")");
    }
    return NODES.textNode(scalar.text);
  }

  private JsonNode bool(Node.Scalar scalar, String path) {
    if (scalar.type == Node.ScalarType.BOOLEAN) {
      return NODES.booleanNode(scalar.text.equalsIgnoreCase("true"));
    }
    if (scalar.type == Node.ScalarType.STRING && YAML11_BOOLEANS.contains(scalar.text.toLowerCase(Locale.ROOT))) {
      return problem(path, scalar, "\"" + scalar.text + "\" is not a boolean here; write true or false");
    }
    return wrongType(path, scalar, "true or false");
  }

  private JsonNode integer(Node.Scalar scalar, Shape.Int bounds, String path) {
    if (scalar.type != Node.ScalarType.INTEGER) {
      return wrongType(path, scalar, "a whole number");
    }
    BigInteger value;
    try {
      value = new BigInteger(scalar.text);
    } catch (NumberFormatException e) {
      return problem(path, scalar, "\"" + scalar.text + "\" is not a plain decimal number");
    }
    if (value.compareTo(BigInteger.valueOf(bounds.min)) < 0 || value.compareTo(BigInteger.valueOf(bounds.max)) > 0) {
      return problem(path, scalar, Text.abbreviate(scalar.text) + " is out of range (" + bounds.min + " to " + bounds.max + ")");
    }
    return NODES.numberNode(value.longValue());
  }

  private JsonNode number(Node.Scalar scalar, String path) {
    if (scalar.type != Node.ScalarType.INTEGER && scalar.type != Node.ScalarType.DECIMAL) {
      return wrongType(path, scalar, "a number");
    }
    try {
      return NODES.numberNode(new BigDecimal(scalar.text));
    } catch (NumberFormatException e) {
      return problem(path, scalar, "\"" + scalar.text + "\" is not a plain decimal number");
    }
  }

  private JsonNode scalar(Node.Scalar scalar, Shape.Scalar shape, String path) {
    JsonNode text = NODES.textNode(scalar.text);
    try {
      Mappers.MAPPER.treeToValue(text, shape.type);
      return text;
    } catch (Exception e) {
      return problem(path, scalar, scalarProblem(scalar.text, shape, e));
    }
  }

  /** Why {@code text} is not a valid value of a scalar type, from the most specific cause there is. */
  private static String scalarProblem(String text, Shape.Scalar shape, Exception e) {
    String quoted = "\"" + Text.abbreviate(text) + "\"";
    String own = null;
    String detail = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ValidationException v) {
        own = v.violations().stream().map(Violation::message).collect(Collectors.joining("; "));
        break;
      }
      if (t instanceof IllegalArgumentException && !t.getClass().getName().startsWith("com.fasterxml.")) {
        own = t.getMessage();
        break;
      }
      if (t instanceof DateTimeException && !(t instanceof DateTimeParseException) && !(t instanceof ZoneRulesException)) {
        detail = t.getMessage();
      }
    }
    if (own == null && e instanceof InvalidFormatException invalid && !DESCRIPTIONS.containsKey(shape.type.getRawClass())) {
      // a deserializer's own reason, given to Jackson's handleWeirdStringValue, ends its message
      String marker = "from String \"" + text + "\": ";
      String message = invalid.getOriginalMessage();
      int at = message.indexOf(marker);
      own = at >= 0 && shape.spellings.isEmpty() ? message.substring(at + marker.length()) : null;
    }
    if (!shape.spellings.isEmpty()) {
      String message = own != null ? own : quoted + " is not one of " + String.join(", ", shape.spellings);
      String near = Text.nearest(text, shape.spellings);
      return near != null ? message + "; did you mean \"" + near + "\"?" : message;
    }
    if (own != null) {
      return own;
    }
    String what = DESCRIPTIONS.getOrDefault(shape.type.getRawClass(), "a valid " + shape.type.getRawClass().getSimpleName());
    return quoted + " is not " + what + (detail != null ? ": " + detail : "");
  }

  /** Reports the duplicate keys of {@code mapping}, at {@code path}; {@code fields} when its keys are field names, not map keys. */
  void duplicates(Node.Mapping mapping, String path, boolean fields) {
    for (Node.Entry duplicate : mapping.duplicates) {
      Node.Entry first = mapping.entries.get(duplicate.key());
      String at = fields ? Text.field(path, duplicate.key()) : Text.mapKey(path, duplicate.key());
      violations.add(Violation.of(at, "duplicate key \"" + Text.abbreviate(duplicate.key()) + "\" (first at line "
          + first.line() + ", column " + first.column() + ")").at(file, duplicate.line(), duplicate.column()));
    }
  }

  /** Reports {@code entry} of {@code mapping} at {@code path}, a field {@code bean} does not have, with the field meant if it is a near miss. */
  void unknownField(String path, Node.Entry entry, Shape.Bean bean, Node.Mapping mapping) {
    Set<String> known = bean.names();
    String elsewhere = bean.writtenElsewhere.get(entry.key());
    String near = Text.nearest(entry.key(), known);
    if (near != null && !mapping.entries.containsKey(near)) {
      misspelled.add(Text.field(path, near));
    }
    String message = elsewhere != null
        ? "\"" + entry.key() + "\" is not written here but as " + elsewhere
        : "unknown field \"" + Text.abbreviate(entry.key()) + "\""
            + (near != null ? "; did you mean \"" + near + "\"?" : known.isEmpty() ? "" : " (fields: " + String.join(", ", known) + ")");
    violations.add(Violation.of(Text.field(path, entry.key()), message).at(file, entry.line(), entry.column()));
  }

  private static String expected(Shape shape) {
    if (shape instanceof Shape.Str) {
      return "a string";
    }
    if (shape instanceof Shape.Bool) {
      return "true or false";
    }
    if (shape instanceof Shape.Int) {
      return "a whole number";
    }
    if (shape instanceof Shape.Num) {
      return "a number";
    }
    Shape.Scalar scalar = (Shape.Scalar) shape;
    return scalar.spellings.isEmpty()
        ? DESCRIPTIONS.getOrDefault(scalar.type.getRawClass(), "a string")
        : "one of " + String.join(", ", scalar.spellings);
  }

  private JsonNode wrongType(String path, Node node, String expected) {
    return problem(path, node, "expected " + expected + ", got " + node.describe());
  }

  private JsonNode problem(String path, Node node, String message) {
    report(path, node, message);
    return null;
  }

  private void report(String path, Node node, String message) {
    int[] at = node.position();
    violations.add(Violation.of(path, message).at(file, at[0], at[1]));
  }
}
