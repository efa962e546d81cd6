package dev.platformkit.testkit;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
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
  public boolean supports(String kind) {
    return delegate.supports(kind);
  }

  @Override
  public List<Resource> list(String kind, Map<String, String> selector) {
    lists.incrementAndGet();
    return delegate.list(kind, selector);
  }

  @Override
  public Optional<Resource> get(ResourceRef ref) {
    gets.incrementAndGet();
    return delegate.get(ref);
  }

  @Override
  public void create(Resource desired) {
    writes.incrementAndGet();
    delegate.create(desired);
  }

  @Override
  public void update(Resource current, ResourceUpdate update) {
    writes.incrementAndGet();
    delegate.update(current, update);
  }

  @Override
  public void delete(Resource current) {
    writes.incrementAndGet();
    delegate.delete(current);
  }
}
