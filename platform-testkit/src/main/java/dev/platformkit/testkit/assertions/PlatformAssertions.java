package dev.platformkit.testkit.assertions;

import dev.platformkit.Plan;
import dev.platformkit.spi.Resource;
import dev.platformkit.testkit.InMemoryPlatform;

/**
 * The entry points: import them statically next to AssertJ's own {@code assertThat}s (Java picks these
 * for an {@link InMemoryPlatform}, a {@link Plan} or a {@link Resource}).
 *
 * <pre>{@code
 * import static dev.platformkit.testkit.assertions.PlatformAssertions.assertThat;
 *
 * assertThat(memory).tenant("payments").hasNamespaces("payments-dev", "payments-stage")
 *     .hasQuota("requests.cpu", "8").hasBinding("platformkit-edit", "group:payments-devs");
 * assertThat(memory).workload("shop-dev", "Deployment", "web").hasReplicas(0).hasSleepRecord("nightly", 3);
 * assertThat(plan).creates("Namespace payments-dev").hasChanges(14);
 * }</pre>
 */
public final class PlatformAssertions {
  private PlatformAssertions() {}

  /** Assertions on the state of an in-memory platform: its tenants, workloads and objects. */
  public static InMemoryPlatformAssert assertThat(InMemoryPlatform actual) {
    return new InMemoryPlatformAssert(actual);
  }

  /** Assertions on a plan's changes and warnings. */
  public static PlanAssert assertThat(Plan actual) {
    return new PlanAssert(actual);
  }

  /** Assertions on one object as a store holds it: labels, annotations, body. */
  public static ResourceAssert assertThat(Resource actual) {
    return new ResourceAssert(actual);
  }
}
