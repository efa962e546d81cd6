package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.ResourceRef;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One action of an upgrade. Steps run in the order of {@link UpgradeReport#steps()}.
 *
 * <pre>{@code
 * Step.builder()
 *     .kind(StepKind.UPGRADE_CONTROL_PLANE)
 *     .description("update control plane of shop-prod to 1.23")
 *     .resource(ResourceRef.aws("Cluster", "shop-prod"))
 *     .version(KubernetesVersion.parse("1.23"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableStep.class)
@JsonDeserialize(as = ImmutableStep.class)
public abstract class Step implements Serializable, WithStep {
  // only the generated implementation extends it: no subclass can skip validation
  Step() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this step's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** What the step does. Required. */
  public abstract StepKind kind();

  /** The step in words, for a plan shown to a person. Required. */
  public abstract String description();

  /** What the step acts on: the cluster, an add-on, a node group, an object to migrate. */
  public abstract Optional<ResourceRef> resource();

  /** The version the step moves to. Required for control plane and node group upgrades. */
  public abstract Optional<KubernetesVersion> version();

  /**
   * For {@link StepKind#UPGRADE_ADDON}: the add-on version the step installs, as EKS names it
   * ({@code v1.12.6-eksbuild.2}); the executor needs it and refuses an add-on step without it.
   */
  public abstract Optional<String> addOnVersion();

  /** For {@link StepKind#SHIFT_TRAFFIC}: the percentage of traffic sent to the new cluster, 1 to 100. */
  public abstract Optional<Integer> percent();

  /** The hop this step belongs to, for in-place upgrades (node groups caught up before it included); empty for blue-green steps. */
  public abstract Optional<Hop> hop();

  /**
   * For {@link StepKind#SHIFT_TRAFFIC}: how long to hold the new weights before the next step, at least
   * the records' TTL so that resolvers have picked them up.
   */
  @JsonFormat(shape = JsonFormat.Shape.STRING)
  public abstract Optional<Duration> dwell();

  /** For {@link StepKind#SHIFT_TRAFFIC}: what must hold during the dwell to go on; otherwise traffic goes back. */
  public abstract Optional<String> healthGate();

  /** Builds {@link Step}s. */
  public static class Builder extends ImmutableStep.Builder {}
}
