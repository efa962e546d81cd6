package dev.platformkit.spec;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one document: checks the envelope ({@code apiVersion}, {@code kind}, {@code metadata},
 * {@code spec}), checks metadata and spec against the kind's shape, binds the value, and puts the
 * violations of the value's own check back at the lines they concern.
 */
final class DocumentReader {
  // only the field names are used: each part is checked on its own
  private static final Shape.Bean ENVELOPE = new Shape.Bean(Object.class);

  static {
    for (String field : List.of("apiVersion", "kind", "metadata", "spec")) {
      ENVELOPE.properties.put(field, new Shape.Any());
    }
  }

  /**
   * A document read, where its {@code metadata.name} is (for duplicate-name errors), and its tree (to
   * locate the fields that checks across documents report).
   */
  record Read(SpecDocument<?> document, int nameLine, int nameColumn, Node.Mapping root) {}

  private final String file;
  private final List<Violation> violations;

  DocumentReader(String file, List<Violation> violations) {
    this.file = file;
    this.violations = violations;
  }

  /** The document at {@code root}, or null when it has problems (all of them reported). */
  Read read(Node root) {
    if (!(root instanceof Node.Mapping document)) {
      report("", root, "a spec document must be a mapping with apiVersion, kind, metadata and spec; got " + root.describe());
      return null;
    }
    int before = violations.size();
    Binder binder = new Binder(file, violations);
    binder.duplicates(document, "", true);
    for (Node.Entry entry : document.entries.values()) {
      if (!ENVELOPE.properties.containsKey(entry.key())) {
        binder.unknownField("", entry, ENVELOPE, document);
      }
    }
    apiVersion(document);
    Kinds.Kind kind = kind(document);
    if (kind == null) {
      return null;
    }
    ObjectNode tree = Mappers.MAPPER.createObjectNode();
    section(binder, document, "metadata", kind.metadata(), tree, kind);
    section(binder, document, "spec", kind.spec(), tree, kind);
    Set<String> badPaths = new HashSet<>();
    violations.subList(before, violations.size()).forEach(v -> badPaths.add(v.path()));
    badPaths.addAll(binder.misspelled());
    boolean clean = violations.size() == before;
    Object bound = bind(document, kind, tree, badPaths, binder.renumbered(), clean);
    if (!clean || bound == null) {
      return null;
    }
    int[] nameAt = locate(document, "metadata.name");
    return new Read(new SpecDocument<>(kind.name(), tree.get(kind.nameProperty()).asText(), bound, file, root.line, root.column), nameAt[0], nameAt[1], document);
  }

  private void apiVersion(Node.Mapping document) {
    Node.Entry entry = document.entries.get("apiVersion");
    if (entry == null || Binder.isNull(entry.value())) {
      report("apiVersion", entry == null ? document : entry.value(), "is required (" + SpecDocument.API_VERSION + ")");
    } else if (!(entry.value() instanceof Node.Scalar s && SpecDocument.API_VERSION.equals(s.text))) {
      report("apiVersion", entry.value(), Text.shown(entry.value()) + " is not a supported apiVersion; use " + SpecDocument.API_VERSION);
    }
  }

  private Kinds.Kind kind(Node.Mapping document) {
    Node.Entry entry = document.entries.get("kind");
    if (entry == null || Binder.isNull(entry.value())) {
      report("kind", entry == null ? document : entry.value(), "is required (" + String.join(", ", Kinds.names()) + ")");
      return null;
    }
    Kinds.Kind kind = entry.value() instanceof Node.Scalar s && s.type == Node.ScalarType.STRING ? Kinds.named(s.text) : null;
    if (kind == null) {
      String near = entry.value() instanceof Node.Scalar s ? Text.nearest(String.valueOf(s.text), Kinds.names()) : null;
      report("kind", entry.value(), Text.shown(entry.value()) + " is not a kind"
          + (near != null ? "; did you mean \"" + near + "\"?" : " (kinds: " + String.join(", ", Kinds.names()) + ")"));
    }
    return kind;
  }

  /** Binds the {@code key} section (when given) into {@code tree}, under the value's property names. */
  private static void section(Binder binder, Node.Mapping document, String key, Shape.Bean shape, ObjectNode tree, Kinds.Kind kind) {
    Node.Entry entry = document.entries.get(key);
    if (entry != null && !Binder.isNull(entry.value()) && binder.bind(entry.value(), shape, key) instanceof ObjectNode fields) {
      fields.properties().forEach(field -> tree.set(key.equals("metadata") ? kind.property(field.getKey()) : field.getKey(), field.getValue()));
    }
  }

