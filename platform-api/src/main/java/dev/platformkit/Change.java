package dev.platformkit;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One write a plan will make: create, update or delete one object, with the fields it touches.
 *
 * @param action what happens to the target
 * @param target the object
 * @param diff the fields set (create), changed (update) or removed (delete); in a stable order
 */
public record Change(Action action, ResourceRef target, List<FieldDiff> diff) implements Serializable {

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

  /** Checks the parts and copies the diff. */
  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    diff = List.copyOf(diff);
  }

  /** {@code + Namespace payments} followed by one indented line per field. */
  public String render() {
    StringBuilder sb = new StringBuilder(action.symbol()).append(' ').append(target);
    for (FieldDiff d : diff) {
      sb.append("\n    ").append(d);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return action.symbol() + " " + target;
  }
}
