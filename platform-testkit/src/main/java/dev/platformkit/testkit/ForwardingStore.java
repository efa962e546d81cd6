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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store that forwards every call to another, its reads through {@link #read} and its writes through
 * {@link #write}: the base of wrappers that count, fail or crash calls ({@link CountingStore},
 * {@link FaultyStore}), so that each overrides only what it adds.
 */
public abstract class ForwardingStore implements ResourceStore {
  private final ResourceStore delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingStore(ResourceStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected ResourceStore delegate() {
    return delegate;
  }

  /** Every read (list, get, blockedNamespace, foreignContents) goes through here. Default: made as it is. */
  protected <T> T read(Supplier<T> read) {
    return read.get();
  }

  /** Every write (create, update, delete) goes through here. Default: made as it is. */
  protected void write(Runnable write) {
    write.run();
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
    return read(() -> delegate.list(kind, selector));
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    return read(() -> delegate.list(kind, namespace, selector));
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return read(() -> delegate.get(kind, ref));
  }

  @Override
  public void create(Kind kind, Resource desired) {
    write(() -> delegate.create(kind, desired));
  }

  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    write(() -> delegate.update(kind, current, update));
  }

  @Override
  public void delete(Kind kind, Resource current) {
    write(() -> delegate.delete(kind, current));
  }

  /** A batch goes to the delegate as one write, so a store that batches still does behind a wrapper. */
  @Override
  public void write(Kind kind, List<dev.platformkit.spi.Write> writes) {
    write(() -> delegate.write(kind, writes));
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
    return read(() -> delegate.blockedNamespace(namespace));
  }

  @Override
  public Map<String, Integer> foreignContents(String namespace) {
    return read(() -> delegate.foreignContents(namespace));
  }
}
