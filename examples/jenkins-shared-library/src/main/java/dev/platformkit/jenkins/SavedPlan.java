package dev.platformkit.jenkins;

import dev.platformkit.Plan;
import java.io.Serializable;
import java.util.Objects;

/**
 * A plan kept between the pipeline's plan step and its apply step, across an {@code input} approval: the
 * plan itself, where it was made, and its rendering for the build log. Serializable, because Jenkins writes
 * a running pipeline's variables to disk at every step.
 *
 * @param plan the plan, applied exactly by {@code platformApply}
 * @param where where it was made, and where it will be applied
 */
public record SavedPlan(Plan plan, Where where) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the parts. */
  public SavedPlan {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(where, "where");
  }

  /** Whether applying it would change nothing. */
  public boolean isEmpty() {
    return plan.isEmpty();
  }

  /** The number of changes. */
  public int changes() {
    return plan.changes().size();
  }

  /** The plan as the build log shows it: where, then one block per change. */
  public String render() {
    return "plan on the " + where.describe() + ":\n" + plan.render();
  }
}
