package dev.platformkit.testkit.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.rds.model.StartDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.StartDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.StopDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.StopDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * An in-memory {@link RdsClient} for stopping, starting and tagging DB instances, with the state rules of
 * the real service, on a {@link Clock} you move:
 *
 * <ul>
 *   <li>instances exist once {@link #addInstance added}; {@code DescribeDBInstances} of another identifier,
 *       and tag operations on another ARN, fail with {@link DbInstanceNotFoundException} (404,
 *       {@code DBInstanceNotFound});
 *   <li>{@code StopDBInstance} of an instance that is not {@code available}, and {@code StartDBInstance} of
 *       one that is not {@code stopped}, fail with {@link InvalidDbInstanceStateException} (400,
 *       {@code InvalidDBInstanceState}), with RDS's messages;
 *   <li>a stop goes {@code stopping} then, after {@link #TRANSITION}, {@code stopped}; a start
 *       {@code starting} then {@code available}; other transitional states an instance was added in
 *       ({@code creating}, {@code modifying}, {@code backing-up}, ...) end {@code available} after the same
 *       time;
 *   <li>an instance {@code stopped} for {@link #AUTO_START} is started by the service itself, as RDS does
 *       after seven days;
 *   <li>tags ({@code AddTagsToResource}, {@code RemoveTagsFromResource}, {@code ListTagsForResource}, and
 *       {@code TagList} in {@code DescribeDBInstances}) address an instance by its ARN; keys and values
 *       are checked as RDS does (at most 128 and 256 characters, no {@code aws:} or {@code rds:} prefix,
 *       only letters, digits, spaces and {@code _ . : / = + - @}): {@code InvalidParameterValue} (400).
 * </ul>
 *
 * <p>Only these operations are implemented; the others throw {@link UnsupportedOperationException}. Errors
 * are built as the SDK unmarshals them. Calls are counted per operation and faults can be injected into the
 * next calls, as with {@link FakeEksClient}. Thread-safe.
 */
public final class FakeRdsClient implements RdsClient {
  /** Operation names, as the RDS API spells them. */
  public static final String DESCRIBE_DB_INSTANCES = "DescribeDBInstances";
  /** See {@link #DESCRIBE_DB_INSTANCES}. */
  public static final String STOP_DB_INSTANCE = "StopDBInstance";
  /** See {@link #DESCRIBE_DB_INSTANCES}. */
  public static final String START_DB_INSTANCE = "StartDBInstance";
  /** See {@link #DESCRIBE_DB_INSTANCES}. */
  public static final String ADD_TAGS_TO_RESOURCE = "AddTagsToResource";
  /** See {@link #DESCRIBE_DB_INSTANCES}. */
  public static final String REMOVE_TAGS_FROM_RESOURCE = "RemoveTagsFromResource";
  /** See {@link #DESCRIBE_DB_INSTANCES}. */
  public static final String LIST_TAGS_FOR_RESOURCE = "ListTagsForResource";
  /** The operations that change state. */
  public static final Set<String> WRITE_OPERATIONS = Set.of(STOP_DB_INSTANCE, START_DB_INSTANCE, ADD_TAGS_TO_RESOURCE,
      REMOVE_TAGS_FROM_RESOURCE);

  /** How long {@code stopping}, {@code starting} and the other transitional states last on the clock. */
  public static final Duration TRANSITION = Duration.ofMinutes(5);
  /** How long an instance stays stopped before RDS starts it by itself. */
  public static final Duration AUTO_START = Duration.ofDays(7);

  private static final Pattern TAG_CHARS = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

  private final Clock clock;
  private final String region;
  private final String accountId;
  private final Map<String, Instance> instances = new TreeMap<>();
  private final CallLog log = new CallLog(WRITE_OPERATIONS);

  private final class Instance {
    String id;
    String arn;
    String status;
    Instant since; // when the current status began
    Instant created;
    final Map<String, String> tags = new TreeMap<>();

    // the service moves instances on by itself as time passes
    Instance settle() {
      Instant now = clock.instant();
      for (boolean moved = true; moved; ) {
        moved = false;
        if ("stopped".equals(status) && !now.isBefore(since.plus(AUTO_START))) {
          become("starting", since.plus(AUTO_START));
          moved = true;
        } else if (!"available".equals(status) && !"stopped".equals(status) && !now.isBefore(since.plus(TRANSITION))) {
          become("stopping".equals(status) ? "stopped" : "available", since.plus(TRANSITION));
          moved = true;
        }
      }
      return this;
    }

    void become(String newStatus, Instant at) {
      status = newStatus;
      since = at;
    }

    DBInstance toSdk() {
      return DBInstance.builder().dbInstanceIdentifier(id).dbInstanceArn(arn).dbInstanceStatus(status)
          .instanceCreateTime(created).engine("postgres")
          .tagList(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
          .build();
    }
  }

  /** A fake in {@code us-east-1}, account {@code 111122223333}, on {@code clock}. */
  public FakeRdsClient(Clock clock) {
    this(clock, "us-east-1", "111122223333");
  }

  /** A fake whose ARNs name {@code region} and {@code accountId}, on {@code clock}. */
  public FakeRdsClient(Clock clock, String region, String accountId) {
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
  }

  /** Makes an {@code available} instance exist, created now. */
  public FakeRdsClient addInstance(String id, Map<String, String> tags) {
    return addInstance(id, "available", tags);
  }

  /**
   * Makes an instance exist in {@code status} (e.g. {@code modifying}, or {@code stopped} since now), created
   * now. A transitional status ends after {@link #TRANSITION}.
   */
  public synchronized FakeRdsClient addInstance(String id, String status, Map<String, String> tags) {
    if (instances.containsKey(id)) {
      throw new IllegalArgumentException("DB instance " + id + " exists already");
    }
    checkTags(tags);
    Instance db = new Instance();
    db.id = id;
    db.arn = "arn:aws:rds:" + region + ":" + accountId + ":db:" + id;
    db.created = clock.instant();
    db.become(status, db.created);
    db.tags.putAll(tags);
    instances.put(id, db);
    return this;
  }

  // --- fault injection and counting ---

  /** The next {@code count} calls of {@code operation} (any when null) fail with a fresh exception from {@code error}. */
  public synchronized FakeRdsClient failNext(String operation, int count, Supplier<? extends SdkException> error) {
    log.failNext(operation, count, error);
    return this;
  }

  /** The next {@code count} calls of {@code operation} (any when null) are throttled. */
  public FakeRdsClient throttleNext(String operation, int count) {
    return failNext(operation, count, FakeRdsClient::throttlingException);
  }

  /** The error RDS answers when it throttles: {@code Throttling}, 400. */
  public static RdsException throttlingException() {
    return error(RdsException.builder(), 400, "Throttling", "Rate exceeded");
  }

  /** Calls made to {@code operation} so far, failed ones included. */
  public synchronized int calls(String operation) {
    return log.calls(operation);
  }

  /** Calls made so far to {@link #WRITE_OPERATIONS}. */
  public synchronized int writeCalls() {
    return log.writeCalls();
  }

  /** The status of an instance now (for assertions). */
  public synchronized String status(String id) {
    return instance(id).status;
  }

  /** The tags of an instance now (for assertions). */
  public synchronized Map<String, String> tags(String id) {
    return Map.copyOf(instance(id).tags);
  }

  // --- RdsClient ---

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest request) {
    enter(DESCRIBE_DB_INSTANCES);
    List<DBInstance> out = request.dbInstanceIdentifier() == null
        ? instances.values().stream().map(i -> i.settle().toSdk()).toList()
        : List.of(instance(request.dbInstanceIdentifier()).toSdk());
    return DescribeDbInstancesResponse.builder().dbInstances(out).build();
  }

  @Override
  public synchronized StopDbInstanceResponse stopDBInstance(StopDbInstanceRequest request) {
    enter(STOP_DB_INSTANCE);
    Instance db = instance(request.dbInstanceIdentifier());
    if (!"available".equals(db.status)) {
      throw invalidState("Instance " + db.id + " is not in available state.");
    }
    db.become("stopping", clock.instant());
    return StopDbInstanceResponse.builder().dbInstance(db.toSdk()).build();
  }

  @Override
  public synchronized StartDbInstanceResponse startDBInstance(StartDbInstanceRequest request) {
    enter(START_DB_INSTANCE);
    Instance db = instance(request.dbInstanceIdentifier());
    if (!"stopped".equals(db.status)) {
      throw invalidState("Instance " + db.id + " is not stopped, it cannot be started.");
    }
    db.become("starting", clock.instant());
    return StartDbInstanceResponse.builder().dbInstance(db.toSdk()).build();
  }

  @Override
  public synchronized AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest request) {
    enter(ADD_TAGS_TO_RESOURCE);
    Instance db = byArn(request.resourceName());
    Map<String, String> tags = new TreeMap<>();
    request.tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
    checkTags(tags);
    db.tags.putAll(tags);
    return AddTagsToResourceResponse.builder().build();
  }

  @Override
  public synchronized RemoveTagsFromResourceResponse removeTagsFromResource(RemoveTagsFromResourceRequest request) {
    enter(REMOVE_TAGS_FROM_RESOURCE);
    Instance db = byArn(request.resourceName());
    request.tagKeys().forEach(db.tags::remove);
    return RemoveTagsFromResourceResponse.builder().build();
  }

  @Override
  public synchronized ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
    enter(LIST_TAGS_FOR_RESOURCE);
    Instance db = byArn(request.resourceName());
    return ListTagsForResourceResponse.builder()
        .tagList(db.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
        .build();
  }

  // --- internals ---

  private void enter(String operation) {
    log.enter(operation);
  }

  private Instance instance(String id) {
    Instance db = id == null ? null : instances.get(id);
    if (db == null) {
      throw error(DbInstanceNotFoundException.builder(), 404, "DBInstanceNotFound", "DBInstance " + id + " not found.");
    }
    return db.settle();
  }

  private Instance byArn(String arn) {
    for (Instance db : instances.values()) {
      if (db.arn.equals(arn)) {
        return db.settle();
      }
    }
    throw error(DbInstanceNotFoundException.builder(), 404, "DBInstanceNotFound", "DBInstance " + arn + " not found.");
  }

  private static void checkTags(Map<String, String> tags) {
    for (Map.Entry<String, String> t : tags.entrySet()) {
      String key = t.getKey();
      String value = t.getValue();
      String lower = key.toLowerCase(Locale.ROOT);
      if (key.isEmpty() || key.length() > 128 || value.length() > 256 || lower.startsWith("aws:") || lower.startsWith("rds:")
          || !TAG_CHARS.matcher(key).matches() || !TAG_CHARS.matcher(value).matches()) {
        throw error(RdsException.builder(), 400, "InvalidParameterValue", "Invalid tag: key " + key + ", value " + value
            + ". Keys have 1 to 128 and values at most 256 characters, of letters, digits, spaces and _.:/=+-@,"
            + " and do not start with aws: or rds:.");
      }
    }
  }

  private static InvalidDbInstanceStateException invalidState(String message) {
    return (InvalidDbInstanceStateException) error(InvalidDbInstanceStateException.builder(), 400, "InvalidDBInstanceState", message);
  }

  private static RdsException error(RdsException.Builder builder, int status, String code, String message) {
    return (RdsException) builder.message(message).statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Rds").build())
        .build();
  }
}
