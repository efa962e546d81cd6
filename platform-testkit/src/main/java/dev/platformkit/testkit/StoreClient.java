package dev.platformkit.testkit;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.schedule.Schedules;
import dev.platformkit.tenant.Tenants;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A store addressed by {@link ResourceRef} and kind name alone, the {@link Kind}s taken from the
 * primitives' declarations ({@link Tenants#kinds()}, {@link Schedules#kinds()}): what tests use to read back, or tamper with, what
 * the platform wrote, without repeating API paths.
 */
public final class StoreClient {
  private final ResourceStore store;

  private StoreClient(ResourceStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** A client of {@code store}. */
  public static StoreClient of(ResourceStore store) {
    return new StoreClient(store);
  }

  /** The store. */
  public ResourceStore store() {
    return store;
  }

  /** The kind named {@code name}, as the primitives declare it ({@link Tenants#kinds()}, {@link Schedules#kinds()}). */
  public static Kind kind(String name) {
    return java.util.stream.Stream.concat(Tenants.kinds().stream(), Schedules.kinds().stream())
        .filter(k -> k.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no primitive declares the kind " + name));
  }

  /** {@link ResourceStore#supports}. */
  public boolean supports(String kind) {
    return store.supports(kind(kind));
  }

  /** {@link ResourceStore#list}. */
  public List<Resource> list(String kind, Map<String, String> selector) {
    return store.list(kind(kind), selector);
  }

  /** {@link ResourceStore#get}. */
  public Optional<Resource> get(ResourceRef ref) {
    return store.get(kind(ref.kind()), ref);
  }

  /** {@link ResourceStore#create}. */
  public void create(Resource desired) {
    store.create(kind(desired.ref().kind()), desired);
  }

  /** {@link ResourceStore#update}. */
  public void update(Resource current, ResourceUpdate update) {
    store.update(kind(current.ref().kind()), current, update);
  }

  /** {@link ResourceStore#delete}. */
  public void delete(Resource current) {
    store.delete(kind(current.ref().kind()), current);
  }
}
