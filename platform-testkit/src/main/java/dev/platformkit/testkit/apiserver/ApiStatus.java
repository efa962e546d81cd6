package dev.platformkit.testkit.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code meta/v1 Status} as the API server answers it: the HTTP status code, the reason, the message and
 * the details. A fake turns it into its own exception or sends {@link #toMap()} as the response body.
 *
 * @param code the HTTP status code (e.g. 409); a success answer (DELETE) has code 200 but prints none
 * @param reason the machine-readable reason ({@code Conflict}, {@code AlreadyExists}, {@code NotFound},
 *     {@code Forbidden}, {@code Invalid}, {@code BadRequest}), or null for a success
 * @param message the human-readable message, or null for a success
 * @param details the details, or null when the server sends none (decode errors)
 */
public record ApiStatus(int code, String reason, String message, Details details) {

  /**
   * The {@code details} of a Status.
   *
   * @param name the object's name, or null
   * @param group the API group, or null for the core group (the server omits it)
   * @param kind the plural resource ({@code configmaps}) or the Kind ({@code ConfigMap}), as the server
   *     says for this error
   * @param uid the uid (successful deletes only), or null
   * @param causes the causes, empty when there are none
   */
  public record Details(String name, String group, String kind, String uid, List<Cause> causes) {
    /** Copies {@code causes}; a null list means none. */
    public Details {
      causes = causes == null ? List.of() : List.copyOf(causes);
    }

    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      putIfNotNull(out, "name", name);
      putIfNotNull(out, "group", group);
      putIfNotNull(out, "kind", kind);
      putIfNotNull(out, "uid", uid);
      if (!causes.isEmpty()) {
        List<Object> list = new ArrayList<>();
        for (Cause c : causes) {
          list.add(c.toMap());
        }
        out.put("causes", list);
      }
      return out;
    }
  }

  /**
   * One entry of {@code details.causes}.
   *
   * @param reason e.g. {@code FieldValueInvalid}, {@code FieldValueRequired}, {@code NamespaceTerminating}
   * @param message the cause's message
   * @param field the field path, e.g. {@code metadata.namespace}
   */
  public record Cause(String reason, String message, String field) {
    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      putIfNotNull(out, "reason", reason);
      putIfNotNull(out, "message", message);
      putIfNotNull(out, "field", field);
      return out;
    }
  }

  /** Whether this answer is a success ({@code status: Success}), as a successful DELETE answers. */
  public boolean isSuccess() {
    return code >= 200 && code < 300;
  }

  /**
   * The Status object as the server sends it, keys in the server's order: {@code kind, apiVersion,
   * metadata, status, message, reason, details, code} ({@code message}, {@code reason} and {@code code}
   * are absent on success).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", "Status");
    out.put("apiVersion", "v1");
    out.put("metadata", new LinkedHashMap<>());
    out.put("status", isSuccess() ? "Success" : "Failure");
    putIfNotNull(out, "message", message);
    putIfNotNull(out, "reason", reason);
    if (details != null) {
      out.put("details", details.toMap());
    }
    if (!isSuccess()) {
      out.put("code", code);
    }
    return out;
  }

  /** This status as an exception, for fakes that answer by throwing. */
  public ApiStatusException toException() {
    return new ApiStatusException(this);
  }

  private static void putIfNotNull(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  @Override
  public String toString() {
    return code + " " + Objects.requireNonNullElse(reason, "Success") + ": " + message;
  }
}