  /**
   * Binds the value and reports the violations of its own check. After structural problems the tree is
   * partial: then violations related to a bad value are left out (see {@link #related}), and any
   * other failure is a consequence of what was already reported.
   */
  private Object bind(Node.Mapping document, Kinds.Kind kind, ObjectNode tree, Set<String> badPaths,
      Map<String, List<Integer>> renumbered, boolean clean) {
    try {
      return Mappers.MAPPER.treeToValue(tree, kind.type());
    } catch (Exception e) {
      String prefix = e instanceof JsonMappingException mapping ? jacksonPath(mapping) : "";
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ValidationException invalid) {
          for (Violation v : invalid.violations()) {
            String path = renumber(documentPath(kind, v.under(prefix).path()), renumbered);
            if (!related(path, badPaths)) {
              int[] at = locate(document, path);
              violations.add(Violation.of(path, v.message()).at(file, at[0], at[1]));
            }
          }
          return null;
        }
      }
      if (clean) {
        Throwable cause = e;
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        String message = cause instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : cause.getMessage();
        String path = documentPath(kind, prefix);
        int[] at = locate(document, path);
        violations.add(Violation.of(path, String.valueOf(message)).at(file, at[0], at[1]));
      }
      return null;
    }
  }

  /**
   * Whether {@code path} is one of {@code paths}, lies inside one, or encloses one. A value with a
   * structural problem is left out of the bound tree, so its own check would report it missing, and
   * checks of the values around it (a list that must not be empty, "one of a and b") would see it gone.
   */
  private static boolean related(String path, Set<String> paths) {
    for (String bad : paths) {
      if (path.equals(bad) || inside(path, bad) || inside(bad, path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inside(String path, String outer) {
    return path.length() > outer.length() && path.startsWith(outer)
        && (path.charAt(outer.length()) == '.' || path.charAt(outer.length()) == '[');
  }

  /** {@code path} with list indices of the bound value turned back into the indices written in the document. */
  private static String renumber(String path, Map<String, List<Integer>> renumbered) {
    if (renumbered.isEmpty()) {
      return path;
    }
    List<FieldPath.Step> steps = new ArrayList<>();
    for (FieldPath.Step step : FieldPath.steps(path)) {
      List<Integer> kept = step.name() == null ? renumbered.get(FieldPath.join(steps)) : null;
      steps.add(kept != null && step.index() < kept.size() ? new FieldPath.Step(null, kept.get(step.index()), false) : step);
    }
    return FieldPath.join(steps);
  }

  private static String jacksonPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The path in the document of a value's property path: {@code cluster} may be {@code metadata.name}, {@code quota} is {@code spec.quota}. */
  static String documentPath(Kinds.Kind kind, String path) {
    List<FieldPath.Step> steps = new ArrayList<>(FieldPath.steps(path));
    String field = steps.isEmpty() || steps.get(0).name() == null ? null : kind.metadataField(steps.get(0).name());
    if (field != null) {
      steps.set(0, new FieldPath.Step(field, -1, false));
    }
    steps.add(0, new FieldPath.Step(field != null ? "metadata" : "spec", -1, false));
    return FieldPath.join(steps);
  }

  /**
   * Line and column of the value at {@code path} (starting with {@code metadata} or {@code spec}); where
   * part of the path is missing, the key of the closest enclosing value there is.
   */
  static int[] locate(Node.Mapping document, String path) {
    int[] anchor = {document.line, document.column};
    Node current = document;
    for (FieldPath.Step step : FieldPath.steps(path)) {
      if (step.name() == null) {
        if (!(current instanceof Node.Sequence sequence) || step.index() >= sequence.items.size()) {
          return anchor;
        }
        current = sequence.items.get(step.index());
        anchor = new int[] {current.line, current.column};
      } else {
        Node.Entry entry = current instanceof Node.Mapping mapping ? mapping.entries.get(step.name()) : null;
        if (entry == null) {
          return anchor;
        }
        anchor = new int[] {entry.line(), entry.column()};
        current = entry.value();
      }
    }
    return current.position();
  }

  private void report(String path, Node node, String message) {
    int[] at = node.position();
    violations.add(Violation.of(path, message).at(file, at[0], at[1]));
  }
}
