package dev.platformkit.aws.internal;

import dev.platformkit.ConflictException;
import dev.platformkit.PlatformException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RDS DB instances, as {@link dev.platformkit.spi.Resource}s: ref {@code aws DBInstance <identifier>},
 * labels = the instance's tags, body {@code {status}} (RDS's {@code DBInstanceStatus}). Writing status
 * {@code stopped} calls {@code StopDBInstance}, {@code available} calls {@code StartDBInstance}; the
 * status then reads {@code stopping} or {@code starting} for some minutes.
 *
 * <p>{@code InvalidDBInstanceState} (the instance is not in a state that allows it, e.g. already stopping)
 * is a retryable {@link ConflictException}: the reconciler reads the instance again and the schedule
 * decides again on its real status, which for a transitional status is to wait for the next reconcile.
 */
public final class DbInstanceStore extends SleepTargetStore {
  /** The kind this store holds. */
  public static final String KIND = "DBInstance";

  private static final Logger LOG = LoggerFactory.getLogger(DbInstanceStore.class);

  private final RdsClient rds;

  /** DB instances reached through {@code rds}. */
  public DbInstanceStore(RdsClient rds) {
    super(KIND);
    this.rds = Objects.requireNonNull(rds, "rds");
  }

  @Override
  Optional<Target> describe(String id) {
    List<DBInstance> found;
    try {
      found = rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances();
    } catch (DbInstanceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading " + what(id));
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    DBInstance db = found.get(0);
    Map<String, String> tags = new LinkedHashMap<>();
    db.tagList().forEach(t -> tags.put(t.key(), t.value()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", db.dbInstanceStatus());
    return Optional.of(new Target(db.dbInstanceIdentifier(), db.dbInstanceArn(), tags, body, db.instanceCreateTime()));
  }

  @Override
  void tag(Target target, Map<String, String> tags) {
    try {
      rds.addTagsToResource(r -> r.resourceName(target.arn())
          .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    } catch (SdkException e) {
      throw AwsErrors.map(e, "tagging " + what(target.id()));
    }
  }

  @Override
  void untag(Target target, Set<String> keys) {
    try {
      rds.removeTagsFromResource(r -> r.resourceName(target.arn()).tagKeys(keys));
    } catch (SdkException e) {
      throw AwsErrors.map(e, "untagging " + what(target.id()));
    }
  }

  @Override
  void change(Target target, Map<String, Object> wanted) {
    String what = what(target.id());
    only(wanted, target.body(), Set.of("status"), what);
    Object status = wanted.get("status");
    LOG.debug("{}: {} -> {}", what, target.body().get("status"), status);
    try {
      if ("stopped".equals(status)) {
        rds.stopDBInstance(r -> r.dbInstanceIdentifier(target.id()));
      } else if ("available".equals(status)) {
        rds.startDBInstance(r -> r.dbInstanceIdentifier(target.id()));
      } else {
        throw new PlatformException(what + ": status can be set to stopped or available, not " + status);
      }
    } catch (InvalidDbInstanceStateException e) {
      throw new ConflictException(what + " cannot be " + ("stopped".equals(status) ? "stopped" : "started")
          + " in its current state: " + e.awsErrorDetails().errorMessage(), e);
    } catch (SdkException e) {
      throw AwsErrors.map(e, ("stopped".equals(status) ? "stopping " : "starting ") + what);
    }
  }

  @Override
  String what(String id) {
    return "aws DBInstance " + id;
  }
}
