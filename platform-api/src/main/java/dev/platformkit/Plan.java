package dev.platformkit;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What applying a spec would change, computed from the real state without writing anything: the
 * ordered list of {@link Change}s (creates in dependency order, deletes in reverse order) and the specs
 * it was computed for, so that {@code apply(plan)} can re-check for drift before it writes.
 */
public final class Plan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Serializable> subjects;
  private final boolean deletion;
  private final List<Change> changes;
  private final List<String> warnings;

  /**
   * @param subjects the specs (value types) the plan was computed for
   * @param deletion true when the plan removes the subjects rather than applying them
   * @param changes the changes, in the order they will be made
   */
  public Plan(List<? extends Serializable> subjects, boolean deletion, List<Change> changes) {
    this(subjects, deletion, changes, List.of());
  }

  /**
   * @param subjects the specs (value types) the plan was computed for
   * @param deletion true when the plan removes the subjects rather than applying them
   * @param changes the changes, in the order they will be made
   * @param warnings what the plan found that needs a person's attention but is not a change (an Argo CD
   *     Application that would undo a sleep, a PodDisruptionBudget that would block node drains)
   */
  public Plan(List<? extends Serializable> subjects, boolean deletion, List<Change> changes, List<String> warnings) {
    this.subjects = List.copyOf(subjects);
    this.deletion = deletion;
    this.changes = List.copyOf(changes);
    this.warnings = List.copyOf(warnings);
  }

  /** What needs a person's attention though it is not a change; empty for most plans. */
  public List<String> warnings() {
    return warnings;
  }

  /** The specs this plan was computed for. */
  public List<Serializable> subjects() {
    return subjects;
  }

  /** Whether this plan deletes its subjects (from {@code planDelete}). */
  public boolean isDeletion() {
    return deletion;
  }

  /** The changes, in the order they will be made. */
  public List<Change> changes() {
    return changes;
  }

  /** True when applying would write nothing. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** How many changes of each action: {@code {CREATE=3, UPDATE=1}}. */
  public Map<Change.Action, Long> counts() {
    Map<Change.Action, Long> counts = new EnumMap<>(Change.Action.class);
    for (Change c : changes) {
      counts.merge(c.action(), 1L, Long::sum);
    }
    return counts;
  }

  /** One line of totals: {@code 3 to create, 1 to update, 0 to delete}, or {@code no changes}. */
  public String summary() {
    if (isEmpty()) {
      return "no changes";
    }
    Map<Change.Action, Long> counts = counts();
    return counts.getOrDefault(Change.Action.CREATE, 0L) + " to create, "
        + counts.getOrDefault(Change.Action.UPDATE, 0L) + " to update, "
        + counts.getOrDefault(Change.Action.DELETE, 0L) + " to delete";
  }

  /** Every change with its field diff, then the {@link #summary()}; readable in a terminal or a PR comment. */
  public String render() {
    String notes = warnings.stream().map(w -> "\n! " + w).collect(Collectors.joining());
    if (isEmpty()) {
      return "no changes" + notes;
    }
    return changes.stream().map(Change::render).collect(Collectors.joining("\n", "", "\n" + summary())) + notes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Plan p && deletion == p.deletion && subjects.equals(p.subjects) && changes.equals(p.changes)
        && warnings.equals(p.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subjects, deletion, changes, warnings);
  }

  @Override
  public String toString() {
    return render();
  }
}
