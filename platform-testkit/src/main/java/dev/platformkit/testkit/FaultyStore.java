package dev.platformkit.testkit;

import dev.platformkit.PlatformException;
import dev.platformkit.spi.ResourceStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Fault injection: wraps a store and makes its next writes (or reads) fail with the exceptions queued by
 * {@link #failNextWrites} ({@link #failNextReads}), before they reach the store, as a throttled or
 * conflicting request would.
 */
public final class FaultyStore extends ForwardingStore {
  private final Deque<Supplier<? extends PlatformException>> faults = new ArrayDeque<>();
  private final Deque<Supplier<? extends PlatformException>> readFaults = new ArrayDeque<>();
  private final Deque<Runnable> races = new ArrayDeque<>();

  /** Injects faults into writes to {@code delegate}. */
  public FaultyStore(ResourceStore delegate) {
    super(delegate);
  }

  /** The next {@code count} writes fail with a fresh exception from {@code fault}. */
  public synchronized FaultyStore failNextWrites(int count, Supplier<? extends PlatformException> fault) {
    for (int i = 0; i < count; i++) {
      faults.add(fault);
    }
    return this;
  }

  /** The next {@code count} reads (list, get) fail with a fresh exception from {@code fault}. */
  public synchronized FaultyStore failNextReads(int count, Supplier<? extends PlatformException> fault) {
    for (int i = 0; i < count; i++) {
      readFaults.add(fault);
    }
    return this;
  }

  /** Write faults still queued. */
  public synchronized int pendingFaults() {
    return faults.size();
  }

  private synchronized void maybeFailRead() {
    Supplier<? extends PlatformException> fault = readFaults.poll();
    if (fault != null) {
      throw fault.get();
    }
  }

  /**
   * Runs {@code race} just before the next write reaches the store, as another writer racing us would
   * (creating the object we are about to create, changing the one we are about to update).
   */
  public synchronized FaultyStore raceNextWrite(Runnable race) {
    races.add(race);
    return this;
  }

  private void maybeFail() {
    Runnable race;
    Supplier<? extends PlatformException> fault;
    synchronized (this) {
      race = races.poll();
      fault = race == null ? faults.poll() : null;
    }
    if (race != null) {
      race.run();
      return;
    }
    if (fault != null) {
      throw fault.get();
    }
  }

  @Override
  protected <T> T read(Supplier<T> read) {
    maybeFailRead();
    return read.get();
  }

  @Override
  protected void write(Runnable write) {
    maybeFail();
    write.run();
  }
}
