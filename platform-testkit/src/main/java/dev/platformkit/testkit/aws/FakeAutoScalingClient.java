package dev.platformkit.testkit.aws;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AlreadyExistsException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupResponse;

/**
 * An in-memory {@link AutoScalingClient} for sizing and tagging Auto Scaling groups, with the rules of the
 * real service:
 *
 * <ul>
 *   <li>{@code CreateAutoScalingGroup} (launch configuration and subnets are not needed here) of an existing
 *       name fails with {@link AlreadyExistsException}; {@code DescribeAutoScalingGroups} leaves out names
 *       that do not exist;
 *   <li>sizes are checked as Auto Scaling does: {@code minSize <= desiredCapacity <= maxSize}, else
 *       {@code ValidationError} (400); {@code UpdateAutoScalingGroup} of an unknown group is a
 *       {@code ValidationError} too; a new {@code minSize} above the current desired capacity raises it
 *       (and a new {@code maxSize} below lowers it) when no desired capacity is given;
 *   <li>tags ({@code CreateOrUpdateTags}, {@code DeleteTags}, and {@code Tags} in the description) name the
 *       group with resource type {@code auto-scaling-group}; values have at most 256 characters.
 * </ul>
 *
 * <p>Only these operations are implemented; the others throw {@link UnsupportedOperationException}. Calls
 * are counted and faults injected as with {@link FakeEksClient}. Thread-safe.
 */
public final class FakeAutoScalingClient implements AutoScalingClient {
  /** Operation names, as the Auto Scaling API spells them. */
  public static final String CREATE_AUTO_SCALING_GROUP = "CreateAutoScalingGroup";
  /** See {@link #CREATE_AUTO_SCALING_GROUP}. */
  public static final String DESCRIBE_AUTO_SCALING_GROUPS = "DescribeAutoScalingGroups";
  /** See {@link #CREATE_AUTO_SCALING_GROUP}. */
  public static final String UPDATE_AUTO_SCALING_GROUP = "UpdateAutoScalingGroup";
  /** See {@link #CREATE_AUTO_SCALING_GROUP}. */
  public static final String CREATE_OR_UPDATE_TAGS = "CreateOrUpdateTags";
  /** See {@link #CREATE_AUTO_SCALING_GROUP}. */
  public static final String DELETE_TAGS = "DeleteTags";
  /** The operations that change state. */
  public static final Set<String> WRITE_OPERATIONS = Set.of(CREATE_AUTO_SCALING_GROUP, UPDATE_AUTO_SCALING_GROUP,
      CREATE_OR_UPDATE_TAGS, DELETE_TAGS);

  private static final String RESOURCE_TYPE = "auto-scaling-group";

  private final Clock clock;
  private final String region;
  private final String accountId;
  private final Map<String, Group> groups = new TreeMap<>();
  private final CallLog log = new CallLog(WRITE_OPERATIONS);

  private static final class Group {
    String name;
    String arn;
    int min;
    int max;
    int desired;
    Instant created;
    final Map<String, TagDescription> tags = new TreeMap<>();

    AutoScalingGroup toSdk() {
      return AutoScalingGroup.builder().autoScalingGroupName(name).autoScalingGroupARN(arn).minSize(min).maxSize(max)
          .desiredCapacity(desired).createdTime(created).tags(List.copyOf(tags.values())).build();
    }
  }

  /** A fake in {@code us-east-1}, account {@code 111122223333}, stamping times from {@code clock}. */
  public FakeAutoScalingClient(Clock clock) {
    this(clock, "us-east-1", "111122223333");
  }

  /** A fake whose ARNs name {@code region} and {@code accountId}, stamping times from {@code clock}. */
  public FakeAutoScalingClient(Clock clock, String region, String accountId) {
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
  }

  /** Makes a group exist, as {@code CreateAutoScalingGroup} does: a helper for tests. */
  public FakeAutoScalingClient addGroup(String name, int min, int max, int desired, Map<String, String> tags) {
    createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(min).maxSize(max).desiredCapacity(desired)
        .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    return this;
  }

  // --- fault injection and counting ---

  /** The next {@code count} calls of {@code operation} (any when null) fail with a fresh exception from {@code error}. */
  public synchronized FakeAutoScalingClient failNext(String operation, int count, Supplier<? extends SdkException> error) {
    log.failNext(operation, count, error);
    return this;
  }

  /** The next {@code count} calls of {@code operation} (any when null) are throttled. */
  public FakeAutoScalingClient throttleNext(String operation, int count) {
    return failNext(operation, count, FakeAutoScalingClient::throttlingException);
  }

  /** The error Auto Scaling answers when it throttles: {@code Throttling}, 400. */
  public static AutoScalingException throttlingException() {
    return error(AutoScalingException.builder(), 400, "Throttling", "Rate exceeded");
  }

  /** Calls made to {@code operation} so far, failed ones included. */
  public synchronized int calls(String operation) {
    return log.calls(operation);
  }

  /** Calls made so far to {@link #WRITE_OPERATIONS}. */
  public synchronized int writeCalls() {
    return log.writeCalls();
  }

