package dev.platformkit.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a store remembers what platformkit set on an object, so that a later update removes what a spec
 * no longer sets and leaves alone what others (people, controllers, the API server's defaulting) added.
 * This is the three-way merge of {@code kubectl apply}: desired, last applied, live.
 */
public interface Tracking {

  /** Annotation listing the label keys we set. */
  String MANAGED_LABELS = "platformkit.dev/managed-labels";
  /** Annotation listing the annotation keys we set. */
  String MANAGED_ANNOTATIONS = "platformkit.dev/managed-annotations";
  /** Annotation holding the body fields we set, as compact JSON with sorted keys. */
  String MANAGED_FIELDS = "platformkit.dev/managed-fields";

  /**
   * Kubernetes: the record is kept in three annotations on the object. Comparison is tolerant: fields
   * the server adds around and inside ours (defaults) are not differences, lists are compared item by
   * item with the same tolerance.
   */
  Tracking ANNOTATIONS = new Annotations();

  /**
   * No record (AWS): the store reads back exactly the owned content, so desired fields are compared
   * exactly, and labels (tags) platformkit does not set are never removed.
   */
  Tracking NONE = new Tracking() {
    @Override
    public Resource record(Resource desired) {
      return desired;
    }

    @Override
    public Applied applied(Resource current) {
      return null;
    }

    @Override
    public boolean isRecord(String annotation) {
      return false;
    }

    @Override
    public boolean tolerant() {
      return false;
    }
  };

  /** {@code desired} with the record of what it sets, ready to be written. */
  Resource record(Resource desired);

  /** What platformkit set when it last wrote {@code current}, or null when there is no record. */
  Applied applied(Resource current);

  /** Whether an annotation is part of the record (never shown in a plan, never a reason to write). */
  boolean isRecord(String annotation);

  /** Whether what the backend adds inside our fields is ignored when comparing (defaulting). */
  boolean tolerant();

  /**
   * What platformkit set on an object.
   *
   * @param labels label (tag) keys
   * @param annotations annotation keys
   * @param body the body fields, or null when the record predates field tracking
   */
  record Applied(Set<String> labels, Set<String> annotations, Map<String, Object> body) {}

  /** The annotation record. */
  final class Annotations implements Tracking {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Annotations() {}

    @Override
    public Resource record(Resource r) {
      Map<String, String> annotations = new LinkedHashMap<>(r.annotations());
      annotations.keySet().removeIf(this::isRecord);
      Set<String> keys = new TreeSet<>(annotations.keySet());
      annotations.put(MANAGED_ANNOTATIONS, String.join(",", keys));
      annotations.put(MANAGED_LABELS, String.join(",", new TreeSet<>(r.labels().keySet())));
      if (!r.body().isEmpty()) {
        try {
          annotations.put(MANAGED_FIELDS, JSON.writeValueAsString(r.body()));
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(r.ref() + ": body is not JSON: " + e.getMessage(), e);
        }
      }
      return new Resource(r.ref(), r.labels(), annotations, r.body(), r.version());
    }

    @Override
    public Applied applied(Resource current) {
      Map<String, String> a = current.annotations();
      if (!a.containsKey(MANAGED_LABELS) && !a.containsKey(MANAGED_ANNOTATIONS)) {
        return null;
      }
      Map<String, Object> body = null;
      String fields = a.get(MANAGED_FIELDS);
      if (fields != null) {
        try {
          body = JSON.readValue(fields, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
          body = null; // edited by hand into nonsense: behave as before field tracking (remove nothing)
        }
      }
      return new Applied(keys(a.get(MANAGED_LABELS)), keys(a.get(MANAGED_ANNOTATIONS)), body);
    }

    private static Set<String> keys(String value) {
      return value == null || value.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(value.split(",")));
    }

    @Override
    public boolean isRecord(String annotation) {
      return annotation.equals(MANAGED_LABELS) || annotation.equals(MANAGED_ANNOTATIONS) || annotation.equals(MANAGED_FIELDS);
    }

    @Override
    public boolean tolerant() {
      return true;
    }
  }
}
