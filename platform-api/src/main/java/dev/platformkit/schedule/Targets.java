package dev.platformkit.schedule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What a schedule puts to sleep: Kubernetes workloads in the namespaces of the listed tenants and the
 * listed namespaces (narrowed by kind, label selector and excluded names), and AWS resources by name.
 * Workloads are only ever looked for in the listed tenants and namespaces, never cluster-wide.
 *
 * <pre>{@code
 * Targets.builder()
 *     .addTenants("payments")
 *     .addExcludeNamespaces("payments-prod")
 *     .putLabelSelector("env", "dev")
 *     .addExcludeNames("payments-ledger")
 *     .addNodeGroups(NodeGroup.of("dev-cluster", "batch-workers"))
 *     .addRdsInstances("payments-dev-db")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableTargets.class)
@JsonDeserialize(as = ImmutableTargets.class)
public abstract class Targets implements Serializable, WithTargets {
  // only the generated implementation extends it: no subclass can skip validation
  Targets() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** Tenants whose namespaces (all of them) are targeted. */
  public abstract List<String> tenants();

  /** Namespaces targeted by name, in addition to the tenants' namespaces. */
  public abstract List<String> namespaces();

  /** Namespaces left alone even when a listed tenant owns them (a tenant's production namespace). */
  public abstract List<String> excludeNamespaces();

  /** Only workloads carrying all these labels are targeted. Empty: every workload of the selected kinds. */
  public abstract Map<String, String> labelSelector();

  /** The workload kinds targeted. Default: Deployment, StatefulSet and CronJob. */
  @Value.Default
  public Set<WorkloadKind> kinds() {
    return EnumSet.allOf(WorkloadKind.class);
  }

  /** Workloads left alone, by name, in every targeted namespace (a shared database, a queue). */
  public abstract List<String> excludeNames();

  /** EKS managed node groups, scaled to zero nodes during downtime. */
  public abstract List<NodeGroup> nodeGroups();

  /**
   * RDS DB instances (identifiers), stopped during downtime and started for uptime. AWS starts an
   * instance that has been stopped for seven days by itself; the schedule stops it again.
   */
  public abstract List<String> rdsInstances();

  /** EC2 Auto Scaling groups (names), scaled to zero instances during downtime. */
  public abstract List<String> autoScalingGroups();

  /** Whether any Kubernetes workloads are targeted: some tenant or namespace is listed. */
  @JsonIgnore
  public boolean hasWorkloads() {
    return !tenants().isEmpty() || !namespaces().isEmpty();
  }

  /** Whether any AWS resources are targeted. */
  @JsonIgnore
  public boolean hasAwsResources() {
    return !nodeGroups().isEmpty() || !rdsInstances().isEmpty() || !autoScalingGroups().isEmpty();
  }

  /** Builds {@link Targets}. */
  public static class Builder extends ImmutableTargets.Builder {}
}
