package dev.platformkit;

import dev.platformkit.internal.Engine;
import dev.platformkit.internal.Primitives;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.schedule.Schedules;
import dev.platformkit.site.SiteTimeouts;
import dev.platformkit.site.Sites;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.tenant.Tenants;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The entry point: backends wired explicitly, then one accessor per primitive.
 *
 * <pre>{@code
 * Platform platform = Platform.builder()
 *     .kubernetes(KubernetesBackend.create(kubernetesClient))   // a fabric8 client you configured
 *     .aws(AwsBackend.builder().eks(eksClient).clusterName("prod").build())
 *     .build();
 * Plan plan = platform.tenants().plan(tenant);
 * System.out.println(plan.render());
 * platform.tenants().apply(plan);
 * }</pre>
 *
 * <p>Thread-safe when its backends are. The testkit's {@code InMemoryPlatform} gives the same
 * {@code Platform} on in-memory backends with a controllable clock.
 */
public final class Platform {
  private final Engine engine;
  private final Tenants tenants;
  private final Schedules schedules;
  private final Sites sites;

  private Platform(Builder b) {
    Reconciler reconciler = new Reconciler(b.stores, b.retryPolicy, b.sleeper, b.clock, b.random);
    this.engine = new Engine(reconciler, b.clock, b.listener, Map.copyOf(b.options));
    this.tenants = Primitives.create(Tenants.class, engine);
    this.schedules = Primitives.create(Schedules.class, engine);
    this.sites = Primitives.create(Sites.class, engine);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Plan, apply and delete {@link dev.platformkit.tenant.Tenant}s. */
  public Tenants tenants() {
    return tenants;
  }

  /** Put {@link dev.platformkit.schedule.Schedule}s into effect: sleep and wake their targets. */
  public Schedules schedules() {
    return schedules;
  }

  /** Plan, apply and delete {@link dev.platformkit.site.Site}s; start previews and expire them. */
  public Sites sites() {
    return sites;
  }

  /** The clock the platform measures time with. */
  public Clock clock() {
    return engine.clock();
  }

  /** Builds a {@link Platform}. Only the backends a primitive needs must be set. */
  public static final class Builder {
    private final Map<String, ResourceStore> stores = new LinkedHashMap<>();
    private final Map<Class<?>, Object> options = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ProgressListener listener = ProgressListener.NONE;
    private Random random = new Random();

    private Builder() {}

    /** The Kubernetes backend (from platform-k8s, or the testkit's in-memory one): the default cluster. */
    public Builder kubernetes(ResourceStore store) {
      return store(ResourceRef.KUBERNETES, ResourceRef.DEFAULT_SCOPE, store);
    }

    /**
     * Another cluster, named {@code scope}: objects whose {@link ResourceRef#scope()} is that name live
     * there (the new cluster of a blue/green upgrade, say).
     */
    public Builder kubernetes(String scope, ResourceStore store) {
      return store(ResourceRef.KUBERNETES, scope, store);
    }

    /** The AWS backend (from platform-aws, or the testkit's in-memory one): the default account and region. */
    public Builder aws(ResourceStore store) {
      return store(ResourceRef.AWS, ResourceRef.DEFAULT_SCOPE, store);
    }

    /**
     * Another AWS account or region, named {@code scope} (ACM in {@code us-east-1} for CloudFront next to a
     * regional load balancer, say).
     */
    public Builder aws(String scope, ResourceStore store) {
      return store(ResourceRef.AWS, scope, store);
    }

    private Builder store(String provider, String scope, ResourceStore store) {
      Objects.requireNonNull(store, provider);
      Objects.requireNonNull(scope, "scope");
      if (!provider.equals(store.provider())) {
        throw new IllegalArgumentException("a " + store.provider() + " backend was given where a " + provider + " backend is expected");
      }
      stores.put(Reconciler.key(provider, scope), store);
      return this;
    }

    /** The clock for elapsed times and expiries. Default: {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Retries of throttling, 429, 5xx and conflicts. Default: {@link RetryPolicy#DEFAULT}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** How to wait between retries. Default: {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Hears the progress of applies. Default: {@link ProgressListener#NONE}. */
    public Builder listener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The seed of retry jitter, for reproducible tests. */
    public Builder jitterSeed(long seed) {
      this.random = new Random(seed);
      return this;
    }

    /** How tenants' IAM roles get into the cluster. Default: {@link IamAccess#ACCESS_ENTRIES}. */
    public Builder iamAccess(IamAccess iamAccess) {
      options.put(IamAccess.class, Objects.requireNonNull(iamAccess, "iamAccess"));
      return this;
    }

    /** How long site applies and deletes wait for certificates and load balancers. Default: {@link SiteTimeouts#DEFAULTS}. */
    public Builder siteTimeouts(SiteTimeouts timeouts) {
      options.put(SiteTimeouts.class, Objects.requireNonNull(timeouts, "timeouts"));
      return this;
    }

    /** The platform. */
    public Platform build() {
      return new Platform(this);
    }
  }
}
