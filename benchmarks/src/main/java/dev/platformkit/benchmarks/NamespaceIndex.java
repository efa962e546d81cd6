package dev.platformkit.benchmarks;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers namespaced lists from one list of the whole kind, grouped by namespace, until the next write:
 * a store's read path as an API server's is (it does not scan other namespaces), so that a measurement
 * shows the planner's cost rather than the in-memory store's, whose namespaced list filters every object
 * of the kind. Not thread-safe; for benchmarks only.
 */
final class NamespaceIndex implements ResourceStore {
  private final ResourceStore delegate;
  private final Map<String, Map<String, List<Resource>>> lists = new HashMap<>();

  NamespaceIndex(ResourceStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    if (namespace == null) {
      return delegate.list(kind, selector);
    }
    return lists.computeIfAbsent(kind.name() + selector, k -> delegate.list(kind, selector).stream()
            .collect(Collectors.groupingBy(r -> r.ref().namespace())))
        .getOrDefault(namespace, List.of());
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
    return delegate.list(kind, selector);
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return delegate.get(kind, ref);
  }

  @Override
  public void create(Kind kind, Resource desired) {
    lists.clear();
    delegate.create(kind, desired);
  }

  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    lists.clear();
    delegate.update(kind, current, update);
  }

  @Override
  public void delete(Kind kind, Resource current) {
    lists.clear();
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
    return delegate.blockedNamespace(namespace);
  }

  @Override
  public Map<String, Integer> foreignContents(String namespace) {
    return delegate.foreignContents(namespace);
  }
}
