package dev.platformkit.aws.internal;

import dev.platformkit.ConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.ScalingActivityInProgressException;
import software.amazon.awssdk.services.autoscaling.model.Tag;

/**
 * EC2 Auto Scaling groups, as {@link dev.platformkit.spi.Resource}s: ref {@code aws AutoScalingGroup
 * <name>}, labels = the group's tags, body {@code {minSize, maxSize, desiredCapacity}}. A body change is one
 * {@code UpdateAutoScalingGroup}; tags are set with {@code PropagateAtLaunch=false}, so instances do not
 * inherit them. {@code ScalingActivityInProgress} is a retryable {@link ConflictException}.
 */
public final class AutoScalingGroupStore extends SleepTargetStore {
  /** The kind this store holds. */
  public static final String KIND = "AutoScalingGroup";

  private static final String RESOURCE_TYPE = "auto-scaling-group";
  private static final Logger LOG = LoggerFactory.getLogger(AutoScalingGroupStore.class);

  private final AutoScalingClient autoScaling;

  /** Auto Scaling groups reached through {@code autoScaling}. */
  public AutoScalingGroupStore(AutoScalingClient autoScaling) {
    super(KIND);
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
  }

  @Override
  Optional<Target> describe(String name) {
    List<AutoScalingGroup> found;
    try {
      found = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups();
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading " + what(name));
    }
    // a group being deleted is not current state
    Optional<AutoScalingGroup> group = found.stream().filter(g -> g.status() == null).findFirst();
    return group.map(g -> {
      Map<String, String> tags = new LinkedHashMap<>();
      g.tags().forEach(t -> tags.put(t.key(), t.value()));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("minSize", g.minSize());
      body.put("maxSize", g.maxSize());
      body.put("desiredCapacity", g.desiredCapacity());
      return new Target(g.autoScalingGroupName(), g.autoScalingGroupARN(), tags, body, g.createdTime());
    });
  }

  @Override
  void tag(Target target, Map<String, String> tags) {
    try {
      autoScaling.createOrUpdateTags(r -> r.tags(tags.entrySet().stream().map(e -> Tag.builder()
          .resourceId(target.id()).resourceType(RESOURCE_TYPE).key(e.getKey()).value(e.getValue())
          .propagateAtLaunch(false).build()).toList()));
    } catch (SdkException e) {
      throw AwsErrors.map(e, "tagging " + what(target.id()));
    }
  }

  @Override
  void untag(Target target, Set<String> keys) {
    try {
      autoScaling.deleteTags(r -> r.tags(keys.stream().map(k -> Tag.builder()
          .resourceId(target.id()).resourceType(RESOURCE_TYPE).key(k).build()).toList()));
    } catch (SdkException e) {
      throw AwsErrors.map(e, "untagging " + what(target.id()));
    }
  }

  @Override
  void change(Target target, Map<String, Object> wanted) {
    String what = what(target.id());
    only(wanted, target.body(), Set.of("minSize", "maxSize", "desiredCapacity"), what);
    int min = size(wanted.get("minSize"), "minSize", what);
    int max = size(wanted.get("maxSize"), "maxSize", what);
    int desired = size(wanted.get("desiredCapacity"), "desiredCapacity", what);
    LOG.debug("resizing {} to min {} max {} desired {}", what, min, max, desired);
    try {
      autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(target.id()).minSize(min).maxSize(max)
          .desiredCapacity(desired));
    } catch (ScalingActivityInProgressException e) {
      throw new ConflictException(what + " has a scaling activity in progress", e);
    } catch (SdkException e) {
      throw AwsErrors.map(e, "resizing " + what);
    }
  }

  @Override
  String what(String name) {
    return "aws AutoScalingGroup " + name;
  }
}
