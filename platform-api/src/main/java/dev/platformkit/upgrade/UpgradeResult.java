package dev.platformkit.upgrade;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What running an {@link UpgradeReport}'s steps did: one entry per step of the report, in its order,
 * saying whether the step was done by this run, skipped (the real state had it done already, or it is not
 * the executor's to run), stopped the run (a gate did not open in time), or was not reached.
 *
 * @param cluster the EKS cluster
 * @param steps one result per step of the report, in the report's order
 * @param elapsed how long the run took by the platform's clock
 */
public record UpgradeResult(String cluster, List<StepResult> steps, Duration elapsed) implements Serializable {

  /** Checks and copies the parts. */
  public UpgradeResult {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(elapsed, "elapsed");
    steps = List.copyOf(steps);
  }

  /** What became of one step. */
  public enum Outcome {
    /** This run made the change and waited until it was in place (or waited for one already in progress). */
    DONE,
    /** Nothing to do: the real state had it already, or the step is not the executor's (see the detail). */
    SKIPPED,
    /** The run stopped at this step, before changing anything for it (see the detail); run again to resume. */
    STOPPED,
    /** Not reached, because an earlier step stopped the run. */
    NOT_RUN
  }

  /**
   * One step and what became of it.
   *
   * @param step the step of the report
   * @param outcome what became of it
   * @param detail why, for a person ({@code cluster is at 1.24 already}, {@code 2 Job pods still running on
   *     workers after 2h: batch/nightly-x7k2p, ...})
   */
  public record StepResult(Step step, Outcome outcome, String detail) implements Serializable {
    /** Checks the parts. */
    public StepResult {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Whether every step was done or skipped: nothing stopped the run. */
  public boolean completed() {
    return steps.stream().allMatch(s -> s.outcome() == Outcome.DONE || s.outcome() == Outcome.SKIPPED);
  }

  /** The step that stopped the run, if one did. */
  public Optional<StepResult> stopped() {
    return steps.stream().filter(s -> s.outcome() == Outcome.STOPPED).findFirst();
  }

  /** The steps with this outcome, in order. */
  public List<Step> withOutcome(Outcome outcome) {
    return steps.stream().filter(s -> s.outcome() == outcome).map(StepResult::step).toList();
  }

  /** One line per step: {@code DONE     update control plane of shop-prod to 1.23 (...)}. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (StepResult s : steps) {
      out.append(String.format("%-8s %s", s.outcome(), s.step().description()));
      if (!s.detail().isEmpty()) {
        out.append(" (").append(s.detail()).append(')');
      }
      out.append('\n');
    }
    return out.toString();
  }
}
