package dev.platformkit.upgrade;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.ResourceRef;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
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

  /** Builds {@link Step}s. */
  public static class Builder extends ImmutableStep.Builder {}
}