  // --- AutoScalingClient ---

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized CreateAutoScalingGroupResponse createAutoScalingGroup(CreateAutoScalingGroupRequest request) {
    enter(CREATE_AUTO_SCALING_GROUP);
    String name = request.autoScalingGroupName();
    if (name == null || name.isEmpty() || name.length() > 255) {
      throw validation("AutoScalingGroupName must have 1 to 255 characters.");
    }
    if (groups.containsKey(name)) {
      throw error(AlreadyExistsException.builder(), 400, "AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name "
          + name + " already exists");
    }
    if (request.minSize() == null || request.maxSize() == null) {
      throw validation("MinSize and MaxSize are required.");
    }
    int desired = request.desiredCapacity() != null ? request.desiredCapacity() : request.minSize();
    checkSizes(request.minSize(), request.maxSize(), desired);
    Group g = new Group();
    g.name = name;
    g.arn = "arn:aws:autoscaling:" + region + ":" + accountId + ":autoScalingGroup:"
        + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + ":autoScalingGroupName/" + name;
    g.min = request.minSize();
    g.max = request.maxSize();
    g.desired = desired;
    g.created = clock.instant();
    for (Tag t : request.tags()) {
      putTag(g, t);
    }
    groups.put(name, g);
    return CreateAutoScalingGroupResponse.builder().build();
  }

  @Override
  public synchronized DescribeAutoScalingGroupsResponse describeAutoScalingGroups(DescribeAutoScalingGroupsRequest request) {
    enter(DESCRIBE_AUTO_SCALING_GROUPS);
    List<AutoScalingGroup> out = groups.values().stream()
        .filter(g -> !request.hasAutoScalingGroupNames() || request.autoScalingGroupNames().contains(g.name))
        .map(Group::toSdk).toList();
    return DescribeAutoScalingGroupsResponse.builder().autoScalingGroups(out).build();
  }

  @Override
  public synchronized UpdateAutoScalingGroupResponse updateAutoScalingGroup(UpdateAutoScalingGroupRequest request) {
    enter(UPDATE_AUTO_SCALING_GROUP);
    Group g = group(request.autoScalingGroupName());
    int min = request.minSize() != null ? request.minSize() : g.min;
    int max = request.maxSize() != null ? request.maxSize() : g.max;
    int desired = g.desired;
    if (request.desiredCapacity() != null) {
      desired = request.desiredCapacity();
    } else {
      // as Auto Scaling does: new limits drag the current desired capacity along
      desired = Math.min(Math.max(desired, min), max);
    }
    checkSizes(min, max, desired);
    g.min = min;
    g.max = max;
    g.desired = desired;
    return UpdateAutoScalingGroupResponse.builder().build();
  }

  @Override
  public synchronized CreateOrUpdateTagsResponse createOrUpdateTags(CreateOrUpdateTagsRequest request) {
    enter(CREATE_OR_UPDATE_TAGS);
    for (Tag t : request.tags()) {
      putTag(tagged(t), t);
    }
    return CreateOrUpdateTagsResponse.builder().build();
  }

  @Override
  public synchronized DeleteTagsResponse deleteTags(DeleteTagsRequest request) {
    enter(DELETE_TAGS);
    for (Tag t : request.tags()) {
      tagged(t).tags.remove(t.key());
    }
    return DeleteTagsResponse.builder().build();
  }

  /** The size of a group now (for assertions): min, max, desired. */
  public synchronized List<Integer> sizes(String name) {
    Group g = group(name);
    return List.of(g.min, g.max, g.desired);
  }

  // --- internals ---

  private void enter(String operation) {
    log.enter(operation);
  }

  private Group group(String name) {
    Group g = name == null ? null : groups.get(name);
    if (g == null) {
      throw validation("AutoScalingGroup name not found - AutoScalingGroup " + name + " not found");
    }
    return g;
  }

  private Group tagged(Tag t) {
    if (!RESOURCE_TYPE.equals(t.resourceType())) {
      throw validation("Invalid resource type: " + t.resourceType() + "; tags apply to " + RESOURCE_TYPE);
    }
    return group(t.resourceId());
  }

  private static void putTag(Group g, Tag t) {
    String value = t.value() == null ? "" : t.value();
    if (t.key() == null || t.key().isEmpty() || t.key().length() > 128 || value.length() > 256 || t.key().startsWith("aws:")) {
      throw validation("Invalid tag: keys have 1 to 128 characters and do not start with aws:, values at most 256: " + t.key());
    }
    g.tags.put(t.key(), TagDescription.builder().resourceId(g.name).resourceType(RESOURCE_TYPE).key(t.key()).value(value)
        .propagateAtLaunch(Boolean.TRUE.equals(t.propagateAtLaunch())).build());
  }

  private static void checkSizes(int min, int max, int desired) {
    if (min < 0 || max < 0) {
      throw validation("MinSize and MaxSize must be at least 0.");
    }
    if (min > max) {
      throw validation("Max bound, " + max + ", must be greater than or equal to min bound, " + min);
    }
    if (desired < min || desired > max) {
      throw validation("Desired capacity:" + desired + " must be between the specified min size:" + min
          + " and max size:" + max);
    }
  }

  private static AutoScalingException validation(String message) {
    return error(AutoScalingException.builder(), 400, "ValidationError", message);
  }

  private static AutoScalingException error(AutoScalingException.Builder builder, int status, String code, String message) {
    return (AutoScalingException) builder.message(message).statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("AutoScaling").build())
        .build();
  }
}
