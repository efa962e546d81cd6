package dev.platformkit.schedule;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import org.immutables.value.Value;

/**
 * An EKS managed node group, scaled to zero nodes during downtime and back to its previous size after.
 *
 * <pre>{@code NodeGroup.of("dev-cluster", "batch-workers")}</pre>
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableNodeGroup.class)
@JsonDeserialize(as = ImmutableNodeGroup.class)
public abstract class NodeGroup implements Serializable, WithNodeGroup {
  // only the generated implementation extends it: no subclass can skip validation
  NodeGroup() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The node group {@code name} of EKS cluster {@code cluster}. */
  public static NodeGroup of(String cluster, String name) {
    return builder().cluster(cluster).name(name).build();
  }

  /** A builder holding this node group's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** The EKS cluster name. Required. */
  public abstract String cluster();

  /** The node group name. Required. */
  public abstract String name();

  /** {@code cluster/name}, as messages show it. */
  @Override
  public String toString() {
    return cluster() + "/" + name();
  }

  /** Builds {@link NodeGroup}s. */
  public static class Builder extends ImmutableNodeGroup.Builder {}
}
