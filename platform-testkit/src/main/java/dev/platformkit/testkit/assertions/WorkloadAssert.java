package dev.platformkit.testkit.assertions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.spi.Resource;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one workload a schedule acts on: its replicas ({@code spec.replicas}), whether it is
 * suspended ({@code spec.suspend}, CronJobs), and its sleep record, the annotation {@value #SLEEP_RECORD}
 * ({@code {"schedule":"nightly","replicas":3}}) a schedule leaves while the workload sleeps.
 */
public class WorkloadAssert extends AbstractAssert<WorkloadAssert, Resource> {
  /** The annotation holding a sleeping workload's original value. */
  public static final String SLEEP_RECORD = "platformkit.dev/sleep";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Assertions on {@code actual}. */
  protected WorkloadAssert(Resource actual) {
    super(actual, WorkloadAssert.class);
  }

  /** Checks {@code spec.replicas} (Deployments, StatefulSets). */
  public WorkloadAssert hasReplicas(int replicas) {
    isNotNull();
    Object found = ResourceAssert.at(actual.body(), "spec.replicas");
    if (!ResourceAssert.same(found, replicas)) {
      failWithMessage("Expecting %s to have %s replicas, but it has %s", actual.ref(), replicas,
          found == null ? "no spec.replicas" : found);
    }
    return this;
  }

  /** Checks that a CronJob is suspended ({@code spec.suspend: true}). */
  public WorkloadAssert isSuspended() {
    isNotNull();
    if (!Boolean.TRUE.equals(ResourceAssert.at(actual.body(), "spec.suspend"))) {
      failWithMessage("Expecting %s to be suspended, but spec.suspend is %s", actual.ref(),
          ResourceAssert.at(actual.body(), "spec.suspend"));
    }
    return this;
  }

  /** Checks that a CronJob is not suspended. */
  public WorkloadAssert isNotSuspended() {
    isNotNull();
    if (Boolean.TRUE.equals(ResourceAssert.at(actual.body(), "spec.suspend"))) {
      failWithMessage("Expecting %s not to be suspended, but spec.suspend is true", actual.ref());
    }
    return this;
  }

  /** Checks that the workload is asleep: it carries a sleep record. */
  public WorkloadAssert isAsleep() {
    isNotNull();
    if (!actual.annotations().containsKey(SLEEP_RECORD)) {
      failWithMessage("Expecting %s to be asleep (annotated %s), but it has no sleep record", actual.ref(), SLEEP_RECORD);
    }
    return this;
  }

  /** Checks that the workload is awake: it carries no sleep record. */
  public WorkloadAssert isAwake() {
    isNotNull();
    if (actual.annotations().containsKey(SLEEP_RECORD)) {
      failWithMessage("Expecting %s to be awake, but it has the sleep record %s", actual.ref(),
          actual.annotations().get(SLEEP_RECORD));
    }
    return this;
  }

  /** Checks that the workload is asleep under the schedule {@code schedule}. */
  public WorkloadAssert isAsleepUnder(String schedule) {
    Map<?, ?> record = record();
    if (!Objects.equals(record.get("schedule"), schedule)) {
      failWithMessage("Expecting %s to be asleep under schedule %s, but its sleep record is %s", actual.ref(), schedule,
          actual.annotations().get(SLEEP_RECORD));
    }
    return this;
  }

  /**
   * Checks that the workload is asleep under {@code schedule} with {@code replicas} recorded: the count it
   * gets back when it wakes up.
   */
  public WorkloadAssert hasSleepRecord(String schedule, int replicas) {
    Map<?, ?> record = record();
    if (!Objects.equals(record.get("schedule"), schedule) || !ResourceAssert.same(record.get("replicas"), replicas)) {
      failWithMessage("Expecting %s to have the sleep record {schedule: %s, replicas: %s}, but it is %s", actual.ref(),
          schedule, replicas, actual.annotations().get(SLEEP_RECORD));
    }
    return this;
  }

  private Map<?, ?> record() {
    isAsleep();
    String value = actual.annotations().get(SLEEP_RECORD);
    try {
      Object parsed = JSON.readValue(value, Object.class);
      if (parsed instanceof Map<?, ?> m) {
        return m;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    failWithMessage("Expecting %s to have a sleep record of JSON, but it is %s", actual.ref(), value);
    return Map.of();
  }
}
