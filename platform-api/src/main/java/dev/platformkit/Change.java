package dev.platformkit;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Objects;

/**
 * One write a plan will make: create, update or delete one object, with the fields it touches.
 *
 * @param action what happens to the target
 * @param target the object
 * @param diff the fields set (create), changed (update) or removed (delete); in a stable order
 * @param contents for the deletion of a Namespace: the objects in it that platformkit does not own, counted
 *     by kind, which Kubernetes deletes with it; empty otherwise. Applying refuses such a deletion unless
 *     {@link ApplyOption#DELETE_FOREIGN_CONTENTS} is given.
 */
public record Change(Action action, ResourceRef target, List<FieldDiff> diff, Map<String, Integer> contents)
    implements Serializable {

  /** What a change does to its target. */
  public enum Action {
    /** The object does not exist and will be created. */
    CREATE,
    /** The object exists and some owned fields will change. */
    UPDATE,
    /** The object exists, is owned by us, and will be deleted. */
    DELETE;

    /** {@code +}, {@code ~} or {@code -}, as in {@code terraform plan}. */
    public String symbol() {
      return switch (this) {
        case CREATE -> "+";
        case UPDATE -> "~";
        case DELETE -> "-";
      };
    }
  }

  /** Checks the parts and copies the diff and contents (sorted by kind). */
  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    diff = List.copyOf(diff);
    contents = Collections.unmodifiableMap(new TreeMap<>(contents));
  }

  /** A change that takes nothing else with it. */
  public Change(Action action, ResourceRef target, List<FieldDiff> diff) {
    this(action, target, diff, Map.of());
  }

  /** Whether deleting the target deletes objects platformkit does not own. */
  public boolean deletesForeignObjects() {
    return action == Action.DELETE && !contents.isEmpty();
  }

  /** {@code 2 objects platformkit does not own: ConfigMap 1, Deployment 1}, or empty. */
  public String describeContents() {
    if (contents.isEmpty()) {
      return "";
    }
    int total = contents.values().stream().mapToInt(Integer::intValue).sum();
    return total + (total == 1 ? " object" : " objects") + " platformkit does not own: "
        + contents.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** {@code + Namespace payments} followed by one indented line per field. */
  public String render() {
    StringBuilder sb = new StringBuilder(action.symbol()).append(' ').append(target);
    for (FieldDiff d : diff) {
      sb.append("\n    ").append(d);
    }
    if (!contents.isEmpty()) {
      sb.append("\n    ! holds ").append(describeContents()).append(", deleted with it");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return action.symbol() + " " + target;
  }
}
