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
 * {@link FaultyStore}), so that each overrides only what it adds. Wrappers that need to know which call
 * it is (an {@link Operation}, its kind and target) override {@link #read(Operation, Kind, String, Supplier)}
 * and {@link #write(Operation, Kind, String, Runnable)} instead; by default those go through the plain hooks.
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

  /**
   * Every read goes through here first, with what it is: {@code operation} ({@link Operation#LIST} or
   * {@link Operation#GET}), its {@code kind} (null for {@code blockedNamespace} and {@code foreignContents})
   * and {@code target}, the object or list it reads as messages name it ({@code Namespace payments},
   * {@code RoleBinding in payments-dev}). Default: {@link #read(Supplier)}.
   */
  protected <T> T read(Operation operation, Kind kind, String target, Supplier<T> read) {
    return read(read);
  }

  /**
   * Every write goes through here first, with what it is: {@code operation} (create, update or delete),
   * its {@code kind} and {@code target}, the object it writes. Default: {@link #write(Runnable)}.
   */
  protected void write(Operation operation, Kind kind, String target, Runnable write) {
    write(write);
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
    return read(Operation.LIST, kind, kind.name(), () -> delegate.list(kind, selector));
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    return read(Operation.LIST, kind, namespace == null ? kind.name() : kind.name() + " in " + namespace,
        () -> delegate.list(kind, namespace, selector));
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return read(Operation.GET, kind, ref.toString(), () -> delegate.get(kind, ref));
  }

  /** The delegate's canonical ref (no call is counted: stores answer it from what they cached). */
  @Override
  public ResourceRef canonical(Kind kind, ResourceRef ref) {
    return delegate.canonical(kind, ref);
  }

  @Override
  public void create(Kind kind, Resource desired) {
    write(Operation.CREATE, kind, desired.ref().toString(), () -> delegate.create(kind, desired));
  }

  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    write(Operation.UPDATE, kind, current.ref().toString(), () -> delegate.update(kind, current, update));
  }

  @Override
  public void delete(Kind kind, Resource current) {
    write(Operation.DELETE, kind, current.ref().toString(), () -> delegate.delete(kind, current));
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
    return read(Operation.GET, null, "Namespace " + namespace, () -> delegate.blockedNamespace(namespace));
  }

  @Override
  public Map<String, Integer> foreignContents(String namespace) {
    return read(Operation.LIST, null, "contents of namespace " + namespace, () -> delegate.foreignContents(namespace));
  }
}
