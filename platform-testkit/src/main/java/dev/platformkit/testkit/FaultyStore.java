package dev.platformkit.testkit;

import dev.platformkit.PlatformException;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.ResourceStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Fault injection: wraps a store and makes its calls fail or take time as its {@link Faults} script says,
 * before they reach the store, as a throttled, conflicting or slow request would; and runs races just
 * before writes ({@link #raceNextWrite}). Several stores can share one {@link Faults} (the two stores of an
 * {@link InMemoryPlatform} do).
 */
public final class FaultyStore extends ForwardingStore {
  private final Faults faults;
  private final Deque<Runnable> races = new ArrayDeque<>();

  /** Injects faults into calls to {@code delegate}; its own {@link #faults()} have no clock, so no slow calls. */
  public FaultyStore(ResourceStore delegate) {
    this(delegate, Faults.withoutClock());
  }

  /** Injects the faults {@code faults} scripts into calls to {@code delegate}. */
  public FaultyStore(ResourceStore delegate, Faults faults) {
    super(delegate);
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /** What this store's calls do: the failures and slow-downs to script. */
  public Faults faults() {
    return faults;
  }

  /** The next {@code count} writes fail with a fresh exception from {@code fault} ({@link Faults#failNextWrites}). */
  public FaultyStore failNextWrites(int count, Supplier<? extends PlatformException> fault) {
    faults.failNextWrites(count, Fault.of(fault));
    return this;
  }

  /** The next {@code count} reads (list, get) fail with a fresh exception from {@code fault} ({@link Faults#failNextReads}). */
  public FaultyStore failNextReads(int count, Supplier<? extends PlatformException> fault) {
    faults.failNextReads(count, Fault.of(fault));
    return this;
  }

  /** Failures still scripted ({@link Faults#pending()}). */
  public int pendingFaults() {
    return faults.pending();
  }

  /**
   * Runs {@code race} just before the next write reaches the store, as another writer racing us would
   * (creating the object we are about to create, changing the one we are about to update). That write
   * then takes no scripted failure.
   */
  public synchronized FaultyStore raceNextWrite(Runnable race) {
    races.add(race);
    return this;
  }

  @Override
  protected <T> T read(Operation operation, Kind kind, String target, Supplier<T> read) {
    faults.before(operation, kind, target);
    return read.get();
  }

  @Override
  protected void write(Operation operation, Kind kind, String target, Runnable write) {
    Runnable race;
    synchronized (this) {
      race = races.poll();
    }
    if (race != null) {
      race.run();
    } else {
      faults.before(operation, kind, target);
    }
    write.run();
  }
}
