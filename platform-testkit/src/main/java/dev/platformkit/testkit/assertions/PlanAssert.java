package dev.platformkit.testkit.assertions;

import dev.platformkit.Change;
import dev.platformkit.Plan;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Plan}. Targets are named as the plan renders them: {@code Namespace payments-dev},
 * {@code RoleBinding payments-dev/platformkit-edit}, {@code aws AccessEntry arn:aws:iam::...}. Failures list
 * the plan's changes.
 */
public class PlanAssert extends AbstractAssert<PlanAssert, Plan> {

  /** Assertions on {@code actual}. */
  protected PlanAssert(Plan actual) {
    super(actual, PlanAssert.class);
  }

  /** Checks that the plan creates {@code target}. */
  public PlanAssert creates(String target) {
    return has(Change.Action.CREATE, "create", target);
  }

  /** Checks that the plan updates {@code target}. */
  public PlanAssert updates(String target) {
    return has(Change.Action.UPDATE, "update", target);
  }

  /** Checks that the plan deletes {@code target}. */
  public PlanAssert deletes(String target) {
    return has(Change.Action.DELETE, "delete", target);
  }

  /** Checks that the plan does not change {@code target} at all. */
  public PlanAssert doesNotChange(String target) {
    find(target).ifPresent(c -> failWithMessage("Expecting the plan not to change %s, but it does: %s%n%s", target,
        c.render(), listing()));
    return this;
  }

  /** Checks that the plan changes nothing. */
  public PlanAssert hasNoChanges() {
    isNotNull();
    if (!actual.isEmpty()) {
      failWithMessage("Expecting the plan to have no changes, but it has %s (%s):%n%s", actual.changes().size(),
          actual.summary(), listing());
    }
    return this;
  }

  /** Checks the number of changes. */
  public PlanAssert hasChanges(int count) {
    isNotNull();
    if (actual.changes().size() != count) {
      failWithMessage("Expecting the plan to have %s changes, but it has %s (%s):%n%s", count, actual.changes().size(),
          actual.summary(), listing());
    }
    return this;
  }

  /** Checks that one of the plan's warnings contains {@code text}. */
  public PlanAssert hasWarningContaining(String text) {
    isNotNull();
    if (actual.warnings().stream().noneMatch(w -> w.contains(text))) {
      failWithMessage("Expecting the plan to warn about \"%s\", but its warnings are %s", text,
          actual.warnings().isEmpty() ? "none" : actual.warnings());
    }
    return this;
  }

  /** Checks that the plan has no warnings. */
  public PlanAssert hasNoWarnings() {
    isNotNull();
    if (!actual.warnings().isEmpty()) {
      failWithMessage("Expecting the plan to have no warnings, but it has %s", actual.warnings());
    }
    return this;
  }

  private PlanAssert has(Change.Action action, String verb, String target) {
    Optional<Change> change = find(target);
    if (change.isEmpty()) {
      failWithMessage("Expecting the plan to %s %s, but it does not change it; the plan:%n%s", verb, target, listing());
    } else if (change.get().action() != action) {
      failWithMessage("Expecting the plan to %s %s, but it will %s it; the plan:%n%s", verb, target,
          change.get().action().name().toLowerCase(java.util.Locale.ROOT), listing());
    }
    return this;
  }

  private Optional<Change> find(String target) {
    isNotNull();
    return actual.changes().stream().filter(c -> c.target().toString().equals(target)).findFirst();
  }

  private String listing() {
    return actual.isEmpty() ? "  (no changes)"
        : actual.changes().stream().map(c -> "  " + c).collect(Collectors.joining(System.lineSeparator()));
  }
}
