package dev.platformkit.site;

import dev.platformkit.ApplyResult;
import dev.platformkit.Change;
import dev.platformkit.Ownership;
import dev.platformkit.Plan;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.StalePlanException;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import dev.platformkit.internal.Engine;
import dev.platformkit.internal.Primitives;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.internal.Reconciler.Step;
import dev.platformkit.internal.Wait;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.tenant.Tenant;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans, applies and deletes {@link Site}s, starts previews and cleans up expired ones:
 * {@code platform.sites().plan(site)} reads the real state and returns what would change;
 * {@code apply(site)} makes it so, in order:
 *
 * <ol>
 *   <li>the ACM certificate for the site's hosts (unless an issued certificate that covers them, such as a
 *       wildcard, exists: it is reused, since new accounts may request few certificates a year), then its
 *       DNS validation CNAMEs, then a wait until it is {@code ISSUED};
 *   <li>one Argo CD Application per component, carrying the certificate ARN, then a wait until each is
 *       synced and healthy and its Ingress has a load balancer;
 *   <li>the Route53 records of the hosts: alias A and AAAA records to the load balancer (its canonical zone
 *       from {@link LoadBalancerZones}), weighted when {@link Dns#weight()} is set;
 *   <li>what an earlier apply made and is no longer wanted: a replaced certificate once no load balancer
 *       uses it, validation CNAMEs no certificate lists any more.
 * </ol>
 *
 * A value only an earlier step gives (the certificate ARN, the load balancer hostname) shows in a plan as
 * {@value Reconciler#UNKNOWN}. Deleting goes in reverse. Each step reads the real state again, so an apply
 * or delete interrupted anywhere (a crash, a {@link dev.platformkit.WaitTimeoutException}) resumes when run
 * again; waits are bounded by {@link SiteTimeouts} and reported through
 * {@link dev.platformkit.ProgressListener#waiting}.
 *
 * <p>Rules, checked before anything is written ({@link ValidationException} naming the field): the site's
 * namespace must be one of its tenant's (labelled {@code platformkit.dev/tenant}), every host must be
 * allowed by the tenant's {@link Tenant#hostnames()} as applied (the annotation
 * {@value Tenant#HOSTNAMES_ANNOTATION} on that namespace), and a host served by another site (its
 * Application or its DNS record) is an error naming that site. A DNS record platformkit did not write is
 * never changed ({@link dev.platformkit.OwnershipException}).
 *
 * <p>Obtained from {@link dev.platformkit.Platform#sites()}.
 */
public final class Sites {
  static {
    Primitives.register(Sites.class, Sites::new);
  }

  /** The annotation on a site's Applications listing its hosts: how other sites see which hosts are taken. */
  public static final String HOSTS_ANNOTATION = "platformkit.dev/hosts";
  /**
   * The tag (kept in the ownership TXT record) on a site's weighted DNS records holding the {@link Dns#weight()}
   * last applied: while the site's weight stays the same, an apply keeps the weight a {@link #shift} set.
   */
  public static final String WEIGHT_TAG = "platformkit:weight";
  /**
   * The annotation on a site's Applications naming the hosted zone its DNS records are in (by id): records
   * are read in that zone only, not in every zone of the account.
   */
  public static final String ZONE_ANNOTATION = "platformkit.dev/hosted-zone";
  /** The annotation on a site's Applications holding the instant it expires (ISO-8601), when it does. */
  public static final String EXPIRES_ANNOTATION = "platformkit.dev/expires-at";

  static final Kind NAMESPACE = Kind.kubernetes("v1", "Namespace", "namespaces", false);
  static final String INSTANCE_LABEL = SiteObjects.INSTANCE_LABEL;

  private final Engine engine;

  private Sites(Engine engine) {
    this.engine = engine;
  }

  /**
   * The kinds sites write ({@link SiteObjects#KINDS}) and read (Ingress, Namespace): what backends must
   * support for them.
   */
  public static List<Kind> kinds() {
    List<Kind> kinds = new ArrayList<>(SiteObjects.KINDS);
    kinds.add(SiteObjects.INGRESS);
    kinds.add(NAMESPACE);
    return kinds;
  }

  /** What applying {@code site} would change. Writes nothing. */
  public Plan plan(Site site) {
    return plan(List.of(site));
  }

  /** What applying all {@code sites} would change, site after site. Writes nothing. */
  public Plan plan(Collection<Site> sites) {
    List<Site> list = List.copyOf(sites);
    check(list);
    Run run = Run.planning();
    for (Site s : list) {
      flow(s).apply(run);
    }
    return new Plan(list, false, run.changes, run.warnings);
  }

  /** What deleting everything {@code site} owns would change. Writes nothing. */
  public Plan planDelete(Site site) {
    Run run = Run.planning();
    flow(site.name()).delete(run);
    return new Plan(List.of(site), true, run.changes, run.warnings);
  }

  /** Plans and applies {@code site}, waiting for each step's outputs; see the class comment for the order. */
  public ApplyResult apply(Site site) {
    return apply(List.of(site));
  }

  /** Plans and applies all {@code sites}, one after the other. */
  public ApplyResult apply(Collection<Site> sites) {
    List<Site> list = List.copyOf(sites);
    check(list);
    Run run = Run.applying(engine.clock().instant(), null);
    for (Site s : list) {
      flow(s).apply(run);
    }
    return run.result(engine.clock().instant());
  }

  /**
   * Applies a plan made by {@link #plan}, {@link #planDelete} or {@link #planExpire}, after checking that
   * planning again gives the same changes ({@link StalePlanException} otherwise); each change made must be
   * one the plan shows, where {@value Reconciler#UNKNOWN} stands for any value.
   */
  public ApplyResult apply(Plan plan) {
    List<Site> sites = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Object subject : plan.subjects()) {
      if (subject instanceof Site s) {
        sites.add(s);
        names.add(s.name());
      } else if (subject instanceof String name && plan.isDeletion()) {
        names.add(name); // a plan of expired previews names the sites
      } else {
        throw new IllegalArgumentException("not a site plan: it is for " + subject.getClass().getSimpleName());
      }
    }
    Run replanned = Run.planning();
    if (plan.isDeletion()) {
      names.forEach(n -> flow(n).delete(replanned));
    } else {
      check(sites);
      sites.forEach(s -> flow(s).apply(replanned));
    }
    if (!replanned.changes.equals(plan.changes())) {
      throw new StalePlanException("the state changed since the plan was made; plan again. Now:\n"
          + new Plan(plan.subjects(), plan.isDeletion(), replanned.changes).render());
    }
    Run run = Run.applying(engine.clock().instant(), plan.changes());
    if (plan.isDeletion()) {
      names.forEach(n -> flow(n).delete(run));
    } else {
      sites.forEach(s -> flow(s).apply(run));
    }
    return run.result(engine.clock().instant());
  }

  /**
   * Deletes everything {@code site} owns, in reverse order: its DNS records, its Applications (waiting until
   * they are gone: Argo CD deletes what they deployed first), its certificates once no load balancer uses
   * them, and the validation CNAMEs no other certificate lists.
   */
  public ApplyResult delete(Site site) {
    Run run = Run.applying(engine.clock().instant(), null);
    flow(site.name()).delete(run);
    return run.result(engine.clock().instant());
  }

  /**
   * The live weights of the site's weighted alias records, by set identifier ({@code {blue=100, green=0}}):
   * the records of every cluster serving the site, read from Route53. Empty for a site without weighted
   * records. An identifier is left out until it has its A and AAAA record for every host (apply the site on
   * its cluster); records of one identifier that disagree (edited by hand) give the lowest weight.
   */
  public Map<String, Integer> weights(Site site) {
    Map<String, Integer> out = new java.util.TreeMap<>();
    Map<String, Set<String>> covered = new LinkedHashMap<>();
    for (Resource r : new SiteFlow(this, site, site.name()).ownRecords()) {
      String host = String.valueOf(r.body().get("name"));
      String type = String.valueOf(r.body().get("type"));
      if (r.body().get("setIdentifier") instanceof String id && r.body().get("weight") instanceof Number w
          && site.hosts().contains(host) && (type.equals("A") || type.equals("AAAA"))) {
        out.merge(id, w.intValue(), Math::min);
        covered.computeIfAbsent(id, k -> new TreeSet<>()).add(host + " " + type);
      }
    }
    out.keySet().removeIf(id -> covered.get(id).size() < site.hosts().size() * 2);
    return out;
  }

  /**
   * What {@link #shift} would change. Writes nothing. To make it, call {@link #shift} (which reads the
   * weights again); {@link #apply(Plan)} takes plans of applies and deletes only.
   */
  public Plan planShift(Site site, Map<String, Integer> weights) {
    return new Plan(List.of(site), false, shiftSteps(site, weights).stream().map(Step::change).toList());
  }

  /**
   * Moves traffic between the clusters serving {@code site}: sets the weight of its weighted alias records
   * of each set identifier named in {@code weights} (e.g. {@code blue=90, green=10}), for every host, in one
   * Route53 change batch, so resolvers never see a mix. Only the weights change; the records stay the ones
   * each cluster's {@link #apply} made (and an apply of the same {@link Dns#weight()} keeps the weight set
   * here, see {@link #WEIGHT_TAG}).
   *
   * @throws ValidationException before anything is written, naming {@code weights.<setIdentifier>}: a weight
   *     outside 0 to {@value Dns#MAX_WEIGHT}, an identifier without records of the site for every host (apply
   *     the site on that cluster first), or weights that would all be 0 (Route53 then splits traffic evenly)
   */
  public ApplyResult shift(Site site, Map<String, Integer> weights) {
    return engine.reconciler().applyBatched(shiftSteps(site, weights), engine.listener(), Set.of());
  }

  /**
   * Why {@code site} does not serve from this platform's cluster: a line for each of its Applications that
   * is missing, not {@code Synced} and {@code Healthy}, or without a load balancer. Empty when it serves: the
   * health gate of a traffic shift.
   */
  public List<String> unhealthy(Site site) {
    return new SiteFlow(this, site, site.name()).problems();
  }

  private List<Step> shiftSteps(Site site, Map<String, Integer> weights) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(weights, "weights");
    List<Violation> violations = new ArrayList<>();
    if (site.dns().isEmpty()) {
      violations.add(Violation.of("dns", "site \"" + site.name() + "\" has no DNS records to shift traffic between"));
      throw new ValidationException("Site " + site.name(), violations);
    }
    if (weights.isEmpty()) {
      violations.add(Violation.of("weights", "name at least one set identifier and its weight"));
    }
    weights.forEach((id, w) -> {
      if (w == null || w < 0 || w > Dns.MAX_WEIGHT) {
        violations.add(Violation.of("weights." + id, w + " is out of range: 0 to " + Dns.MAX_WEIGHT));
      }
    });
    Map<String, Map<String, Resource>> byRecord = new LinkedHashMap<>(); // host type -> identifier -> record
    for (Resource r : new SiteFlow(this, site, site.name()).ownRecords()) {
      String host = String.valueOf(r.body().get("name"));
      if (site.hosts().contains(host) && r.body().get("setIdentifier") instanceof String id) {
        byRecord.computeIfAbsent(host + " " + r.body().get("type"), k -> new java.util.TreeMap<>()).put(id, r);
      }
    }
    List<Resource> moving = new ArrayList<>();
    for (String host : site.hosts()) {
      for (String type : List.of("A", "AAAA")) {
        Map<String, Resource> records = byRecord.getOrDefault(host + " " + type, Map.of());
        weights.keySet().stream().filter(id -> !records.containsKey(id)).forEach(id -> violations.add(Violation.of(
            "weights." + id, "site \"" + site.name() + "\" has no weighted record \"" + id + "\" for " + host + " " + type
                + ": apply the site with dns.setIdentifier " + id + " on the cluster it stands for first")));
        int total = 0;
        for (Map.Entry<String, Resource> e : records.entrySet()) {
          Integer w = weights.get(e.getKey());
          total += w != null ? w : ((Number) e.getValue().body().get("weight")).intValue();
          if (w != null) {
            moving.add(e.getValue());
          }
        }
        if (!records.isEmpty() && total == 0 && violations.isEmpty()) {
          violations.add(Violation.of("weights", "would set every weighted record of " + host + " " + type
              + " to 0, and Route53 then splits its traffic evenly; keep one above 0"));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new ValidationException("Site " + site.name() + " traffic shift", violations.stream().distinct().toList());
    }
    // plain updates of records read just now (not adjustments), so that they go in one change batch
    List<Step> steps = new ArrayList<>();
    for (Resource current : moving) {
      int w = weights.get(String.valueOf(current.body().get("setIdentifier")));
      Object before = current.body().get("weight");
      if (before instanceof Number n && n.intValue() == w) {
        continue;
      }
      Map<String, Object> body = new LinkedHashMap<>(current.body());
      body.put("weight", w);
      Resource desired = Resource.desired(current.ref(), current.labels(), current.annotations(), body);
      steps.add(new Step(new Change(Change.Action.UPDATE, current.ref(), List.of(new dev.platformkit.FieldDiff("weight", String.valueOf(before), Integer.toString(w)))),
          SiteObjects.DNS_RECORD, desired, current));
    }
    return steps;
  }

  /**
   * A preview of {@code from} for {@code user} on {@code branch} (every component deploys that branch),
   * expiring {@code ttl} after it is first applied. Writes nothing: apply the site it returns.
   *
   * <p>Its name is {@link Names#dnsLabel} of the site name, the user and the branch (so every preview of a
   * user and branch has its own); each host becomes a host of that name in the same domain; it has its own
   * certificate (or reuses a covering wildcard), load balancer name and DNS records, and environment
   * {@link Environment#PREVIEW}.
   */
  public Site preview(Site from, String user, String branch, Duration ttl) {
    Objects.requireNonNull(branch, "branch");
    return preview(from, user, Map.of(), branch, ttl);
  }

  /**
   * A preview of {@code from} for {@code user} with a branch per component ({@code branches}, by component
   * name); components not named keep their revision. Otherwise as {@link #preview(Site, String, String,
   * Duration)}.
   */
  public Site preview(Site from, String user, Map<String, String> branches, Duration ttl) {
    Objects.requireNonNull(branches, "branches");
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("branches: give the branch of at least one component");
    }
    return preview(from, user, branches, null, ttl);
  }

  private Site preview(Site from, String user, Map<String, String> branches, String branch, Duration ttl) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(ttl, "ttl");
    if (user.isBlank()) {
      throw new IllegalArgumentException("user: must not be blank");
    }
    String revision = branch != null ? branch : String.join("+", new TreeSet<>(branches.values()));
    String name = Names.dnsLabel(Site.MAX_NAME_LENGTH, from.name(), user, revision);
    String zone = from.dns().map(Dns::hostedZone).orElse(null);
    List<String> hosts = new ArrayList<>();
    for (String host : from.hosts()) {
      int dot = host.indexOf('.');
      boolean apex = host.equals(zone) || dot < 0;
      hosts.add(apex ? Names.dnsName(host, user, revision) : Names.dnsName(host.substring(dot + 1), host.substring(0, dot), user, revision));
    }
    List<Component> components = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(branches.keySet());
    for (Component c : from.components()) {
      unknown.remove(c.name());
      String b = branch != null ? branch : branches.get(c.name());
      // a chart from a Helm repository has versions, not branches: it stays as it is
      components.add(b == null || c.source().path().isEmpty() ? c : c.withBranch(b));
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("branches: site \"" + from.name() + "\" has no component " + String.join(", ", unknown)
          + " (its components: " + from.components().stream().map(Component::name).collect(java.util.stream.Collectors.joining(", ")) + ")");
    }
    return from.toBuilder()
        .name(name)
        .environment(Environment.PREVIEW)
        .hosts(hosts)
        .components(components)
        .expiry(Expiry.after(ttl))
        .alb(from.alb().withLoadBalancerName(java.util.Optional.empty()))
        .build();
  }

  /** What {@link #expire} would delete at {@code now}. Writes nothing. Its subjects are the site names. */
  public Plan planExpire(Instant now) {
    List<String> expired = expired(now);
    Run run = Run.planning();
    expired.forEach(n -> flow(n).delete(run));
    return new Plan(expired, true, run.changes, run.warnings);
  }

  /**
   * Deletes every site that has expired at {@code now} (its Applications say when, in
   * {@value #EXPIRES_ANNOTATION}), as {@link #delete} does, and reports what it removed. Sites whose
   * deletion fails are reported with the error and do not stop the others.
   */
  public ExpireReport expire(Instant now) {
    Instant start = engine.clock().instant();
    List<String> removed = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    List<Change> changes = new ArrayList<>();
    for (String name : expired(now)) {
      Run run = Run.applying(start, null);
      try {
        flow(name).delete(run);
        removed.add(name);
      } catch (PlatformException e) {
        failed.put(name, e.getMessage());
      }
      changes.addAll(run.applied);
    }
    return new ExpireReport(removed, failed, changes, Duration.between(start, engine.clock().instant()));
  }

  // the sites whose Applications say they have expired at now
  private List<String> expired(Instant now) {
    ResourceStore k8s = kubernetes();
    Set<String> out = new TreeSet<>();
    for (Resource app : k8s.list(SiteObjects.APPLICATION, k8s.marks().selector(Set.of()))) {
      String owner = k8s.marks().owner(app.labels()).orElse("");
      String at = app.annotations().get(EXPIRES_ANNOTATION);
      if (!owner.startsWith(SITE_OWNER_PREFIX) || at == null) {
        continue;
      }
      try {
        if (!now.isBefore(Instant.parse(at))) {
          out.add(owner.substring(SITE_OWNER_PREFIX.length()));
        }
      } catch (DateTimeParseException e) {
        // edited by hand into nonsense: not ours to judge, left alone
      }
    }
    return List.copyOf(out);
  }

  static final String SITE_OWNER_PREFIX = Ownership.owner("Site", "");

  // ------------------------------------------------------------------------------------------------

  private SiteFlow flow(Site site) {
    return new SiteFlow(this, site, site.name());
  }

  private SiteFlow flow(String name) {
    return new SiteFlow(this, null, name);
  }

  Engine engine() {
    return engine;
  }

  Wait waiter() {
    return new Wait(engine.clock(), engine.reconciler().sleeper(), engine.listener());
  }

  SiteTimeouts timeouts() {
    return engine.option(SiteTimeouts.class, SiteTimeouts.DEFAULTS);
  }

  ResourceStore kubernetes() {
    return engine.reconciler().store(ResourceRef.KUBERNETES).orElseThrow(() -> new PlatformException(
        "no Kubernetes backend is configured: sites need one for their Argo CD Applications (Platform.builder().kubernetes(...))"));
  }

  ResourceStore aws() {
    return engine.reconciler().store(ResourceRef.AWS).orElseThrow(() -> new PlatformException(
        "no AWS backend is configured: sites need one for their certificates and DNS records (Platform.builder().aws(...))"));
  }

  // the rules that need the cluster: the tenant's namespace and hostnames, hosts served by other sites
  private void check(List<Site> sites) {
    ResourceStore k8s = kubernetes();
    Map<String, String> hostOwners = new LinkedHashMap<>();
    for (Resource app : k8s.list(SiteObjects.APPLICATION, k8s.marks().selector(Set.of()))) {
      String owner = k8s.marks().owner(app.labels()).orElse("");
      String hosts = app.annotations().get(HOSTS_ANNOTATION);
      if (owner.startsWith(SITE_OWNER_PREFIX) && hosts != null) {
        for (String h : hosts.split(",")) {
          hostOwners.putIfAbsent(h, owner.substring(SITE_OWNER_PREFIX.length()));
        }
      }
    }
    Map<String, String> inThisPlan = new LinkedHashMap<>();
    Set<String> names = new TreeSet<>();
    // every record of the zones the sites use, each zone read once: who serves each host, weighted or not
    Map<String, List<Resource>> zoneRecords = new LinkedHashMap<>();
    for (Site site : sites) {
      List<Violation> violations = new ArrayList<>();
      if (!names.add(site.name())) {
        violations.add(Violation.of("name", "site \"" + site.name() + "\" is given twice"));
      }
      String argocd = site.argocd().namespace();
      if (k8s.get(NAMESPACE, ResourceRef.kubernetes("Namespace", argocd)).isEmpty()) {
        violations.add(Violation.of("argocd.namespace", "namespace \"" + argocd + "\" does not exist: is Argo CD installed there?"));
      }
      String ns = site.destinationNamespace();
      Resource namespace = k8s.get(NAMESPACE, ResourceRef.kubernetes("Namespace", ns)).orElse(null);
      List<String> allowed = List.of();
      if (namespace == null || !site.tenant().equals(namespace.labels().get(Ownership.TENANT_LABEL))) {
        violations.add(Violation.of(site.namespace().isPresent() ? "namespace" : "tenant", "namespace \"" + ns + "\" "
            + (namespace == null ? "does not exist" : "is not one of tenant \"" + site.tenant() + "\"'s")
            + "; apply tenant \"" + site.tenant() + "\" with that namespace first"));
      } else {
        String list = namespace.annotations().getOrDefault(Tenant.HOSTNAMES_ANNOTATION, "");
        allowed = list.isEmpty() ? List.of() : List.of(list.split(","));
      }
      // names are <site>-<component>: site a-b's component c and site a's component b-c would share one
      for (int i = 0; i < site.components().size(); i++) {
        ResourceRef ref = SiteObjects.applicationRef(site, site.components().get(i));
        Resource taken = k8s.get(SiteObjects.APPLICATION, ref).orElse(null);
        String owner = taken == null ? null : k8s.marks().owner(taken.labels()).orElse("");
        if (taken != null && !owner.equals(SITE_OWNER_PREFIX + site.name())) {
          violations.add(Violation.of("components[" + i + "].name", "its Application " + ref.namespace() + "/" + ref.name()
              + " exists already, " + (owner.startsWith(SITE_OWNER_PREFIX) ? "as site \"" + owner.substring(SITE_OWNER_PREFIX.length())
                  + "\"'s" : owner.isEmpty() ? "not made by platformkit" : "owned by " + owner)
              + " (Applications are named <site>-<component>); rename the site or the component"));
        }
      }
      List<Resource> records = List.of();
      if (site.dns().isPresent()) {
        String zone = new SiteFlow(this, site, site.name()).currentZone();
        records = recordsAt(site, zone, zoneRecords.computeIfAbsent(zone, z -> aws().list(SiteObjects.DNS_RECORD, z, Map.of())));
      }
      for (int i = 0; i < site.hosts().size(); i++) {
        String host = site.hosts().get(i);
        if (namespace != null && violations.isEmpty() && !Tenant.allows(allowed, host)) {
          violations.add(Violation.of("hosts[" + i + "]", "\"" + host + "\" is not allowed by tenant \"" + site.tenant()
              + "\" (its hostnames: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")"));
        }
        String other = hostOwners.get(host);
        if (other == null) {
          other = dnsOwner(host, records);
        }
        if (other != null && !other.equals(site.name())) {
          violations.add(Violation.of("hosts[" + i + "]", "\"" + host + "\" is already served by site \"" + other + "\""));
        }
        String planned = inThisPlan.putIfAbsent(host, site.name());
        if (planned != null && !planned.equals(site.name())) {
          violations.add(Violation.of("hosts[" + i + "]", "\"" + host + "\" is also a host of site \"" + planned + "\" in this plan"));
        }
        weighting(site, host, i, records, violations);
      }
      if (!violations.isEmpty()) {
        throw new ValidationException("Site " + site.name(), violations);
      }
    }
  }

  // the records of the site's zone at its hosts (A, AAAA and CNAME), anyone's
  private static List<Resource> recordsAt(Site site, String zoneId, List<Resource> zoneRecords) {
    Set<String> hosts = new TreeSet<>(site.hosts());
    return zoneRecords.stream()
        .filter(r -> r.ref().name().startsWith(zoneId + "/") && hosts.contains(String.valueOf(r.body().get("name")))
            && List.of("A", "AAAA", "CNAME").contains(String.valueOf(r.body().get("type"))))
        .toList();
  }

  // the site whose simple DNS record serves host, from the records platformkit wrote
  private String dnsOwner(String host, List<Resource> records) {
    for (Resource r : records) {
      String owner = aws().marks().owner(r.labels()).orElse(null);
      if (host.equals(r.body().get("name")) && r.body().get("setIdentifier") == null && owner != null
          && owner.startsWith(SITE_OWNER_PREFIX)) {
        return owner.substring(SITE_OWNER_PREFIX.length());
      }
    }
    return null;
  }

  // weighted and simple records of one name cannot live together, and each cluster serving a site has
  // its own weighted records (blue and green): the rules of that, before anything is written
  private void weighting(Site site, String host, int i, List<Resource> records, List<Violation> violations) {
    if (site.dns().isEmpty()) {
      return;
    }
    String owner = SITE_OWNER_PREFIX + site.name();
    String mine = site.dns().get().setIdentifier().orElse(null);
    Set<String> here = null; // this cluster's load balancers of the site, read when needed
    for (Resource r : records) {
      if (!host.equals(r.body().get("name"))) {
        continue;
      }
      String recordOwner = aws().marks().owner(r.labels()).orElse(null);
      Object id = r.body().get("setIdentifier");
      if (!owner.equals(recordOwner)) {
        if (mine != null && id != null) {
          violations.add(Violation.of("hosts[" + i + "]", "\"" + host + "\" has the weighted " + r.body().get("type")
              + " record \"" + id + "\" of " + (recordOwner == null ? "someone else (not made by platformkit)" : recordOwner)
              + ", which would share its traffic"));
          return;
        }
        continue;
      }
      if (here == null) {
        here = new SiteFlow(this, site, site.name()).loadBalancers();
      }
      if (here.contains(SiteFlow.aliasTarget(r))) {
        continue; // this cluster's: made weighted or simple again here
      }
      if (mine != null && id == null) {
        violations.add(Violation.of("dns.setIdentifier", "\"" + host + "\" is served by a simple record of site \""
            + site.name() + "\" pointing at " + SiteFlow.aliasTarget(r) + ", not at a load balancer of this cluster; make it"
            + " weighted first: apply the site on the cluster serving it with its own dns.setIdentifier and dns.weight"));
        return;
      }
      if (mine == null && id != null) {
        violations.add(Violation.of("dns.weight", "\"" + host + "\" is served by the weighted record \"" + id + "\" of site \""
            + site.name() + "\" from another cluster; give this cluster its own dns.setIdentifier and dns.weight"));
        return;
      }
    }
  }

  /** What one plan or apply collects: changes (planning) or changes made (applying). */
  static final class Run {
    final boolean planning;
    final List<Change> expected;
    final List<Change> changes = new ArrayList<>();
    final List<Change> applied = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Instant start;

    private Run(boolean planning, Instant start, List<Change> expected) {
      this.planning = planning;
      this.start = start;
      this.expected = expected;
    }

    static Run planning() {
      return new Run(true, null, null);
    }

    static Run applying(Instant start, List<Change> expected) {
      return new Run(false, start, expected);
    }

    // a change an apply of a saved plan is about to make must be one the plan shows
    void check(List<Step> steps) {
      if (expected == null) {
        return;
      }
      for (Step s : steps) {
        if (expected.stream().noneMatch(p -> Reconciler.matches(p, s.change()))) {
          throw new StalePlanException("the state changed since the plan was made: it does not show\n  "
              + s.change().render() + "\nplan again");
        }
      }
    }

    ApplyResult result(Instant end) {
      return new ApplyResult(applied, Duration.between(start, end));
    }
  }

  /**
   * What {@link #expire} did.
   *
   * @param removed the sites deleted, by name, sorted
   * @param failed the sites whose deletion failed, with the error; run {@code expire} again to resume them
   * @param changes every change made, in order
   * @param elapsed how long it took, by the platform's clock
   */
  public record ExpireReport(List<String> removed, Map<String, String> failed, List<Change> changes, Duration elapsed)
      implements Serializable {

    /** Copies the parts. */
    public ExpireReport {
      removed = List.copyOf(removed);
      failed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failed));
      changes = List.copyOf(changes);
    }

    /** {@code removed 2 expired sites: a, b} or {@code no expired sites}, and the failures. */
    @Override
    public String toString() {
      String out = removed.isEmpty() ? "no expired sites removed"
          : "removed " + removed.size() + " expired site" + (removed.size() == 1 ? "" : "s") + ": " + String.join(", ", removed);
      StringBuilder sb = new StringBuilder(out);
      failed.forEach((n, e) -> sb.append("\nfailed to remove ").append(n).append(": ").append(e));
      return sb.toString();
    }
  }
}
