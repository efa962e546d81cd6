package dev.platformkit.testkit.assertions;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.testkit.InMemoryPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the state of an {@link InMemoryPlatform}; {@link #tenant}, {@link #workload} and
 * {@link #object} lead to the assertions of one tenant, workload or object.
 *
 * {@link #site} leads to what one site owns: its Applications, DNS records and certificate.
 */
public class InMemoryPlatformAssert extends AbstractAssert<InMemoryPlatformAssert, InMemoryPlatform> {

  /** Assertions on {@code actual}; see {@link PlatformAssertions#assertThat(InMemoryPlatform)}. */
  protected InMemoryPlatformAssert(InMemoryPlatform actual) {
    super(actual, InMemoryPlatformAssert.class);
  }

  /** The tenant named {@code name}: its namespaces, quota, bindings and access entries (it may have none yet). */
  public TenantAssert tenant(String name) {
    isNotNull();
    return new TenantAssert(actual, Objects.requireNonNull(name, "name"));
  }

  /** What the site named {@code name} owns: its Applications, DNS records and certificate (it may own none yet). */
  public SiteAssert site(String name) {
    isNotNull();
    return new SiteAssert(actual, Objects.requireNonNull(name, "name"));
  }

  /**
   * The workload {@code kind} ({@code Deployment}, {@code StatefulSet}, {@code CronJob},
   * {@code HorizontalPodAutoscaler}) {@code namespace/name}: its replicas and sleep record. Fails if it does
   * not exist, naming the ones of that kind in the namespace.
   */
  public WorkloadAssert workload(String namespace, String kind, String name) {
    Resource r = require(ResourceRef.kubernetes(kind, namespace, name));
    return new WorkloadAssert(r);
  }

  /** The object {@code ref} as the store holds it (whole). Fails if it does not exist. */
  public ResourceAssert object(ResourceRef ref) {
    return new ResourceAssert(require(ref));
  }

  /** Checks that the object {@code ref} exists. */
  public InMemoryPlatformAssert hasObject(ResourceRef ref) {
    require(ref);
    return this;
  }

  /** Checks that the object {@code ref} does not exist. */
  public InMemoryPlatformAssert doesNotHaveObject(ResourceRef ref) {
    isNotNull();
    find(ref).ifPresent(r -> failWithMessage("Expecting %s not to exist, but it does (version %s)", ref, r.version()));
    return this;
  }

  /** Every object of both stores, whole, Kubernetes first: what assertions of other primitives read. */
  public List<Resource> objects() {
    isNotNull();
    return objectsOf(actual);
  }

  static List<Resource> objectsOf(InMemoryPlatform memory) {
    List<Resource> all = new ArrayList<>(memory.kubernetes().all());
    all.addAll(memory.aws().all());
    return all;
  }

  private Optional<Resource> find(ResourceRef ref) {
    ResourceRef unscoped = ref.inScope(ResourceRef.DEFAULT_SCOPE);
    return objectsOf(actual).stream().filter(r -> r.ref().equals(unscoped)).findFirst();
  }

  private Resource require(ResourceRef ref) {
    isNotNull();
    Optional<Resource> found = find(ref);
    if (found.isEmpty()) {
      List<String> same = objectsOf(actual).stream()
          .filter(r -> r.ref().provider().equals(ref.provider()) && r.ref().kind().equals(ref.kind())
              && Objects.equals(r.ref().namespace(), ref.namespace()))
          .map(r -> r.ref().name()).collect(Collectors.toList());
      String where = ref.namespace() == null ? "" : " in namespace " + ref.namespace();
      failWithMessage("Expecting %s to exist, but it does not; the %s objects%s are: %s", ref, ref.kind(), where,
          same.isEmpty() ? "none" : String.join(", ", same));
    }
    return found.orElseThrow();
  }
}
