package dev.platformkit.testkit;

import dev.platformkit.spi.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The faults a test scripts for the stores of an {@link InMemoryPlatform} ({@link InMemoryPlatform#faults()})
 * or of any {@link FaultyStore}: fail the next calls of an operation, of all kinds or of one, and slow
 * calls down by simulated time on a {@link FakeClock}.
 *
 * <pre>{@code
 * memory.faults().failNext(2, Operation.UPDATE, "ResourceQuota", Fault.throttling());
 * memory.faults().failNext(1, Operation.LIST, Fault.timeout(Duration.ofSeconds(5)));
 * memory.faults().slowDown(Operation.CREATE, Duration.ofMillis(200));
 * }</pre>
 *
 * <p>Failures are used up in the order they were scripted: each call takes the first failure that matches
 * it and is not used up yet. A failing call fails before it reaches the store, so it changes nothing. Slow
 * calls move the clock forward before the call is made, and stay slow until {@link #clear()}.
 *
 * <p>Thread-safe.
 */
public final class Faults {
  private static final Set<Operation> WRITES = EnumSet.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE);
  private static final Set<Operation> READS = EnumSet.of(Operation.LIST, Operation.GET);

  private final FakeClock clock;
  private final List<Rule> failures = new ArrayList<>();
  private final List<Rule> slow = new ArrayList<>();
  private int injected;

  /** Faults whose slow calls and timeouts move {@code clock}. */
  public Faults(FakeClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private Faults() {
    this.clock = null;
  }

  /** Faults without a clock: only failures that take no time (what {@code new FaultyStore(store)} has). */
  static Faults withoutClock() {
    return new Faults();
  }

  /** The next {@code count} calls of {@code operation}, of any kind, fail with {@code fault}. */
  public Faults failNext(int count, Operation operation, Fault fault) {
    return fail(count, EnumSet.of(Objects.requireNonNull(operation, "operation")), null, fault);
  }

  /**
   * The next {@code count} calls of {@code operation} on objects of {@code kind} (a kind name such as
   * {@code RoleBinding} or {@code AccessEntry}) fail with {@code fault}; other kinds' calls go through.
   */
  public Faults failNext(int count, Operation operation, String kind, Fault fault) {
    return fail(count, EnumSet.of(Objects.requireNonNull(operation, "operation")), Objects.requireNonNull(kind, "kind"), fault);
  }

  /** The next {@code count} writes (create, update or delete), of any kind, fail with {@code fault}. */
  public Faults failNextWrites(int count, Fault fault) {
    return fail(count, WRITES, null, fault);
  }

  /** The next {@code count} reads (list or get), of any kind, fail with {@code fault}. */
  public Faults failNextReads(int count, Fault fault) {
    return fail(count, READS, null, fault);
  }

  /** From now on (until {@link #clear()}), each call of {@code operation} takes {@code perCall} on the clock. */
  public Faults slowDown(Operation operation, Duration perCall) {
    return slow(EnumSet.of(Objects.requireNonNull(operation, "operation")), null, perCall);
  }

  /**
   * From now on (until {@link #clear()}), each call of {@code operation} on objects of {@code kind} takes
   * {@code perCall} on the clock.
   */
  public Faults slowDown(Operation operation, String kind, Duration perCall) {
    return slow(EnumSet.of(Objects.requireNonNull(operation, "operation")), Objects.requireNonNull(kind, "kind"), perCall);
  }

  /** Scripted failures not used up yet. */
  public synchronized int pending() {
    return failures.stream().mapToInt(r -> r.remaining).sum();
  }

  /** Failures injected so far. */
  public synchronized int injected() {
    return injected;
  }

  /** Forgets every failure not used up yet and every slow-down: calls go through as they are. */
  public synchronized void clear() {
    failures.clear();
    slow.clear();
  }

  private Faults fail(int count, Set<Operation> operations, String kind, Fault fault) {
    Objects.requireNonNull(fault, "fault");
    if (count < 0) {
      throw new IllegalArgumentException("count: the number of calls to fail is not negative: " + count);
    }
    if (clock == null && !fault.takes().isZero()) {
      throw new IllegalStateException("fault " + fault + " takes time, and these faults have no FakeClock:"
          + " create the store with new FaultyStore(store, new Faults(clock))");
    }
    if (count > 0) {
      synchronized (this) {
        failures.add(new Rule(operations, kind, fault, count, Duration.ZERO));
      }
    }
    return this;
  }

  private Faults slow(Set<Operation> operations, String kind, Duration perCall) {
    Objects.requireNonNull(perCall, "perCall");
    if (perCall.isNegative()) {
      throw new IllegalArgumentException("perCall: a call takes no negative time: " + perCall);
    }
    if (clock == null) {
      throw new IllegalStateException("slow calls need a FakeClock: create the store with"
          + " new FaultyStore(store, new Faults(clock))");
    }
    synchronized (this) {
      slow.add(new Rule(operations, kind, null, -1, perCall));
    }
    return this;
  }

  /**
   * Called before {@code operation} of {@code kind} on {@code target} reaches a store: moves the clock by
   * the slow-downs that match, then throws the first matching failure, if any.
   */
  void before(Operation operation, Kind kind, String target) {
    Duration delay = Duration.ZERO;
    Fault fault = null;
    synchronized (this) {
      for (Rule r : slow) {
        if (r.matches(operation, kind)) {
          delay = delay.plus(r.perCall);
        }
      }
      for (Rule r : failures) {
        if (r.remaining > 0 && r.matches(operation, kind)) {
          r.remaining--;
          fault = r.fault;
          injected++;
          break;
        }
      }
      failures.removeIf(r -> r.remaining == 0);
    }
    if (fault != null) {
      delay = delay.plus(fault.takes());
    }
    if (clock != null && !delay.isZero()) {
      clock.advance(delay);
    }
    if (fault != null) {
      throw fault.exception(operation.verb() + " of " + target);
    }
  }

  private static final class Rule {
    final Set<Operation> operations;
    final String kind;
    final Fault fault;
    final Duration perCall;
    int remaining;

    Rule(Set<Operation> operations, String kind, Fault fault, int remaining, Duration perCall) {
      this.operations = operations;
      this.kind = kind;
      this.fault = fault;
      this.remaining = remaining;
      this.perCall = perCall;
    }

    boolean matches(Operation operation, Kind k) {
      return operations.contains(operation) && (kind == null || (k != null && kind.equals(k.name())));
    }
  }
}
