package dev.platformkit;

import java.io.Serializable;
import java.util.Objects;

/**
 * One field a change sets, alters or removes, with values rendered for people.
 *
 * @param path the field inside the object, such as {@code spec.hard["requests.cpu"]}
 * @param before the current value, or null when the field is new
 * @param after the desired value, or null when the field goes away
 */
public record FieldDiff(String path, String before, String after) implements Serializable {

  /** Checks the path. */
  public FieldDiff {
    Objects.requireNonNull(path, "path");
  }

  /** {@code path: before -> after}, {@code + path: after} or {@code - path: before}. */
  @Override
  public String toString() {
    if (before == null) {
      return "+ " + path + ": " + after;
    }
    if (after == null) {
      return "- " + path + ": " + before;
    }
    return "~ " + path + ": " + before + " -> " + after;
  }
}
