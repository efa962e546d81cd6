package dev.platformkit.testkit;

import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fault injection: wraps a store and makes its next writes (or reads) fail with the exceptions queued by
 * {@link #failNextWrites} ({@link #failNextReads}), before they reach the store, as a throttled or
 * conflicting request would.
 */
public final class FaultyStore implements ResourceStore {
  private final ResourceStore delegate;
  private final Deque<Supplier<? extends PlatformException>> faults = new ArrayDeque<>();
  private final Deque<Supplier<? extends PlatformException>> readFaults = new ArrayDeque<>();
  private final Deque<Runnable> races = new ArrayDeque<>();

  /** Injects faults into writes to {@code delegate}. */
  public FaultyStore(ResourceStore delegate) {
    this.delegate = delegate;
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
  public String provider() {
    return delegate.provider();
  }

  @Override
  public boolean supports(Kind kind) {
    return delegate.supports(kind);
  }

  @Override
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    maybeFailRead();
    return delegate.list(kind, selector);
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    maybeFailRead();
    return delegate.list(kind, namespace, selector);
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    maybeFailRead();
    return delegate.get(kind, ref);
  }

  @Override
  public void create(Kind kind, Resource desired) {
    maybeFail();
    delegate.create(kind, desired);
  }

  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    maybeFail();
    delegate.update(kind, current, update);
  }

  @Override
  public void delete(Kind kind, Resource current) {
    maybeFail();
    delegate.delete(kind, current);
  }

  @Override
  public Marks marks() {
    return delegate.marks();
  }

  @Override
  public Tracking tracking() {
    return delegate.tracking();
  }

  @Override
  public Optional<String> blockedNamespace(String namespace) {
    maybeFailRead();
    return delegate.blockedNamespace(namespace);
  }

  @Override
  public Map<String, Integer> foreignContents(String namespace) {
    maybeFailRead();
    return delegate.foreignContents(namespace);
  }
}
