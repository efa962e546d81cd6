package dev.platformkit.testkit;

import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.RetryPolicy;
import dev.platformkit.tenant.IamAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Platform} on in-memory backends with a {@link FakeClock}: what unit tests of code that uses
 * platformkit need, with no cluster and no AWS account. The stores are exposed for assertions, the
 * platform's calls to them go through {@link #faults()}, and the whole state can be saved as a JSON or
 * YAML document and restored ({@link #snapshot(Path)}, {@link #restore(Path)}): fixtures for tests, and
 * the state file of the CLI's embedded backend. A
 * {@link dev.platformkit.testkit.sim.SiteWorld} acts around the stores as ACM and Argo CD would, so sites
 * apply end to end once {@code world().installArgoCd()} has made Argo CD's namespace.
 *
 * <pre>{@code
 * InMemoryPlatform memory = InMemoryPlatform.create();
 * memory.faults().failNext(1, Operation.CREATE, "Namespace", Fault.throttling());
 * memory.platform().tenants().apply(tenant);
 * assertThat(memory).tenant("payments").hasNamespaces("payments");   // PlatformAssertions
 * }</pre>
 */
public final class InMemoryPlatform {
  private final InMemoryStore kubernetes;
  private final InMemoryStore aws;
  private final FakeClock clock;
  private final Faults faults;
  private final Platform platform;
  private final dev.platformkit.testkit.sim.SiteWorld world;

  private InMemoryPlatform(InMemoryStore kubernetes, InMemoryStore aws, FakeClock clock, IamAccess iamAccess,
      ProgressListener listener) {
    this.kubernetes = kubernetes.clock(clock);
    this.aws = aws.clock(clock);
    this.clock = clock;
    this.world = dev.platformkit.testkit.sim.SiteWorld.attach(this.kubernetes, this.aws, clock);
    this.faults = new Faults(clock);
    this.platform = Platform.builder()
        .kubernetes(new FaultyStore(kubernetes, faults))
        .aws(new FaultyStore(aws, faults))
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
    return create(IamAccess.ACCESS_ENTRIES);
  }

  /** Like {@link #create()}, IAM roles getting in as {@code iamAccess} says. */
  public static InMemoryPlatform create(IamAccess iamAccess) {
    return new InMemoryPlatform(InMemoryStore.kubernetes(), InMemoryStore.aws(), FakeClock.standard(),
        Objects.requireNonNull(iamAccess, "iamAccess"), ProgressListener.NONE);
  }

  /** Like {@link #create()} with the given stores (for example loaded from a file), IAM mode and listener. */
  public static InMemoryPlatform of(InMemoryStore kubernetes, InMemoryStore aws, IamAccess iamAccess,
      ProgressListener listener) {
    return new InMemoryPlatform(kubernetes, aws, FakeClock.standard(), iamAccess, listener);
  }

  /**
   * A fresh platform ({@link #create()}) holding the state saved in {@code file} ({@link #snapshot(Path)};
   * YAML for {@code *.yaml} and {@code *.yml}, else JSON), its clock at the saved time.
   *
   * @throws PlatformException of one line naming the file and what is wrong, when it is absent or damaged
   */
  public static InMemoryPlatform restore(Path file) {
    return create().restoreFrom(file);
  }

  /** A fresh platform ({@link #create()}) holding the state in {@code document} (JSON or YAML). */
  public static InMemoryPlatform restore(String document) {
    return create().restoreFrom(document);
  }

  /** The platform to use. */
  public Platform platform() {
    return platform;
  }

  /** The in-memory Kubernetes state (the platform reaches it through {@link #faults()}). */
  public InMemoryStore kubernetes() {
    return kubernetes;
  }

  /** The in-memory AWS state (the platform reaches it through {@link #faults()}). */
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

  /** The faults the platform's calls to both stores go through: script failures and slow calls here. */
  public Faults faults() {
    return faults;
  }

  /**
   * Writes the whole state (both stores and the clock's time) to {@code file}, as YAML for {@code *.yaml}
   * and {@code *.yml}, else as JSON; atomically: the document goes to a temporary file in the same
   * directory, is forced to disk and renamed over {@code file}, so that no reader and no concurrent writer
   * ever sees a part of it. Creates the directory if needed.
   */
  public void snapshot(Path file) {
    byte[] bytes = snapshot(StateFormat.of(file)).getBytes(StandardCharsets.UTF_8);
    try {
      StateDocument.writeAtomically(file, bytes);
    } catch (IOException e) {
      throw new PlatformException("cannot save state to " + file + ": " + e, e, false);
    }
  }

  /** The whole state (both stores and the clock's time) as a document in {@code format}. */
  public String snapshot(StateFormat format) {
    Map<String, StateDocument.Store> stores = new LinkedHashMap<>();
    stores.put(kubernetes.provider(), kubernetes.state());
    stores.put(aws.provider(), aws.state());
    return StateDocument.write(new StateDocument.State(clock.instant(), stores), Objects.requireNonNull(format, "format"));
  }

  /**
   * Replaces the state of this platform's stores with the one saved in {@code file}, and sets the clock to
   * the saved time if the document has one; a store the document does not mention is left empty.
   *
   * @return this platform
   * @throws PlatformException of one line naming the file and what is wrong, when it is absent or damaged;
   *     the stores are then empty
   */
  public InMemoryPlatform restoreFrom(Path file) {
    clear();
    try {
      return restore(InMemoryStore.readState(file));
    } catch (StateDocument.Damaged e) {
      throw InMemoryStore.damaged(file, e.getMessage(), e);
    }
  }

  /**
   * Replaces the state of this platform's stores with the one in {@code document} (JSON or YAML), and sets
   * the clock to its time if it has one.
   *
   * @return this platform
   * @throws PlatformException of one line saying what is wrong, when the document is damaged
   */
  public InMemoryPlatform restoreFrom(String document) {
    clear();
    StateFormat format = document.strip().startsWith("{") ? StateFormat.JSON : StateFormat.YAML;
    try {
      return restore(StateDocument.read(document, format));
    } catch (StateDocument.Damaged e) {
      throw new PlatformException("cannot read state: " + e.getMessage(), e, false);
    }
  }

  private void clear() {
    kubernetes.replace(new StateDocument.Store(0, java.util.List.of()));
    aws.replace(new StateDocument.Store(0, java.util.List.of()));
  }

  private InMemoryPlatform restore(StateDocument.State state) throws StateDocument.Damaged {
    for (String provider : state.stores().keySet()) {
      if (!provider.equals(kubernetes.provider()) && !provider.equals(aws.provider())) {
        throw new StateDocument.Damaged("stores." + provider + " is not a store of this platform (it has "
            + kubernetes.provider() + " and " + aws.provider() + ")");
      }
    }
    StateDocument.Store k8s = state.stores().get(kubernetes.provider());
    StateDocument.Store a = state.stores().get(aws.provider());
    if (k8s != null) {
      kubernetes.replace(k8s);
    }
    if (a != null) {
      aws.replace(a);
    }
    if (state.clock() != null) {
      clock.set(state.clock());
    }
    return this;
  }
}
