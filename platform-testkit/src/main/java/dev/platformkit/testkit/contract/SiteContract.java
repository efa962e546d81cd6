package dev.platformkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.ApplyResult;
import dev.platformkit.Change;
import dev.platformkit.OwnershipException;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.ValidationException;
import dev.platformkit.WaitTimeoutException;
import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.LoadBalancerZones;
import dev.platformkit.site.Site;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.site.SiteTimeouts;
import dev.platformkit.site.Sites;
import dev.platformkit.site.Source;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.ForwardingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every pair of backends must do for {@link Site}s, with the world around them acting as it does for
 * real: ACM issues certificates once their validation records exist, Argo CD and the AWS Load Balancer
 * Controller give each Application an Ingress with a load balancer. A backend's test extends this class
 * and returns a fresh {@link World} from {@link #world()}: its stores, its clock, and a way to let time pass
 * in it (the platform's sleeper), so the same suite runs on the in-memory backends with the testkit's
 * {@code SiteWorld} and on Kubernetes (mock server) with AWS (ACM/Route53 fakes) where the test drives
 * controllers and the fake ACM itself.
 *
 * <pre>{@code
 * class InMemorySiteContractTest extends SiteContract {
 *   protected World world() {
 *     FakeClock clock = FakeClock.standard();
 *     InMemoryStore k8s = InMemoryStore.kubernetes().clock(clock), aws = InMemoryStore.aws().clock(clock);
 *     SiteWorld sim = SiteWorld.attach(k8s, aws, clock);
 *     return new World() { ... };
 *   }
 * }
 * }</pre>
 */
public abstract class SiteContract {
  /** The hosted zone of every site of the suite; the world must have it as a public zone. */
  public static final String ZONE = "shop.example.com";
  /** The id of the hosted zone {@value #ZONE}. */
  public static final String ZONE_ID = "Z0SHOP";
  static final Kind NAMESPACE = Kind.kubernetes("v1", "Namespace", "namespaces", false);

  /**
   * The backends of one test and the world around them. The zone {@value #ZONE} exists in it (public, id
   * {@value #ZONE_ID}, the only zone of that name), Argo CD
   * is installed in the namespace {@code argocd}, and nothing platformkit owns exists yet.
   */
  public interface World {
    /** The Kubernetes store the platform writes Applications through (and reads Ingresses and Namespaces). */
    ResourceStore kubernetes();

    /** The AWS store of the default region holding certificates (ACM) and DNS records (Route53). */
    ResourceStore aws();

    /** The clock of the world: the suite reads it, and moves it only through {@link #advance}. */
    Clock clock();

    /**
     * Lets {@code duration} pass: moves the clock and lets the controllers and ACM act on what they see
     * (issue certificates whose validation records exist, give Applications load balancers, delete what a
     * deleted Application deployed). The platform's sleeper: every wait polls through it.
     */
    void advance(Duration duration);

    /** Whether ACM issues certificates (false: they stay pending, for timeouts). Default on. */
    void issuing(boolean on);

    /** Whether Applications get their load balancer (false: they stay progressing). Default on. */
    void provisioning(boolean on);

    /**
     * An ISSUED certificate for {@code domains} that platformkit did not request (imported, or made by
     * another tool): its ARN.
     */
    String foreignCertificate(List<String> domains);

    /** A record of {@code type} at {@code name} in {@value #ZONE} that platformkit did not write. */
    void foreignRecord(String name, String type, String value);

    /**
     * A second cluster in the same AWS account (the green one of a blue/green upgrade): its Kubernetes store,
     * with Argo CD installed and the controllers acting on it as time passes ({@link #advance}), its load
     * balancers named other than the first cluster's and using certificates as theirs do. The same store on
     * every call.
     */
    ResourceStore secondCluster();
  }

  /** A fresh world for one test; called once per test, except by the crash tests (once per crash point). */
  protected abstract World world();

  // ---------------------------------------------------------------------------------------------
  // fixtures

  static Tenant shop() {
    return Tenant.builder().name("shop").addHostnames(ZONE, "*." + ZONE).build();
  }

  static Site brand() {
    return Site.builder()
        .name("brand")
        .tenant("shop")
        .environment(Environment.PRODUCTION)
        .addHosts("www." + ZONE, ZONE)
        .addComponents(Component.of("storefront", Source.builder().repoURL("https://github.com/acme/storefront.git")
            .targetRevision("main").path("chart").build()))
        .addComponents(Component.of("api", Source.builder().repoURL("https://github.com/acme/shop-api.git")
            .targetRevision("main").path("deploy/chart").build()))
        .dns(Dns.zone(ZONE))
        .build();
  }

  static Site other(String name, String host) {
    return brand().toBuilder().name(name).hosts(List.of(host)).components(List.of(brand().components().get(0))).build();
  }

  /** A platform on the world, with a listener and timeouts of its own. */
  final class Setup {
    final World world;
    final List<String> waits = new ArrayList<>();
    final Platform platform;

    Setup(World world, ResourceStore k8s, ResourceStore aws, SiteTimeouts timeouts) {
      this.world = world;
      this.platform = Platform.builder().kubernetes(k8s).aws(aws).clock(world.clock()).sleeper(world::advance)
          .jitterSeed(3).siteTimeouts(timeouts).listener(new ProgressListener() {
            @Override
            public void waiting(String subject, String status, Duration elapsed, Duration timeout) {
              waits.add(subject + ": " + status + " @" + elapsed.toSeconds() + "/" + timeout.toSeconds());
            }
          }).build();
    }

    Sites sites() {
      return platform.sites();
    }
  }

  static final SiteTimeouts TIMEOUTS = new SiteTimeouts(Duration.ofMinutes(30), Duration.ofMinutes(15),
      Duration.ofMinutes(10), Duration.ofSeconds(30));

  private Setup setup(World world) {
    return setup(world, world.kubernetes(), world.aws(), TIMEOUTS);
  }

  private Setup setup(World world, ResourceStore k8s, ResourceStore aws, SiteTimeouts timeouts) {
    Setup s = new Setup(world, k8s, aws, timeouts);
    s.platform.tenants().apply(shop());
    return s;
  }

  // everything platformkit owns in the world, by reference, with the parts a site's state is made of
  private static Map<String, Object> owned(World world) {
    Map<String, Object> out = new TreeMap<>();
    for (ResourceStore store : List.of(world.kubernetes(), world.aws())) {
      for (Kind kind : SiteObjects.KINDS) {
        if (!store.supports(kind)) {
          continue;
        }
        for (Resource r : store.list(kind, store.marks().selector(Set.of()))) {
          String owner = store.marks().owner(r.labels()).orElse("");
          if (owner.startsWith("site.")) {
            Object body = r.body().get("spec") != null ? r.body().get("spec") : withoutStatus(r.body());
            out.put(r.ref() + " [" + owner + "]", body);
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Object> withoutStatus(Map<String, Object> body) {
    Map<String, Object> out = new TreeMap<>(body);
    out.remove("status");
    return out;
  }

  private static List<Resource> ownedBy(World world, Kind kind, String site) {
    ResourceStore store = kind.provider().equals(ResourceRef.AWS) ? world.aws() : world.kubernetes();
    return store.list(kind, store.marks().selector(Set.of())).stream()
        .filter(r -> store.marks().owner(r.labels()).orElse("").equals("site." + site)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> body, String... path) {
    Object o = body;
    for (String p : path) {
      o = o instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(p) : null;
    }
    return o;
  }

  private static String arnOf(Resource certificate) {
    return String.valueOf(at(certificate.body(), "status", "arn"));
  }

  private static String json(Resource r) {
    return String.valueOf(r.body());
  }

  // ---------------------------------------------------------------------------------------------
  // properties

  @Test
  void aSiteNamingItsZoneByIdOrByDomainHasOneSetOfRecordsAndSwitchingChangesNothing() {
    World world = world();
    Setup s = setup(world);
    Site byId = brand().toBuilder().dns(Dns.builder().hostedZone(ZONE).hostedZoneId(ZONE_ID).build()).build();
    s.sites().apply(brand());
    Map<String, Object> before = owned(world);

    for (Site site : List.of(byId, brand(), byId)) {
      assertThat(s.sites().plan(site).isEmpty()).as(s.sites().plan(site).render()).isTrue();
      assertThat(s.sites().apply(site).isNoop()).isTrue();
    }
    assertThat(owned(world)).isEqualTo(before);
  }

  @Test
  void applyMakesCertificateApplicationAndAliasesInOrderAndASecondApplyWritesNothing() {
    World world = world();
    Setup s = setup(world);

    ApplyResult result = s.sites().apply(brand());

    List<String> order = result.applied().stream().map(c -> c.action() + " " + c.target().kind()).distinct().toList();
    assertThat(order).containsExactly("CREATE Certificate", "CREATE DnsRecord", "CREATE Application");
    List<Resource> certs = ownedBy(world, SiteObjects.CERTIFICATE, "brand");
    assertThat(certs).hasSize(1);
    assertThat(at(certs.get(0).body(), "status", "state")).isEqualTo("ISSUED");
    assertThat(certs.get(0).body().get("subjectAlternativeNames")).isEqualTo(List.of(ZONE, "www." + ZONE));
    String arn = arnOf(certs.get(0));
    List<Resource> apps = ownedBy(world, SiteObjects.APPLICATION, "brand");
    assertThat(apps).hasSize(2).allSatisfy(app -> assertThat(json(app)).contains(arn));
    assertThat(apps).extracting(app -> app.labels().get(SiteObjects.COMPONENT_LABEL)).containsExactlyInAnyOrder("storefront", "api");
    List<Resource> records = ownedBy(world, SiteObjects.DNS_RECORD, "brand");
    List<Resource> aliases = records.stream().filter(r -> !String.valueOf(r.body().get("name")).startsWith("_")).toList();
    assertThat(aliases).extracting(r -> r.body().get("name") + " " + r.body().get("type"))
        .containsExactlyInAnyOrder("www." + ZONE + " A", "www." + ZONE + " AAAA", ZONE + " A", ZONE + " AAAA");
    for (Resource alias : aliases) {
      String dnsName = String.valueOf(at(alias.body(), "alias", "dnsName"));
      assertThat(dnsName).endsWith(".elb.amazonaws.com");
      assertThat(at(alias.body(), "alias", "hostedZoneId")).isEqualTo(LoadBalancerZones.forHostname(dnsName));
    }
    assertThat(records).filteredOn(r -> String.valueOf(r.body().get("name")).startsWith("_")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.body().get("type")).isEqualTo("CNAME"));

    assertThat(s.sites().plan(brand()).isEmpty()).as(s.sites().plan(brand()).render()).isTrue();
    assertThat(s.sites().apply(brand()).isNoop()).isTrue();
  }

  @Test
  void aPlanShowsWhatEarlierStepsGiveAsKnownAfterApplyAndApplyingItMakesIt() {
    World world = world();
    Setup s = setup(world);

    Plan plan = s.sites().plan(brand());

    assertThat(plan.render()).contains("(known after apply)");
    assertThat(owned(world)).isEmpty();
    assertThat(plan.changes()).extracting(c -> c.target().kind()).contains("Certificate", "DnsRecord", "Application");
    ApplyResult result = s.sites().apply(plan);
    assertThat(result.applied()).isNotEmpty();
    assertThat(s.sites().plan(brand()).isEmpty()).isTrue();
  }

  @Test
  void severalSitesApplyTogetherEachWithItsOwnCertificateAndRecords() {
    World world = world();
    Setup s = setup(world);

    s.sites().apply(List.of(brand(), other("outlet", "outlet." + ZONE)));

    assertThat(ownedBy(world, SiteObjects.APPLICATION, "outlet")).hasSize(1);
    assertThat(ownedBy(world, SiteObjects.CERTIFICATE, "outlet")).hasSize(1);
    assertThat(ownedBy(world, SiteObjects.DNS_RECORD, "outlet")).extracting(r -> r.body().get("name"))
        .contains("outlet." + ZONE);
    assertThat(s.sites().plan(List.of(brand(), other("outlet", "outlet." + ZONE))).isEmpty()).isTrue();
  }

  @Test
  void aPreviewIsItsOwnSiteAndIsRemovedWhenItExpires() {
    World world = world();
    Setup s = setup(world);
    s.sites().apply(brand());
    Map<String, Object> brandState = owned(world);
    Site preview = s.sites().preview(brand(), "jdoe", "feature/JIRA-1234_new-checkout-flow", Duration.ofDays(3));
    assertThat(preview.environment()).isEqualTo(Environment.PREVIEW);
    assertThat(preview.components()).allSatisfy(c -> assertThat(c.revision()).isEqualTo("feature/JIRA-1234_new-checkout-flow"));
    assertThat(preview.hosts()).allSatisfy(h -> assertThat(h).endsWith("." + ZONE).doesNotStartWith("www." + ZONE));
    s.sites().apply(preview);
    Instant applied = world.clock().instant();

    assertThat(s.sites().planExpire(applied.plus(Duration.ofDays(2))).isEmpty()).isTrue();
    assertThat(s.sites().expire(applied.plus(Duration.ofDays(2))).removed()).isEmpty();
    Instant later = applied.plus(Duration.ofDays(3)).plusSeconds(60);
    Plan expiring = s.sites().planExpire(later);
    assertThat(expiring.subjects()).containsExactly(preview.name());
    assertThat(expiring.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(Change.Action.DELETE));

    Sites.ExpireReport report = s.sites().expire(later);

    assertThat(report.removed()).containsExactly(preview.name());
    assertThat(report.failed()).isEmpty();
    assertThat(owned(world)).isEqualTo(brandState);
    assertThat(s.sites().expire(later).removed()).isEmpty();
  }

  @Test
  void aPreviewTakesABranchPerComponentAndKeepsTheOthersRevisions() {
    World world = world();
    Setup s = setup(world);
    Site preview = s.sites().preview(brand(), "kim", Map.of("api", "feature/faster-search"), Duration.ofHours(8));

    s.sites().apply(preview);

    Map<String, String> revisions = new TreeMap<>();
    for (Resource app : ownedBy(world, SiteObjects.APPLICATION, preview.name())) {
      revisions.put(app.labels().get(SiteObjects.COMPONENT_LABEL), String.valueOf(at(app.body(), "spec", "source", "targetRevision")));
    }
    assertThat(revisions).containsExactly(Map.entry("api", "feature/faster-search"), Map.entry("storefront", "main"));
    assertThatThrownBy(() -> s.sites().preview(brand(), "kim", Map.of("admin", "x"), Duration.ofHours(8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin");
    assertThat(s.sites().expire(world.clock().instant().plus(Duration.ofHours(9))).removed()).containsExactly(preview.name());
    assertThat(ownedBy(world, SiteObjects.APPLICATION, preview.name())).isEmpty();
  }

  @Test
  void aHostServedByAnotherSiteOrNotAllowedByTheTenantIsRefusedBeforeAnyWrite() {
    World world = world();
    Setup s = setup(world);
    s.sites().apply(brand());
    Map<String, Object> before = owned(world);

    assertThatThrownBy(() -> s.sites().apply(other("copycat", "www." + ZONE)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("hosts[0]").hasMessageContaining("site \"brand\"");
    // the tenant allows the zone and one level under it
    assertThatThrownBy(() -> s.sites().plan(other("deep", "a.b." + ZONE)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("hosts[0]").hasMessageContaining("not allowed by tenant \"shop\"");
    assertThatThrownBy(() -> s.sites().plan(other("lost", "lost." + ZONE).toBuilder().tenant("nobody").build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("tenant");
    assertThat(owned(world)).isEqualTo(before);
  }

  @Test
  void anApplicationNameAnotherSiteHasIsRefusedBeforeAnyWrite() {
    World world = world();
    Setup s = setup(world);
    // site "brand-storefront" with component "web" is Application brand-storefront-web; so is brand's "storefront-web"
    Site first = other("brand-storefront", "first." + ZONE).toBuilder()
        .components(List.of(Component.of("web", brand().components().get(0).source()))).build();
    s.sites().apply(first);
    Map<String, Object> before = owned(world);
    Site second = other("brand", "second." + ZONE).toBuilder()
        .components(List.of(Component.of("storefront-web", brand().components().get(0).source()))).build();

    assertThatThrownBy(() -> s.sites().apply(second)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("components[0].name").hasMessageContaining("site \"brand-storefront\"'s");
    assertThat(owned(world)).isEqualTo(before);
  }

  @Test
  void aDnsRecordPlatformkitDidNotWriteIsNeverTakenOver() {
    World world = world();
    Setup s = setup(world);
    world.foreignRecord("legacy." + ZONE, "A", "192.0.2.10");

    assertThatThrownBy(() -> s.sites().apply(other("legacy", "legacy." + ZONE))).isInstanceOf(OwnershipException.class);

    Resource record = world.aws().get(SiteObjects.DNS_RECORD, ResourceRef.aws("DnsRecord", ZONE + "/legacy." + ZONE + "/A")).orElseThrow();
    assertThat(record.body().get("records")).isEqualTo(List.of("192.0.2.10"));
    assertThat(world.aws().marks().owner(record.labels())).isEmpty();
  }

  @Test
  void anIssuedWildcardCertificateThatCoversTheHostsIsReusedNotRequested() {
    World world = world();
    String arn = world.foreignCertificate(List.of("*." + ZONE, ZONE));
    Setup s = setup(world);

    s.sites().apply(brand());

    assertThat(ownedBy(world, SiteObjects.CERTIFICATE, "brand")).isEmpty();
    assertThat(ownedBy(world, SiteObjects.DNS_RECORD, "brand")).noneMatch(r -> String.valueOf(r.body().get("name")).startsWith("_"));
    assertThat(ownedBy(world, SiteObjects.APPLICATION, "brand")).hasSize(2).allSatisfy(app -> assertThat(json(app)).contains(arn));
    s.sites().delete(brand());
    assertThat(world.aws().list(SiteObjects.CERTIFICATE, Map.of())).extracting(SiteContract::arnOf).contains(arn);
  }

  @Test
  void newHostsGetANewCertificateBeforeTheOldOneGoesAndSharedValidationRecordsStay() {
    World world = world();
    Setup s = setup(world);
    s.sites().apply(brand());
    Resource old = ownedBy(world, SiteObjects.CERTIFICATE, "brand").get(0);
    Site more = brand().toBuilder().addHosts("shop2." + ZONE).build();

    ApplyResult result = s.sites().apply(more);

    List<String> made = result.applied().stream().map(c -> c.action() + " " + c.target().kind() + " " + c.target().name()).toList();
    int created = indexOf(made, "CREATE Certificate");
    int updated = indexOf(made, "UPDATE Application");
    int deleted = indexOf(made, "DELETE Certificate " + old.ref().name());
    assertThat(created).as(made.toString()).isGreaterThanOrEqualTo(0).isLessThan(updated);
    assertThat(updated).as(made.toString()).isLessThan(deleted);
    List<Resource> certs = ownedBy(world, SiteObjects.CERTIFICATE, "brand");
    assertThat(certs).hasSize(1);
    assertThat(certs.get(0).body().get("subjectAlternativeNames")).asList().contains("shop2." + ZONE);
    // the validation records of the domains both certificates list were kept, not deleted and made again
    assertThat(made).noneMatch(m -> m.startsWith("DELETE DnsRecord"));
    List<String> validation = ownedBy(world, SiteObjects.DNS_RECORD, "brand").stream().map(r -> String.valueOf(r.body().get("name")))
        .filter(n -> n.startsWith("_")).toList();
    assertThat(validation).hasSize(3);
    assertThat(s.sites().plan(more).isEmpty()).isTrue();
  }

  @Test
  void aValidationRecordAnotherCertificateListsIsKeptWhenTheSiteGoes() {
    World world = world();
    Setup s = setup(world);
    s.sites().apply(other("apex", ZONE));
    // a pending certificate of another tool for the same domain asks for the same validation record
    world.issuing(false);
    world.foreignCertificate(List.of("*." + ZONE));

    Plan deletion = s.sites().planDelete(other("apex", ZONE));
    s.sites().delete(other("apex", ZONE));

    assertThat(deletion.warnings()).anySatisfy(w -> assertThat(w).contains("is kept"));
    assertThat(ownedBy(world, SiteObjects.DNS_RECORD, "apex")).extracting(r -> String.valueOf(r.body().get("name")))
        .singleElement().satisfies(n -> assertThat(n).startsWith("_"));
    assertThat(ownedBy(world, SiteObjects.CERTIFICATE, "apex")).isEmpty();
    assertThat(ownedBy(world, SiteObjects.APPLICATION, "apex")).isEmpty();
  }

  @Test
  void aWaitThatTimesOutReportsProgressAndTheNextApplyResumes() {
    World world = world();
    SiteTimeouts quick = new SiteTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(1));
    Setup s = setup(world, world.kubernetes(), world.aws(), quick);
    world.issuing(false);
    Instant start = world.clock().instant();

    assertThatThrownBy(() -> s.sites().apply(brand())).isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("certificate").hasMessageContaining("PENDING_VALIDATION");

    assertThat(Duration.between(start, world.clock().instant())).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.waits).hasSize(11).allSatisfy(w -> assertThat(w).contains("certificate").contains("PENDING_VALIDATION"));
    assertThat(s.waits.get(10)).endsWith("@600/600");
    assertThat(ownedBy(world, SiteObjects.APPLICATION, "brand")).isEmpty();

    world.issuing(true);
    world.provisioning(false);
    assertThatThrownBy(() -> s.sites().apply(brand())).isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("load balancer");
    assertThat(s.waits).anySatisfy(w -> assertThat(w).contains("no load balancer yet"));
    world.provisioning(true);
    ApplyResult resumed = s.sites().apply(brand());
    assertThat(resumed.applied()).extracting(c -> c.target().kind()).containsOnly("DnsRecord");
    assertThat(s.sites().plan(brand()).isEmpty()).isTrue();
  }

  @Test
  void anApplyThatCrashedAfterAnyWriteIsCompletedByTheNextOne() {
    World reference = world();
    Setup whole = setup(reference);
    whole.sites().apply(brand());
    Map<String, Object> expected = owned(reference);
    int writes = countWrites(brand(), false);
    // certificate, validation records (one batch), Application, aliases (one batch)
    assertThat(writes).isGreaterThanOrEqualTo(4);
    for (int k = 0; k < writes; k++) {
      World world = world();
      AtomicInteger budget = new AtomicInteger(k);
      setup(world);
      Setup crashing = new Setup(world, new Crashing(world.kubernetes(), budget), new Crashing(world.aws(), budget), TIMEOUTS);
      String at = "apply crashed after " + k + " of " + writes + " writes";
      assertThatThrownBy(() -> crashing.sites().apply(brand())).as(at).hasMessageContaining("the process died");
      Setup next = setup(world);
      next.sites().apply(brand());
      assertThat(owned(world)).as(at).isEqualTo(expected);
      assertThat(next.sites().plan(brand()).isEmpty()).as(at).isTrue();
    }
  }

  @Test
  void aDeleteThatCrashedAfterAnyWriteIsCompletedByTheNextOne() {
    int writes = countWrites(brand(), true);
    assertThat(writes).isGreaterThan(3);
    for (int k = 0; k < writes; k++) {
      World world = world();
      setup(world).sites().apply(brand());
      AtomicInteger budget = new AtomicInteger(k);
      Setup crashing = new Setup(world, new Crashing(world.kubernetes(), budget), new Crashing(world.aws(), budget), TIMEOUTS);
      String at = "delete crashed after " + k + " of " + writes + " writes";
      assertThatThrownBy(() -> crashing.sites().delete(brand())).as(at).hasMessageContaining("the process died");
      Setup next = setup(world);
      next.sites().delete(brand());
      assertThat(owned(world)).as(at).isEmpty();
      assertThat(next.sites().planDelete(brand()).isEmpty()).as(at).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // blue/green: one site served from two clusters through weighted records

  static Site weighted(String setIdentifier, int weight) {
    return brand().toBuilder().dns(Dns.builder().hostedZone(ZONE).setIdentifier(setIdentifier).weight(weight).build()).build();
  }

  // the site's alias records: "name TYPE setIdentifier weight -> target", sorted
  private static List<String> aliases(World world, String site) {
    return ownedBy(world, SiteObjects.DNS_RECORD, site).stream()
        .filter(r -> !String.valueOf(r.body().get("name")).startsWith("_"))
        .map(r -> r.body().get("name") + " " + r.body().get("type") + " " + r.body().get("setIdentifier") + " "
            + r.body().get("weight") + " -> " + at(r.body(), "alias", "dnsName"))
        .sorted().toList();
  }

  private static Map<String, Integer> weights(int blue, int green) {
    Map<String, Integer> out = new TreeMap<>();
    out.put("blue", blue);
    out.put("green", green);
    return out;
  }

  @Test
  void aSiteMovesToAnotherClusterThroughWeightedRecordsAndEachClusterKeepsToItsOwn() {
    World world = world();
    Setup blue = setup(world);
    Setup green = setup(world, world.secondCluster(), world.aws(), TIMEOUTS);
    blue.sites().apply(brand());
    List<String> simple = aliases(world, "brand");
    assertThat(simple).hasSize(4).allSatisfy(a -> assertThat(a).contains(" null null -> "));

    // green cannot put weighted records next to blue's simple ones: refused before any write
    Map<String, Object> before = owned(world);
    assertThatThrownBy(() -> green.sites().apply(weighted("green", 0)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("dns.setIdentifier").hasMessageContaining("simple record");
    assertThat(owned(world)).isEqualTo(before);

    // blue makes its records weighted: the simple ones go in the same batch, before the weighted ones come
    Plan conversion = blue.sites().plan(weighted("blue", 100));
    assertThat(conversion.changes()).extracting(c -> c.action() + " " + c.target().name().replaceFirst("^[^/]+/", ""))
        .containsExactly("DELETE " + ZONE + "/A", "DELETE " + ZONE + "/AAAA", "DELETE www." + ZONE + "/A",
            "DELETE www." + ZONE + "/AAAA", "CREATE www." + ZONE + "/A/blue", "CREATE www." + ZONE + "/AAAA/blue",
            "CREATE " + ZONE + "/A/blue", "CREATE " + ZONE + "/AAAA/blue");
    blue.sites().apply(weighted("blue", 100));
    String blueTarget = simple.get(0).substring(simple.get(0).indexOf("-> ") + 3);
    assertThat(aliases(world, "brand")).hasSize(4).allSatisfy(a -> assertThat(a).contains(" blue 100 -> " + blueTarget));

    // green comes up next to blue at weight 0, and neither apply touches the other's records
    assertThat(green.sites().unhealthy(weighted("green", 0))).isNotEmpty().allSatisfy(p -> assertThat(p).contains("does not exist"));
    green.sites().apply(weighted("green", 0));
    assertThat(green.sites().unhealthy(weighted("green", 0))).isEmpty();
    List<String> both = aliases(world, "brand");
    assertThat(both).hasSize(8).filteredOn(a -> a.contains(" green 0 -> ")).hasSize(4)
        .allSatisfy(a -> assertThat(a).doesNotContain(blueTarget));
    assertThat(blue.sites().plan(weighted("blue", 100)).isEmpty()).as(blue.sites().plan(weighted("blue", 100)).render()).isTrue();
    assertThat(green.sites().plan(weighted("green", 0)).isEmpty()).isTrue();
    assertThat(ownedBy(world, SiteObjects.CERTIFICATE, "brand")).hasSize(1);
    assertThat(green.sites().weights(weighted("green", 0))).isEqualTo(weights(100, 0));
    // an identifier missing a record is not counted until its cluster's apply makes it again
    Resource greenApex = ownedBy(world, SiteObjects.DNS_RECORD, "brand").stream()
        .filter(r -> ZONE.equals(r.body().get("name")) && "A".equals(r.body().get("type")) && "green".equals(r.body().get("setIdentifier")))
        .findFirst().orElseThrow();
    world.aws().delete(SiteObjects.DNS_RECORD, greenApex);
    assertThat(green.sites().weights(brand())).isEqualTo(Map.of("blue", 100));
    assertThatThrownBy(() -> blue.sites().shift(brand(), weights(90, 10)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("weights.green").hasMessageContaining(ZONE + " A");
    green.sites().apply(weighted("green", 0));
    assertThat(green.sites().weights(brand())).isEqualTo(weights(100, 0));

    // traffic moves in one batch; a re-apply of the same specs keeps the shifted weights, saying so
    ApplyResult shifted = blue.sites().shift(brand(), weights(90, 10));
    assertThat(shifted.applied()).hasSize(8).allSatisfy(c -> assertThat(c.action()).isEqualTo(Change.Action.UPDATE));
    assertThat(blue.sites().weights(brand())).isEqualTo(weights(90, 10));
    assertThat(blue.sites().shift(brand(), weights(90, 10)).isNoop()).isTrue();
    Plan kept = blue.sites().plan(weighted("blue", 100));
    assertThat(kept.isEmpty()).as(kept.render()).isTrue();
    assertThat(kept.warnings()).isNotEmpty().allSatisfy(w -> assertThat(w).contains("keeps weight 90"));
    assertThat(green.sites().apply(weighted("green", 0)).isNoop()).isTrue();
    assertThat(blue.sites().weights(brand())).isEqualTo(weights(90, 10));
    // a new dns.weight is applied
    blue.sites().apply(weighted("blue", 50));
    assertThat(blue.sites().weights(brand())).isEqualTo(weights(50, 10));

    // shifts that would lose traffic or name records that do not exist are refused before any write
    Map<String, Object> now = owned(world);
    assertThatThrownBy(() -> blue.sites().shift(brand(), weights(0, 0)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("weights").hasMessageContaining("evenly");
    assertThatThrownBy(() -> blue.sites().shift(brand(), Map.of("purple", 10)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("weights.purple");
    assertThatThrownBy(() -> blue.sites().shift(brand(), Map.of("green", 256)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("weights.green");
    assertThat(owned(world)).isEqualTo(now);

    // deleting records that carry traffic while another cluster's remain says where the traffic goes
    assertThat(blue.sites().planDelete(brand()).warnings()).anySatisfy(w -> assertThat(w).contains("carries weight 50"));
    // all traffic on green, then blue goes: its records and Applications only; green keeps serving
    blue.sites().shift(brand(), weights(0, 100));
    Plan deleteBlue = blue.sites().planDelete(brand());
    assertThat(deleteBlue.changes()).extracting(c -> c.target().kind()).doesNotContain("Certificate");
    assertThat(deleteBlue.warnings()).anySatisfy(w -> assertThat(w).contains("certificate").contains("green"))
        .noneSatisfy(w -> assertThat(w).contains("carries weight"));
    blue.sites().delete(brand());
    assertThat(aliases(world, "brand")).hasSize(4).allSatisfy(a -> assertThat(a).contains(" green 100 -> "));
    assertThat(world.kubernetes().list(SiteObjects.APPLICATION, Map.of())).isEmpty();
    assertThat(green.sites().unhealthy(weighted("green", 100))).isEmpty();
    assertThat(ownedBy(world, SiteObjects.CERTIFICATE, "brand")).hasSize(1);

    green.sites().delete(brand());
    assertThat(owned(world)).isEmpty();
  }

  // the first cluster's records, as aliases() names them
  private static List<String> blueRecords(World world) {
    return aliases(world, "brand").stream().filter(a -> a.contains(" blue ")).toList();
  }

  @Test
  void aSecondClustersApplyOrDeleteThatCrashedAfterAnyWriteNeverTouchesTheFirstClustersRecords() {
    for (boolean deletion : List.of(false, true)) {
      // how many writes the second cluster's apply (or delete) makes, on a world of its own
      World reference = world();
      setup(reference).sites().apply(weighted("blue", 100));
      Setup greenReference = setup(reference, reference.secondCluster(), reference.aws(), TIMEOUTS);
      if (deletion) {
        greenReference.sites().apply(weighted("green", 0));
      }
      Map<String, Object> before = owned(reference);
      AtomicInteger counter = new AtomicInteger(Integer.MAX_VALUE);
      Setup counting = new Setup(reference, new Crashing(reference.secondCluster(), counter), new Crashing(reference.aws(), counter), TIMEOUTS);
      if (deletion) {
        counting.sites().delete(weighted("green", 0));
      } else {
        counting.sites().apply(weighted("green", 0));
      }
      int writes = Integer.MAX_VALUE - counter.get();
      Map<String, Object> expected = owned(reference);
      assertThat(expected).isNotEqualTo(before);
      assertThat(writes).isGreaterThanOrEqualTo(3);

      for (int k = 0; k < writes; k++) {
        String at = (deletion ? "delete" : "apply") + " on the second cluster crashed after " + k + " of " + writes + " writes";
        World world = world();
        setup(world).sites().apply(weighted("blue", 100));
        Setup green = setup(world, world.secondCluster(), world.aws(), TIMEOUTS);
        if (deletion) {
          green.sites().apply(weighted("green", 0));
        }
        List<String> blue = blueRecords(world);
        AtomicInteger budget = new AtomicInteger(k);
        Setup crashing = new Setup(world, new Crashing(world.secondCluster(), budget), new Crashing(world.aws(), budget), TIMEOUTS);
        assertThatThrownBy(() -> {
          if (deletion) {
            crashing.sites().delete(weighted("green", 0));
          } else {
            crashing.sites().apply(weighted("green", 0));
          }
        }).as(at).hasMessageContaining("the process died");
        assertThat(blueRecords(world)).as(at).isEqualTo(blue);

        if (deletion) {
          green.sites().delete(weighted("green", 0));
          assertThat(green.sites().planDelete(weighted("green", 0)).isEmpty()).as(at).isTrue();
        } else {
          green.sites().apply(weighted("green", 0));
          assertThat(green.sites().plan(weighted("green", 0)).isEmpty()).as(at).isTrue();
        }
        assertThat(blueRecords(world)).as(at).isEqualTo(blue);
        assertThat(owned(world)).as(at).isEqualTo(expected);
      }
    }
  }

  @Test
  void aSimpleSiteOnASecondClusterIsRefusedWhileWeightedRecordsServeTheHostFromTheFirst() {
    World world = world();
    Setup blue = setup(world);
    Setup green = setup(world, world.secondCluster(), world.aws(), TIMEOUTS);
    blue.sites().apply(weighted("blue", 100));
    Map<String, Object> before = owned(world);

    assertThatThrownBy(() -> green.sites().plan(brand()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("dns.weight").hasMessageContaining("\"blue\"");
    // another site's weighted records never share a host's traffic with this one's
    Site copycat = other("copycat", "www." + ZONE).toBuilder()
        .dns(Dns.builder().hostedZone(ZONE).setIdentifier("green").weight(0).build()).build();
    assertThatThrownBy(() -> green.sites().plan(copycat))
        .isInstanceOf(ValidationException.class).hasMessageContaining("hosts[0]").hasMessageContaining("site.brand");
    assertThat(owned(world)).isEqualTo(before);
  }

  @Test
  void nothingIsLeftAfterEverySiteIsDeleted() {
    World world = world();
    Setup s = setup(world);
    Site outlet = other("outlet", "outlet." + ZONE).toBuilder().dns(Dns.builder().hostedZone(ZONE).weight(10).setIdentifier("blue").build()).build();
    Site preview = s.sites().preview(brand(), "jdoe", "feature/x", Duration.ofDays(1));
    s.sites().apply(List.of(brand(), outlet, preview));
    assertThat(ownedBy(world, SiteObjects.DNS_RECORD, "outlet")).filteredOn(r -> "outlet.shop.example.com".equals(r.body().get("name")))
        .hasSize(2).allSatisfy(r -> {
          assertThat(((Number) r.body().get("weight")).intValue()).isEqualTo(10);
          assertThat(r.body()).containsEntry("setIdentifier", "blue");
        });
    assertThat(s.sites().plan(List.of(brand(), outlet, preview)).isEmpty()).isTrue();

    for (Site site : List.of(brand(), outlet, preview)) {
      s.sites().delete(site);
    }

    assertThat(owned(world)).isEmpty();
    assertThat(world.kubernetes().list(SiteObjects.INGRESS, Map.of())).isEmpty();
    assertThat(world.aws().list(SiteObjects.CERTIFICATE, Map.of())).isEmpty();
  }

  private static int indexOf(List<String> made, String prefix) {
    for (int i = 0; i < made.size(); i++) {
      if (made.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  // the writes an uninterrupted apply (or delete after an apply) makes in a fresh world
  private int countWrites(Site site, boolean deletion) {
    World world = world();
    AtomicInteger budget = new AtomicInteger(Integer.MAX_VALUE);
    Setup plain = setup(world);
    if (deletion) {
      plain.sites().apply(site);
    }
    Setup counting = new Setup(world, new Crashing(world.kubernetes(), budget), new Crashing(world.aws(), budget), TIMEOUTS);
    if (deletion) {
      counting.sites().delete(site);
    } else {
      counting.sites().apply(site);
    }
    return Integer.MAX_VALUE - budget.get();
  }

  /** Lets writes through while the shared budget lasts; the next one finds the process dead. */
  private static final class Crashing extends ForwardingStore {
    private final AtomicInteger budget;

    Crashing(ResourceStore delegate, AtomicInteger budget) {
      super(delegate);
      this.budget = budget;
    }

    @Override
    protected void write(Runnable write) {
      if (budget.get() <= 0) {
        throw new PlatformException("the process died before this write", null, false);
      }
      write.run();
      budget.decrementAndGet();
    }
  }
}
