package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a {@link Step} does; spelled in lower case with '-' ({@code upgrade-control-plane}). */
public enum StepKind {
  /** Rewrite objects that use an API version removed at the next hop to its replacement. */
  MIGRATE_API,
  /** Update the control plane by one minor. */
  UPGRADE_CONTROL_PLANE,
  /** Update an add-on (vpc-cni, coredns, kube-proxy, ...) to a version that supports the new minor. */
  UPGRADE_ADDON,
  /** Roll a node group to the new minor. */
  UPGRADE_NODEGROUP,
  /** Blue-green: create the new cluster at the target version. */
  CREATE_CLUSTER,
  /** Blue-green: deploy the workloads to the new cluster and wait until they are healthy. */
  SYNC_WORKLOADS,
  /** Blue-green: set the weighted DNS records so that a percentage of traffic goes to the new cluster. */
  SHIFT_TRAFFIC,
  /** Blue-green: remove the old cluster once all traffic has moved. */
  DELETE_CLUSTER;

  /** The spelling in a spec or report, such as {@code upgrade-control-plane}. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses the spelling of {@link #value()} (any case). */
  @JsonCreator
  public static StepKind of(String value) {
    for (StepKind k : values()) {
      if (k.value().equalsIgnoreCase(value)) {
        return k;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not a step kind (migrate-api, upgrade-control-plane, upgrade-addon, "
        + "upgrade-nodegroup, create-cluster, sync-workloads, shift-traffic or delete-cluster)");
  }
}
