package dev.platformkit.testkit.assertions;

import dev.platformkit.Ownership;
import dev.platformkit.spi.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one object as a store holds it: its labels (AWS: tags), annotations and body. */
public class ResourceAssert extends AbstractAssert<ResourceAssert, Resource> {

  /** Assertions on {@code actual}. */
  protected ResourceAssert(Resource actual) {
    super(actual, ResourceAssert.class);
  }

  /** Checks that the object has the label (AWS: tag) {@code key} with {@code value}. */
  public ResourceAssert hasLabel(String key, String value) {
    isNotNull();
    String found = actual.labels().get(key);
    if (!Objects.equals(found, value)) {
      failWithMessage("Expecting %s to have the label %s=%s, but %s", actual.ref(), key, value,
          found == null ? "it has no label " + key + " (labels: " + actual.labels() + ")" : "it is " + key + "=" + found);
    }
    return this;
  }

  /** Checks that the object has no label (AWS: tag) {@code key}. */
  public ResourceAssert doesNotHaveLabel(String key) {
    isNotNull();
    if (actual.labels().containsKey(key)) {
      failWithMessage("Expecting %s not to have the label %s, but it is %s=%s", actual.ref(), key, key, actual.labels().get(key));
    }
    return this;
  }

  /** Checks that the object has the annotation {@code key} with {@code value}. */
  public ResourceAssert hasAnnotation(String key, String value) {
    isNotNull();
    String found = actual.annotations().get(key);
    if (!Objects.equals(found, value)) {
      failWithMessage("Expecting %s to have the annotation %s=%s, but %s", actual.ref(), key, value,
          found == null ? "it has no annotation " + key : "it is " + key + "=" + found);
    }
    return this;
  }

  /** Checks that the object has no annotation {@code key}. */
  public ResourceAssert doesNotHaveAnnotation(String key) {
    isNotNull();
    if (actual.annotations().containsKey(key)) {
      failWithMessage("Expecting %s not to have the annotation %s, but it is %s=%s", actual.ref(), key, key,
          actual.annotations().get(key));
    }
    return this;
  }

  /** Checks that platformkit owns the object for {@code owner} ({@code tenant.payments}, {@code schedule.nightly}). */
  public ResourceAssert isOwnedBy(String owner) {
    isNotNull();
    String found = actual.labels().get(Ownership.OWNER_LABEL);
    if (!Objects.equals(found, owner)) {
      failWithMessage("Expecting %s to be owned by %s, but %s", actual.ref(), owner,
          found == null ? "it has no owner label " + Ownership.OWNER_LABEL : "it is owned by " + found);
    }
    return this;
  }

  /**
   * Checks the value at {@code path} in the body: dot-separated keys, and indexes into lists
   * ({@code spec.hard.pods}, {@code subjects.0.name}); numbers compare by value ({@code 3} equals {@code 3L}).
   */
  public ResourceAssert hasBodyValue(String path, Object expected) {
    isNotNull();
    Object found = at(actual.body(), path);
    if (!same(found, expected)) {
      failWithMessage("Expecting %s to have %s = %s, but %s", actual.ref(), path, expected,
          found == null ? "it has nothing there (body: " + actual.body() + ")" : "it is " + found);
    }
    return this;
  }

  /** The value at {@code path} (see {@link #hasBodyValue}) in {@code body}, or null. */
  static Object at(Map<String, Object> body, String path) {
    Object node = body;
    for (String key : path.split("\\.")) {
      if (node instanceof Map<?, ?> m) {
        node = m.get(key);
      } else if (node instanceof List<?> l && key.chars().allMatch(Character::isDigit) && !key.isEmpty()
          && Integer.parseInt(key) < l.size()) {
        node = l.get(Integer.parseInt(key));
      } else {
        return null;
      }
    }
    return node;
  }

  static boolean same(Object found, Object expected) {
    if (found instanceof Number a && expected instanceof Number b) {
      return new java.math.BigDecimal(a.toString()).compareTo(new java.math.BigDecimal(b.toString())) == 0;
    }
    return Objects.equals(found, expected);
  }
}
