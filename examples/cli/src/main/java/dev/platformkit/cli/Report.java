package dev.platformkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.platformkit.ApplyResult;
import dev.platformkit.Change;
import dev.platformkit.FieldDiff;
import dev.platformkit.Plan;
import dev.platformkit.ResourceRef;
import dev.platformkit.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of {@code --output json} (documented in the README; {@link #FORMAT_VERSION} changes when
 * a field changes meaning or goes away, not when one is added), and the ANSI colours of the text diff.
 */
final class Report {
  /** The version of the JSON shapes, in every document as {@code formatVersion}. */
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String RESET = "\u001b[0m";

  private Report() {}

  /** A new document for {@code command}: {@code {"formatVersion": 1, "command": "plan"}}. */
  static Map<String, Object> document(String command) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("formatVersion", FORMAT_VERSION);
    doc.put("command", command);
    return doc;
  }

  static String write(Map<String, Object> document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON output", e);
    }
  }

  /** A JSON document rendered elsewhere (an upgrade report), as a value to put into one of these documents. */
  static Object read(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read JSON the library rendered", e);
    }
  }

  /** {@code {"deletion", "changes": [...], "warnings": [...], "summary": {"create", "update", "delete"}}}. */
  static Map<String, Object> plan(Plan plan) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("deletion", plan.isDeletion());
    out.put("changes", changes(plan.changes()));
    out.put("warnings", plan.warnings());
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Change.Action a : Change.Action.values()) {
      summary.put(a.name().toLowerCase(Locale.ROOT), plan.counts().getOrDefault(a, 0L));
    }
    out.put("summary", summary);
    return out;
  }

  /** {@code {"applied": [...changes], "elapsedMillis": 12}}. */
  static Map<String, Object> result(ApplyResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("applied", changes(result.applied()));
    out.put("elapsedMillis", result.elapsed().toMillis());
    return out;
  }

  private static List<Map<String, Object>> changes(List<Change> changes) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Change c : changes) {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("action", c.action().name().toLowerCase(Locale.ROOT));
      change.put("target", target(c.target()));
      List<Map<String, Object>> diff = new ArrayList<>();
      for (FieldDiff d : c.diff()) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("path", d.path());
        field.put("before", d.before());
        field.put("after", d.after());
        diff.add(field);
      }
      change.put("diff", diff);
      change.put("foreignObjects", c.contents());
      out.add(change);
    }
    return out;
  }

  private static Map<String, Object> target(ResourceRef ref) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("provider", ref.provider());
    out.put("kind", ref.kind());
    out.put("namespace", ref.namespace());
    out.put("name", ref.name());
    out.put("display", ref.toString());
    return out;
  }

  /** {@code {"message", "exitCode", "violations": [{"path", "message", "file", "line", "column"}]}}. */
  static Map<String, Object> error(String message, int exitCode, List<Violation> violations) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("message", message);
    out.put("exitCode", exitCode);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Violation v : violations) {
      Map<String, Object> violation = new LinkedHashMap<>();
      violation.put("path", v.path());
      violation.put("message", v.message());
      violation.put("file", v.file().orElse(null));
      violation.put("line", v.file().isPresent() ? v.line() : null);
      violation.put("column", v.file().isPresent() ? v.column() : null);
      list.add(violation);
    }
    out.put("violations", list);
    return out;
  }

  /** {@code text} with each line of a diff coloured by its first symbol: + green, ~ yellow, - red. */
  static String colour(String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.stripLeading();
      String colour = trimmed.startsWith("+ ") ? GREEN : trimmed.startsWith("~ ") ? YELLOW
          : trimmed.startsWith("- ") ? RED : null;
      out.append(colour == null ? line : colour + line + RESET);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
