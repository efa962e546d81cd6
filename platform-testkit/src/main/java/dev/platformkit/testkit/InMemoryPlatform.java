package dev.platformkit.testkit;

import dev.platformkit.Platform;
import dev.platformkit.ProgressListener;
import dev.platformkit.RetryPolicy;
import dev.platformkit.tenant.IamAccess;

/**
 * A {@link Platform} on in-memory backends with a {@link FakeClock}: what unit tests of code that uses
 * platformkit need, with no cluster and no AWS account. The stores are exposed for assertions. A
 * {@link dev.platformkit.testkit.sim.SiteWorld} acts around them as ACM and Argo CD would, so sites apply
 * end to end.
 *
 * <pre>{@code
 * InMemoryPlatform memory = InMemoryPlatform.create();
 * memory.platform().tenants().apply(tenant);
 * assertThat(memory.kubernetes().all()).isNotEmpty();
 * }</pre>
 */
public final class InMemoryPlatform {
  private final InMemoryStore kubernetes;
  private final InMemoryStore aws;
  private final FakeClock clock;
  private final Platform platform;
  private final dev.platformkit.testkit.sim.SiteWorld world;

  private InMemoryPlatform(InMemoryStore kubernetes, InMemoryStore aws, FakeClock clock, IamAccess iamAccess,
      ProgressListener listener) {
    this.kubernetes = kubernetes.clock(clock);
    this.aws = aws.clock(clock);
    this.clock = clock;
    this.world = dev.platformkit.testkit.sim.SiteWorld.attach(this.kubernetes, this.aws, clock);
    this.platform = Platform.builder()
        .kubernetes(kubernetes)
        .aws(aws)
        .clock(clock)
        .sleeper(clock.sleeper())
        .retryPolicy(RetryPolicy.DEFAULT)
        .jitterSeed(42)
        .iamAccess(iamAccess)
        .listener(listener)
        .build();
  }

  /** Fresh, empty in-memory backends, access entries for IAM roles, a clock at {@link FakeClock#standard()}. */
  public static InMemoryPlatform create() {
    return new InMemoryPlatform(InMemoryStore.kubernetes(), InMemoryStore.aws(), FakeClock.standard(),
        IamAccess.ACCESS_ENTRIES, ProgressListener.NONE);
  }

  /** Like {@link #create()} with the given stores (for example loaded from a file), IAM mode and listener. */
  public static InMemoryPlatform of(InMemoryStore kubernetes, InMemoryStore aws, IamAccess iamAccess,
      ProgressListener listener) {
    return new InMemoryPlatform(kubernetes, aws, FakeClock.standard(), iamAccess, listener);
  }

  /** The platform to use. */
  public Platform platform() {
    return platform;
  }

  /** The in-memory Kubernetes state. */
  public InMemoryStore kubernetes() {
    return kubernetes;
  }

  /** The in-memory AWS state. */
  public InMemoryStore aws() {
    return aws;
  }

  /**
   * The simulation of ACM, Argo CD and the load balancer controller around the stores, which sites need
   * (certificates get issued, Applications get load balancers): to tune its delays or make it stop.
   */
  public dev.platformkit.testkit.sim.SiteWorld world() {
    return world;
  }

  /** The clock, to move time. */
  public FakeClock clock() {
    return clock;
  }
}
