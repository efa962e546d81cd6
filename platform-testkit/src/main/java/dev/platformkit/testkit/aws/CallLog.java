package dev.platformkit.testkit.aws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The calls a fake AWS client counted, per operation, and the faults injected into its next calls: the
 * bookkeeping {@link FakeEksClient}, {@link FakeAutoScalingClient}, {@link FakeRdsClient}, {@link FakeRoute53Client} and {@link FakeAcmClient} share. Not
 * thread-safe on its own: each fake calls it under its own lock.
 */
final class CallLog {
  private final Set<String> writeOperations;
  private final Map<String, Integer> calls = new TreeMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();

  private record Fault(String operation, Supplier<? extends SdkException> error) {
    boolean matches(String op) {
      return operation == null || operation.equals(op);
    }
  }

  /** A log whose {@link #writeCalls()} sums {@code writeOperations}. */
  CallLog(Set<String> writeOperations) {
    this.writeOperations = writeOperations;
  }

  /** The next {@code count} calls of {@code operation} (any when null) fail with a fresh exception from {@code error}. */
  void failNext(String operation, int count, Supplier<? extends SdkException> error) {
    for (int i = 0; i < count; i++) {
      faults.add(new Fault(operation, error));
    }
  }

  /** Faults injected but not yet thrown. */
  int pendingFaults() {
    return faults.size();
  }

  /** Calls made to {@code operation} so far, failed ones included. */
  int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  /** Calls made so far, by operation (only operations called at least once). */
  Map<String, Integer> callCounts() {
    return Map.copyOf(calls);
  }

  /** Calls made so far to the write operations. */
  int writeCalls() {
    return writeOperations.stream().mapToInt(this::calls).sum();
  }

  /** Sets every call counter back to zero. */
  void resetCalls() {
    calls.clear();
  }

  /**
   * Counts a call of {@code operation}, then throws the first injected fault that matches it (removing it),
   * before the call changes anything.
   */
  void enter(String operation) {
    calls.merge(operation, 1, Integer::sum);
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.matches(operation)) {
        it.remove();
        throw fault.error().get();
      }
    }
  }
}
