package dev.platformkit.testkit;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a store and counts its calls: lists (and counts of a namespace's contents), single-object reads
 * (and terminating checks) and writes (create, update, delete). Used to prove that a re-apply writes
 * nothing and that planning many specs costs one list per kind.
 */
public final class CountingStore extends ForwardingStore {
  private final AtomicLong lists = new AtomicLong();
  private final AtomicLong gets = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  /** Counts the calls made to {@code delegate}. */
  public CountingStore(ResourceStore delegate) {
    super(delegate);
  }

  /** Number of {@code list} and {@code foreignContents} calls. */
  public long lists() {
    return lists.get();
  }

  /** Number of {@code get} and {@code blockedNamespace} calls. */
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
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    lists.incrementAndGet();
    return super.list(kind, selector);
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    lists.incrementAndGet();
    return super.list(kind, namespace, selector);
  }

  @Override
  public Map<String, Integer> foreignContents(String namespace) {
    lists.incrementAndGet();
    return super.foreignContents(namespace);
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    gets.incrementAndGet();
    return super.get(kind, ref);
  }

  @Override
  public Optional<String> blockedNamespace(String namespace) {
    gets.incrementAndGet();
    return super.blockedNamespace(namespace);
  }

  @Override
  protected void write(Runnable write) {
    writes.incrementAndGet();
    write.run();
  }
}
