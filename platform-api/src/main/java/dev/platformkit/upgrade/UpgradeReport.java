package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.Checks;
import dev.platformkit.internal.PlatformStyle;
import dev.platformkit.upgrade.internal.ReportRenderer;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * The planner's answer to an {@link UpgradePlan}: the versions found and aimed at, the strategy it
 * chose, the hops between them, what it found, and the steps to run in order.
 *
 * <p>{@code build()} checks the report as a whole: the hops are exactly the chain of single minors from
 * {@link #currentVersion()} to {@link #targetVersion()}, and every finding and step has what its kind
 * needs. Violations name their path ({@code hops[2]}, {@code findings[0].code}, {@code steps[3].percent}).
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableUpgradeReport.class)
@JsonDeserialize(as = ImmutableUpgradeReport.class)
public abstract class UpgradeReport implements Serializable, WithUpgradeReport {
  // only the generated implementation extends it: no subclass can skip validation
  UpgradeReport() {}

  private static final long serialVersionUID = 1L;

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Set<StepKind> NEED_VERSION = Set.of(StepKind.UPGRADE_CONTROL_PLANE, StepKind.UPGRADE_NODEGROUP, StepKind.CREATE_CLUSTER);

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this report's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** The EKS cluster name. Required. */
  public abstract String cluster();

  /** The version the cluster runs, as found. Required. */
  public abstract KubernetesVersion currentVersion();

  /** The minor the upgrade goes to. Required. */
  public abstract KubernetesVersion targetVersion();

  /** The strategy chosen: {@code in-place} or {@code blue-green} ({@code auto} is resolved). Required. */
  public abstract Strategy strategy();

  /**
   * Why the planner chose {@link #strategy()}, in words: the hops needed, the blockers a new cluster
   * would avoid, or that the request named the strategy.
   */
  public abstract List<String> strategyReasons();

  /** The minors crossed, in order: {@code Hop.between(currentVersion, targetVersion)}. */
  public abstract List<Hop> hops();

  /** What the planner found, in the order found. */
  public abstract List<Finding> findings();

  /** The actions of the upgrade, in the order they run. */
  public abstract List<Step> steps();

  /** The {@code schema} field of the JSON rendering; changes only when a field changes meaning or goes away. */
  public static final String JSON_SCHEMA = "platformkit.dev/upgrade-report/v1";

  /**
   * The report as Markdown (for a pull request), JSON (for tools) or a self-contained HTML page. The same
   * report always renders to the same text.
   */
  public String render(ReportFormat format) {
    return switch (format) {
      case MARKDOWN -> ReportRenderer.markdown(this);
      case JSON -> ReportRenderer.json(this);
      case HTML -> ReportRenderer.html(this);
    };
  }

  /** Whether a finding stops the upgrade. */
  public boolean hasBlockers() {
    return findings().stream().anyMatch(f -> f.severity() == Severity.BLOCKER);
  }

  /** The findings that stop the upgrade. */
  @JsonIgnore
  public List<Finding> blockers() {
    return findings().stream().filter(f -> f.severity() == Severity.BLOCKER).toList();
  }

  /** Checks the whole report at {@code build()} and throws one exception listing every violation. */
  @Value.Check
  protected void check() {
    Checks c = new Checks("UpgradeReport" + (cluster() == null ? "" : " " + cluster()));
    UpgradePlan.clusterName(c, "cluster", cluster());
    // '&', not '&&': both missing versions are reported
    boolean versions = c.required("currentVersion", currentVersion()) & c.required("targetVersion", targetVersion());
    if (c.required("strategy", strategy()) && strategy() == Strategy.AUTO) {
      c.add("strategy", "a report records the strategy chosen: in-place or blue-green, not auto");
    }
    if (versions) {
      hops(c);
    }
    for (int i = 0; i < findings().size(); i++) {
      finding(c, "findings[" + i + "]", findings().get(i));
    }
    for (int i = 0; i < steps().size(); i++) {
      step(c, "steps[" + i + "]", steps().get(i));
    }
    c.throwIfAny();
  }

  private void hops(Checks c) {
    List<Hop> expected;
    try {
      expected = Hop.between(currentVersion(), targetVersion());
    } catch (IllegalArgumentException e) {
      c.add("targetVersion", e.getMessage());
      return;
    }
    for (int i = 0; i < Math.min(hops().size(), expected.size()); i++) {
      if (!hops().get(i).equals(expected.get(i))) {
        c.add("hops[" + i + "]", "is " + hops().get(i) + " where " + expected.get(i) + " is next");
      }
    }
    if (hops().size() != expected.size()) {
      c.add("hops", "has " + hops().size() + " hops; from " + currentVersion() + " to " + targetVersion() + " takes " + expected.size());
    }
  }

  private static void finding(Checks c, String p, Finding f) {
    c.required(p + ".severity", f.severity());
    if (c.required(p + ".code", f.code()) && !CODE.matcher(f.code()).matches()) {
      c.add(p + ".code", "\"" + f.code() + "\" is not a finding code (upper-case letters, digits and '_', such as REMOVED_API)");
    }
    if (c.required(p + ".message", f.message()) && f.message().isBlank()) {
      c.add(p + ".message", "must not be blank");
    }
    if (!f.moreResources().isEmpty() && f.resource().isEmpty()) {
      c.add(p + ".moreResources", "needs resource, the first object of the finding");
    }
  }

  private static void step(Checks c, String p, Step s) {
    c.required(p + ".kind", s.kind());
    if (c.required(p + ".description", s.description()) && s.description().isBlank()) {
      c.add(p + ".description", "must not be blank");
    }
    if (s.kind() != null && NEED_VERSION.contains(s.kind()) && s.version().isEmpty()) {
      c.add(p + ".version", "is required for a " + s.kind().value() + " step");
    }
    if (s.addOnVersion().isPresent() && s.kind() != null && s.kind() != StepKind.UPGRADE_ADDON) {
      c.add(p + ".addOnVersion", "is only used by an upgrade-addon step");
    } else if (s.addOnVersion().isPresent() && s.addOnVersion().get().isBlank()) {
      c.add(p + ".addOnVersion", "must not be blank");
    }
    if (s.kind() == StepKind.SHIFT_TRAFFIC) {
      if (s.percent().isEmpty()) {
        c.add(p + ".percent", "is required for a shift-traffic step");
      } else if (s.percent().get() < 1 || s.percent().get() > 100) {
        c.add(p + ".percent", s.percent().get() + " is not a percentage from 1 to 100");
      }
    } else {
      if (s.percent().isPresent()) {
        c.add(p + ".percent", "is only used by a shift-traffic step");
      }
      if (s.dwell().isPresent()) {
        c.add(p + ".dwell", "is only used by a shift-traffic step");
      }
      if (s.healthGate().isPresent()) {
        c.add(p + ".healthGate", "is only used by a shift-traffic step");
      }
    }
    s.dwell().filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> c.add(p + ".dwell", d + " is not a positive duration"));
  }

  /** Builds {@link UpgradeReport}s. */
  public static class Builder extends ImmutableUpgradeReport.Builder {}
}
