package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.Checks;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * A request to upgrade an EKS cluster to a later Kubernetes minor, possibly across several minors
 * (1.20 to 1.27): which cluster, from which version if known, to which version, in place or blue-green,
 * and how far node groups may lag. The planner answers it with an {@link UpgradeReport}.
 *
 * <pre>{@code
 * UpgradePlan plan = UpgradePlan.builder()
 *     .cluster("shop-prod")
 *     .currentVersion(KubernetesVersion.parse("1.20"))
 *     .targetVersion(KubernetesVersion.parse("1.27"))
 *     .strategy(Strategy.BLUE_GREEN)
 *     .blueGreen(BlueGreen.builder().addTrafficSteps(5, 25, 100).build())
 *     .build();
 * }</pre>
 *
 * <p>{@code build()} checks everything at once and throws a {@link dev.platformkit.ValidationException}
 * listing every violation with its field path ({@code targetVersion}, {@code blueGreen.trafficSteps[1]}).
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableUpgradePlan.class)
@JsonDeserialize(as = ImmutableUpgradePlan.class)
public abstract class UpgradePlan implements Serializable, WithUpgradePlan {
  // only the generated implementation extends it: no subclass can skip validation
  UpgradePlan() {}

  private static final long serialVersionUID = 1L;

  /** The most minors one plan may cross; more is rarely one change window, and usually a rebuild. */
  public static final int MAX_MINORS = 10;
  /** The longest EKS cluster name. */
  public static final int MAX_CLUSTER_NAME_LENGTH = 100;

  // the EKS API's rule: a letter or digit, then letters, digits, '-' and '_'
  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this plan's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** The EKS cluster name. Required. */
  public abstract String cluster();

  /** The version the cluster runs, when known; otherwise the planner reads it from the cluster. */
  public abstract Optional<KubernetesVersion> currentVersion();

  /** The minor to upgrade to ({@code 1.27}); EKS picks the patch release. Required. */
  public abstract KubernetesVersion targetVersion();

  /** In place, blue-green, or the planner's choice. Default: {@code auto}. */
  @Value.Default
  public Strategy strategy() {
    return Strategy.AUTO;
  }

  /** How far node groups may lag behind the control plane. Default: {@code strict}. */
  @Value.Default
  public SkewPolicy nodeSkew() {
    return SkewPolicy.STRICT;
  }

  /** Blue-green settings, for strategy {@code blue-green} or {@code auto}. Default: {@link BlueGreen#defaults()}. */
  public abstract Optional<BlueGreen> blueGreen();

  /** {@link #blueGreen()}, or the defaults. */
  @JsonIgnore
  public BlueGreen blueGreenSettings() {
    return blueGreen().orElseGet(BlueGreen::defaults);
  }

  /**
   * The new cluster's name in a blue-green upgrade: {@link BlueGreen#greenCluster()}, or the cluster name
   * followed by the target minor ({@code shop-prod-1-27}), cut to fit {@value #MAX_CLUSTER_NAME_LENGTH}.
   */
  @JsonIgnore
  public String greenClusterName() {
    return blueGreenSettings().greenCluster().orElseGet(() -> {
      String suffix = "-" + targetVersion().major() + "-" + targetVersion().minor();
      String base = cluster().length() + suffix.length() > MAX_CLUSTER_NAME_LENGTH
          ? cluster().substring(0, MAX_CLUSTER_NAME_LENGTH - suffix.length())
          : cluster();
      return base + suffix;
    });
  }

  /** Checks the whole plan at {@code build()} and throws one exception listing every violation. */
  @Value.Check
  protected void check() {
    Checks c = new Checks("UpgradePlan" + (cluster() == null ? "" : " " + cluster()));
    clusterName(c, "cluster", cluster());
    if (c.required("targetVersion", targetVersion())) {
      if (targetVersion().patch().isPresent()) {
        c.add("targetVersion", targetVersion() + " is a patch release; give the minor (" + targetVersion().toMinor()
            + "): EKS upgrades to a minor and picks the patch");
      }
      currentVersion().ifPresent(current -> versions(c, current, targetVersion()));
    }
    c.required("strategy", strategy());
    c.required("nodeSkew", nodeSkew());
    blueGreen().ifPresent(bg -> blueGreen(c, bg));
    c.throwIfAny();
  }

  private static void versions(Checks c, KubernetesVersion current, KubernetesVersion target) {
    if (current.major() != target.major()) {
      c.add("targetVersion", target + " has another major version than currentVersion " + current);
      return;
    }
    int minors = current.minorsUntil(target);
    if (minors <= 0) {
      c.add("targetVersion", target + " is not after currentVersion " + current + ": an upgrade moves to a later minor");
    } else if (minors > MAX_MINORS) {
      c.add("targetVersion", "from " + current + " to " + target + " is " + minors + " minor versions; plan at most " + MAX_MINORS + " at once");
    }
  }

  private void blueGreen(Checks c, BlueGreen bg) {
    if (strategy() == Strategy.IN_PLACE) {
      c.add("blueGreen", "is only used with strategy blue-green or auto, not in-place");
    }
    bg.greenCluster().ifPresent(green -> {
      if (clusterName(c, "blueGreen.greenCluster", green) && green.equals(cluster())) {
        c.add("blueGreen.greenCluster", "must differ from cluster " + cluster());
      }
    });
    List<Integer> steps = bg.trafficSteps();
    for (int i = 0; i < steps.size(); i++) {
      int percent = steps.get(i);
      if (percent < 1 || percent > 100) {
        c.add("blueGreen.trafficSteps[" + i + "]", percent + " is not a percentage from 1 to 100");
      } else if (i > 0 && percent <= steps.get(i - 1)) {
        c.add("blueGreen.trafficSteps[" + i + "]", percent + " is not more than the step before (" + steps.get(i - 1) + ")");
      }
    }
    if (!steps.isEmpty() && steps.get(steps.size() - 1) != 100) {
      c.add("blueGreen.trafficSteps", "must end at 100, so that all traffic reaches the new cluster");
    }
    if (c.required("blueGreen.recordTtl", bg.recordTtl())
        && (bg.recordTtl().compareTo(Duration.ofSeconds(1)) < 0 || bg.recordTtl().compareTo(Duration.ofDays(2)) > 0)) {
      c.add("blueGreen.recordTtl", bg.recordTtl() + " is not a DNS record TTL from PT1S to P2D");
    }
    if (c.required("blueGreen.dwell", bg.dwell()) && bg.recordTtl() != null && bg.dwell().compareTo(bg.recordTtl()) < 0) {
      c.add("blueGreen.dwell", bg.dwell() + " is shorter than recordTtl " + bg.recordTtl()
          + ": resolvers would not have seen a step's weights before the next");
    }
  }

  /** Checks an EKS cluster name; shared with {@link UpgradeReport}. */
  static boolean clusterName(Checks c, String path, String name) {
    if (!c.required(path, name)) {
      return false;
    }
    if (name.length() > MAX_CLUSTER_NAME_LENGTH || !CLUSTER_NAME.matcher(name).matches()) {
      c.add(path, "\"" + name + "\" is not an EKS cluster name (a letter or digit, then letters, digits, '-' and '_'; at most "
          + MAX_CLUSTER_NAME_LENGTH + " characters)");
      return false;
    }
    return true;
  }

  /** Builds {@link UpgradePlan}s. */
  public static class Builder extends ImmutableUpgradePlan.Builder {}
}
