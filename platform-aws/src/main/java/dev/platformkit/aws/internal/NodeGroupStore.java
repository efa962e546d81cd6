package dev.platformkit.aws.internal;

import dev.platformkit.PlatformException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * EKS managed node groups, as {@link dev.platformkit.spi.Resource}s: ref {@code aws NodeGroup
 * <cluster>/<nodegroup>}, labels = the node group's tags, body {@code {scalingConfig: {minSize, maxSize,
 * desiredSize}, status}} ({@code status} read-only). A body change is one {@code UpdateNodegroupConfig}.
 *
 * <p>EKS runs one update of a node group at a time and answers another with {@code ResourceInUseException};
 * that, and a node group found {@code CREATING}, {@code UPDATING} or {@code DELETING} before a resize, is a
 * retryable {@link dev.platformkit.ConflictException}: the reconciler reads it again and the schedule
 * decides again (it waits for the next reconcile).
 */
public final class NodeGroupStore extends SleepTargetStore {
  /** The kind this store holds. */
  public static final String KIND = "NodeGroup";

  private static final Set<String> BUSY = Set.of("CREATING", "UPDATING", "DELETING");
  private static final Logger LOG = LoggerFactory.getLogger(NodeGroupStore.class);

  private final EksClient eks;

  /** Node groups of any cluster reached through {@code eks}. */
  public NodeGroupStore(EksClient eks) {
    super(KIND);
    this.eks = Objects.requireNonNull(eks, "eks");
  }

  private record Name(String cluster, String nodegroup) {}

  private Name name(String id) {
    int slash = id.indexOf('/');
    if (slash <= 0 || slash == id.length() - 1) {
      throw new PlatformException("aws NodeGroup " + id + ": a node group is named <cluster>/<nodegroup>");
    }
    return new Name(id.substring(0, slash), id.substring(slash + 1));
  }

  @Override
  Optional<Target> describe(String id) {
    Name n = name(id);
    Nodegroup g;
    try {
      g = eks.describeNodegroup(r -> r.clusterName(n.cluster()).nodegroupName(n.nodegroup())).nodegroup();
    } catch (ResourceNotFoundException e) {
      return Optional.empty(); // the node group, or its cluster
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading " + what(id));
    }
    Map<String, Object> scaling = new LinkedHashMap<>();
    NodegroupScalingConfig c = g.scalingConfig();
    if (c != null) {
      scaling.put("minSize", c.minSize());
      scaling.put("maxSize", c.maxSize());
      scaling.put("desiredSize", c.desiredSize());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scalingConfig", scaling);
    body.put("status", g.statusAsString());
    return Optional.of(new Target(id, g.nodegroupArn(), g.tags(), body, g.createdAt()));
  }

  @Override
  String busy(Target target) {
    Object status = target.body().get("status");
    return BUSY.contains(String.valueOf(status)) ? "is " + status + "; EKS runs one update of a node group at a time" : null;
  }

  @Override
  void tag(Target target, Map<String, String> tags) {
    try {
      eks.tagResource(r -> r.resourceArn(target.arn()).tags(tags));
    } catch (SdkException e) {
      throw AwsErrors.map(e, "tagging " + what(target.id()));
    }
  }

  @Override
  void untag(Target target, Set<String> keys) {
    try {
      eks.untagResource(r -> r.resourceArn(target.arn()).tagKeys(keys));
    } catch (SdkException e) {
      throw AwsErrors.map(e, "untagging " + what(target.id()));
    }
  }

  @Override
  void change(Target target, Map<String, Object> wanted) {
    String what = what(target.id());
    only(wanted, target.body(), Set.of("scalingConfig"), what);
    Map<?, ?> s = wanted.get("scalingConfig") instanceof Map<?, ?> m ? m : Map.of();
    int min = size(s.get("minSize"), "scalingConfig.minSize", what);
    int max = size(s.get("maxSize"), "scalingConfig.maxSize", what);
    int desired = size(s.get("desiredSize"), "scalingConfig.desiredSize", what);
    Name n = name(target.id());
    LOG.debug("resizing {} to min {} max {} desired {}", what, min, max, desired);
    try {
      eks.updateNodegroupConfig(r -> r.clusterName(n.cluster()).nodegroupName(n.nodegroup())
          .scalingConfig(c -> c.minSize(min).maxSize(max).desiredSize(desired)));
    } catch (SdkException e) {
      throw AwsErrors.map(e, "resizing " + what);
    }
  }

  @Override
  String what(String id) {
    return "aws NodeGroup " + id;
  }
}
