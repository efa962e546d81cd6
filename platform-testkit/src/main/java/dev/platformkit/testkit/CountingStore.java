package dev.platformkit.testkit;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a store and counts its calls: reads (list, get) and writes (create, update, delete). Used to
 * prove that a re-apply writes nothing and that planning many specs costs one list per kind.
 */
public final class CountingStore implements ResourceStore {
  private final ResourceStore delegate;
  private final AtomicLong lists = new AtomicLong();
  private final AtomicLong gets = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  /** Counts the calls made to {@code delegate}. */
  public CountingStore(ResourceStore delegate) {
    this.delegate = delegate;
  }

  /** Number of {@code list} calls. */
  public long lists() {
    return lists.get();
  }

  /** Number of {@code get} calls. */
  public long gets() {
    return gets.get();
  }

  /** Number of {@code create}, {@code update} and {@code delete} calls. */
  public long writes() {
    return writes.get();
  }

  /** Sets every counter back to zero. */
  public void reset() {
    lists.set(0);
    gets.set(0);
    writes.set(0);
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
    lists.incrementAndGet();
    return delegate.list(kind, selector);
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    lists.incrementAndGet();
    return delegate.list(kind, namespace, selector);
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    gets.incrementAndGet();
    return delegate.get(kind, ref);
  }

  @Override
  public void create(Kind kind, Resource desired) {
    writes.incrementAndGet();
    delegate.create(kind, desired);
  }

  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    writes.incrementAndGet();
    delegate.update(kind, current, update);
  }

  @Override
  public void delete(Kind kind, Resource current) {
    writes.incrementAndGet();
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
    gets.incrementAndGet();
    return delegate.blockedNamespace(namespace);
  }

  @Override
  public Map<String, Integer> foreignContents(String namespace) {
    lists.incrementAndGet();
    return delegate.foreignContents(namespace);
  }
}
