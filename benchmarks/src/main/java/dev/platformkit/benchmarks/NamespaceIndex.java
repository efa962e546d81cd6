package dev.platformkit.benchmarks;

import dev.platformkit.testkit.ForwardingStore;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Answers namespaced lists from one list of the whole kind, grouped by namespace, until the next write:
 * a store's read path as an API server's is (it does not scan other namespaces), so that a measurement
 * shows the planner's cost rather than the in-memory store's, whose namespaced list filters every object
 * of the kind. Not thread-safe; for benchmarks only.
 */
final class NamespaceIndex extends ForwardingStore {
  private final Map<String, Map<String, List<Resource>>> lists = new HashMap<>();

  NamespaceIndex(ResourceStore delegate) {
    super(delegate);
  }

  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    if (namespace == null) {
      return delegate().list(kind, selector);
    }
    return lists.computeIfAbsent(kind.name() + selector, k -> delegate().list(kind, selector).stream()
            .collect(Collectors.groupingBy(r -> r.ref().namespace())))
        .getOrDefault(namespace, List.of());
  }

  // what was listed is stale after any write
  @Override
  protected void write(Runnable write) {
    lists.clear();
    write.run();
  }
}
