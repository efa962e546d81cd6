package dev.platformkit.site;

import dev.platformkit.Change;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.internal.Reconciler.Query;
import dev.platformkit.internal.Reconciler.Step;
import dev.platformkit.internal.Wait.Poll;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps of one site's apply or delete, each planned on the state as it is when the step comes (so a
 * run resumes from the real state), in planning mode with {@link Reconciler#UNKNOWN} for what earlier steps
 * would give.
 */
final class SiteFlow {
  static final String ISSUED = "ISSUED";
  static final String NAME_TAG = "platformkit:name";

  private final Sites sites;
  private final Site site; // null when deleting by name
  private final String name;
  private final String owner;
  private final Reconciler reconciler;
  private final ProgressListener listener;
  // the hosted zones the site's records may be in (null: unknown, every zone is read); set at the start of
  // an apply or delete, before the Applications say the new zone
  private List<String> zones;

  SiteFlow(Sites sites, Site site, String name) {
    this.sites = sites;
    this.site = site;
    this.name = name;
    this.owner = Sites.SITE_OWNER_PREFIX + name;
    this.reconciler = sites.engine().reconciler();
    this.listener = sites.engine().listener();
  }

  // ---------------------------------------------------------------------------------------- apply

  void apply(Sites.Run run) {
    zones = recordZones();
    Optional<String> arn = certificate(run);
    String hostname = applications(run, arn);
    records(run, hostname);
    cleanUp(run, certificateRef().map(ResourceRef::name).orElse(null));
    zoneMoved(run);
  }

  /**
   * The hosted zone of the site's records as its records name it (by id, when the store knows it), or null
   * for a site without DNS.
   */
  String currentZone() {
    if (site == null || site.dns().isEmpty()) {
      return null;
    }
    String name = record(zone(site) + "/" + site.hosts().get(0).toLowerCase(Locale.ROOT) + "/A").name();
    return name.substring(0, name.indexOf('/'));
  }

  // where the site's records may be: the zone its live Applications name (where the last apply wrote them)
  // and the site's zone now; every zone when an Application does not say (made before zones were kept) or,
  // deleting by name, when there is none
  private List<String> recordZones() {
    ResourceStore k8s = sites.kubernetes();
    Set<String> out = new LinkedHashSet<>();
    boolean any = false;
    for (Resource app : k8s.list(SiteObjects.APPLICATION, k8s.marks().selector(Set.of(owner)))) {
      if (!owner.equals(k8s.marks().owner(app.labels()).orElse(null))) {
        continue;
      }
      any = true;
      String zone = app.annotations().get(Sites.ZONE_ANNOTATION);
      if (zone == null || zone.isEmpty()) {
        return null;
      }
      out.add(zone);
    }
    String current = currentZone();
    if (current != null) {
      out.add(current);
    } else if (!any) {
      return null;
    }
    return List.copyOf(out);
  }

  // the site's records, and its Applications, moved to another zone: the Applications say so once the old
  // zone's records are gone (so that a run stopped before still reads the old zone)
  private void zoneMoved(Sites.Run run) {
    String current = currentZone();
    if (current == null) {
      return;
    }
    ResourceStore k8s = sites.kubernetes();
    List<Query> queries = new ArrayList<>();
    for (Resource app : SiteObjects.applications(site, Optional.empty())) {
      queries.add(Query.named(SiteObjects.APPLICATION, app.ref().namespace(), app.ref().name(), ""));
    }
    stage(run, reconciler.planAdjustments(queries, (kind, live) ->
        owner.equals(k8s.marks().owner(live.labels()).orElse(null)) && !current.equals(live.annotations().get(Sites.ZONE_ANNOTATION))
            ? Optional.of(new ResourceUpdate(Map.of(), Set.of(), Map.of(Sites.ZONE_ANNOTATION, current), Set.of(), Map.of()))
            : Optional.empty()), false);
  }

  // the site's records' listing, in the zones they may be in
  private List<Resource> listRecords(Map<String, String> selector) {
    ResourceStore aws = sites.aws();
    if (zones == null) {
      return aws.list(SiteObjects.DNS_RECORD, selector);
    }
    Map<ResourceRef, Resource> out = new LinkedHashMap<>();
    for (String zone : zones) {
      aws.list(SiteObjects.DNS_RECORD, zone, selector).forEach(r -> out.putIfAbsent(r.ref(), r));
    }
    return List.copyOf(out.values());
  }

  // the certificate (requested, reused or given) and its validation; its ARN once issued
  private Optional<String> certificate(Sites.Run run) {
    if (site.tls().mode() == TlsMode.NONE) {
      return Optional.empty();
    }
    if (site.tls().mode() == TlsMode.EXISTING) {
      return site.tls().certificateArn();
    }
    ResourceStore aws = sites.aws();
    ResourceRef ref = certificateRef().orElseThrow();
    Optional<Resource> own = aws.get(SiteObjects.CERTIFICATE, ref);
    if (own.isEmpty()) {
      Optional<Resource> covering = covering(aws);
      if (covering.isPresent()) {
        String arn = arn(covering.get());
        listener.progress("site " + name + ": reusing certificate " + arn + " " + domains(covering.get()));
        return Optional.of(arn);
      }
    }
    stage(run, reconciler.plan(Set.of(owner), List.of(certificate()), List.of(SiteObjects.CERTIFICATE),
        r -> r.ref().equals(ref), SiteFlow::mustReplace), false);
    Optional<Resource> live = run.planning ? own : aws.get(SiteObjects.CERTIFICATE, ref);
    List<Resource> validation = validationRecords(live);
    Set<ResourceRef> wanted = new LinkedHashSet<>();
    validation.forEach(r -> wanted.add(r.ref()));
    if (wanted.stream().anyMatch(r -> r.name().contains(Reconciler.UNKNOWN))) {
      // named by ACM once the certificate is requested: nothing to read yet (and no store could address them)
      stage(run, reconciler.plannedCreates(validation, SiteObjects.DNS_RECORD), true);
    } else {
      stage(run, reconciler.plan(Set.of(owner), validation, List.of(SiteObjects.DNS_RECORD), r -> wanted.contains(r.ref()),
          Reconciler.Replace.NEVER, zones), true);
    }
    if (run.planning) {
      return Optional.of(live.map(SiteFlow::arn).filter(a -> !a.isEmpty()).orElse(Reconciler.UNKNOWN));
    }
    String subject = "certificate " + ref.name() + " for " + String.join(", ", site.hosts());
    return Optional.of(sites.waiter().until(subject, sites.timeouts().certificate(), sites.timeouts().poll(), () -> {
      Resource now = aws.get(SiteObjects.CERTIFICATE, ref)
          .orElseThrow(() -> new PlatformException(subject + " is gone while waiting for it to be issued; apply again"));
      String state = state(now);
      if (ISSUED.equals(state)) {
        return Poll.ready(arn(now));
      }
      if (!"PENDING_VALIDATION".equals(state) && !state.isEmpty()) {
        throw new PlatformException(subject + " is " + state + " and will not be issued: check its validation records in "
            + zone(site) + "; delete the site and apply it again to request a new one");
      }
      return Poll.pending(state.isEmpty() ? "requested" : state);
    }));
  }

  // an issued certificate of anyone's that covers every host, at least one through a wildcard
  private Optional<Resource> covering(ResourceStore aws) {
    for (Resource c : aws.list(SiteObjects.CERTIFICATE, Map.of())) {
      if (!ISSUED.equals(state(c)) || arn(c).isEmpty()) {
        continue;
      }
      List<String> domains = domains(c);
      boolean wildcard = false;
      boolean all = true;
      for (String host : site.hosts()) {
        if (domains.contains(host)) {
          continue;
        }
        int dot = host.indexOf('.');
        if (dot > 0 && domains.contains("*" + host.substring(dot))) {
          wildcard = true;
        } else {
          all = false;
        }
      }
      if (all && wildcard) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  // ACM cannot change a certificate's domains or validation method, only its tags. Its name carries a hash
  // of the domains, so new domains are a new certificate next to the old one (which stays until no load
  // balancer uses it); this catches the rest
  private static boolean mustReplace(Kind kind, Resource current, Resource desired) {
    for (String field : List.of("domainName", "subjectAlternativeNames", "validationMethod")) {
      if (!java.util.Objects.equals(current.body().get(field), desired.body().get(field))) {
        return true;
      }
    }
    return false;
  }

  private Resource certificate() {
    Map<String, String> tags = new LinkedHashMap<>(sites.aws().marks().of(owner));
    // the AWS store addresses a certificate by this tag: the ref's name
    tags.put(NAME_TAG, certificateRef().orElseThrow().name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("domainName", site.hosts().get(0));
    body.put("subjectAlternativeNames", List.copyOf(new TreeSet<>(site.hosts())));
    body.put("validationMethod", "DNS");
    return Resource.desired(certificateRef().orElseThrow(), tags, Map.of(), body);
  }

  /** The certificate's reference: named after the site and a hash of its domains, so a replacement lives next to it. */
  private Optional<ResourceRef> certificateRef() {
    if (site == null || site.tls().mode() != TlsMode.ACM) {
      return Optional.empty();
    }
    String domains = site.hosts().get(0) + "|" + String.join(",", new TreeSet<>(site.hosts()));
    return Optional.of(ResourceRef.aws("Certificate", name + "-" + hash(domains)));
  }

  // the CNAMEs ACM asks for, except those that are there already for another certificate
  private List<Resource> validationRecords(Optional<Resource> certificate) {
    ResourceStore aws = sites.aws();
    String zone = zone(site);
    List<Resource> out = new ArrayList<>();
    if (certificate.isEmpty() || validation(certificate.get()).isEmpty()) {
      // not requested yet: ACM names one record per domain (fewer when they share one)
      for (String host : new TreeSet<>(site.hosts())) {
        String recordName = "_" + Reconciler.UNKNOWN + "." + host;
        out.add(cname(zone, recordName, Reconciler.UNKNOWN));
      }
      return out;
    }
    Set<String> seen = new TreeSet<>();
    for (Map<String, Object> v : validation(certificate.get())) {
      String recordName = dnsName(String.valueOf(v.get("name")));
      if (!seen.add(recordName)) {
        continue;
      }
      Resource want = cname(zone, recordName, dnsName(String.valueOf(v.get("value"))));
      Optional<Resource> existing = aws.get(SiteObjects.DNS_RECORD, want.ref());
      boolean sharedWithAnother = existing.isPresent() && !owner.equals(aws.marks().owner(existing.get().labels()).orElse(null))
          && existing.get().body().get("records") != null && existing.get().body().get("records").equals(want.body().get("records"));
      if (!sharedWithAnother) {
        out.add(want);
      }
    }
    return out;
  }

  private Resource cname(String zone, String recordName, String value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", recordName);
    body.put("type", "CNAME");
    body.put("ttl", 300);
    body.put("records", List.of(value));
    return Resource.desired(record(zone + "/" + recordName + "/CNAME"), sites.aws().marks().of(owner), Map.of(), body);
  }

  // the Applications with the certificate, then the wait for their load balancer; its hostname
  private String applications(Sites.Run run, Optional<String> arn) {
    ResourceStore k8s = sites.kubernetes();
    List<Resource> desired = new ArrayList<>();
    for (Resource app : SiteObjects.applications(site, arn)) {
      Map<String, String> annotations = new LinkedHashMap<>(app.annotations());
      annotations.put(Sites.HOSTS_ANNOTATION, String.join(",", site.hosts()));
      zoneAnnotation(k8s, app).ifPresent(z -> annotations.put(Sites.ZONE_ANNOTATION, z));
      expiresAt(run, k8s, app).ifPresent(at -> annotations.put(Sites.EXPIRES_ANNOTATION, at));
      desired.add(Resource.desired(app.ref(), app.labels(), annotations, app.body()));
    }
    stage(run, reconciler.plan(Set.of(owner), desired, List.of(SiteObjects.APPLICATION), r -> true, Reconciler.Replace.NEVER), false);
    if (run.planning) {
      for (Resource app : desired) {
        Optional<String> host = loadBalancer(k8s, app.ref());
        if (host.isPresent()) {
          return host.get();
        }
      }
      return Reconciler.UNKNOWN;
    }
    String hostname = null;
    for (Resource app : desired) {
      String subject = "load balancer of Application " + app.ref().namespace() + "/" + app.ref().name();
      String h = sites.waiter().until(subject, sites.timeouts().loadBalancer(), sites.timeouts().poll(), () -> {
        Resource live = k8s.get(SiteObjects.APPLICATION, app.ref())
            .orElseThrow(() -> new PlatformException(subject + ": the Application is gone; apply again"));
        String health = text(live.body(), "status", "health", "status");
        String sync = text(live.body(), "status", "sync", "status");
        Optional<String> lb = loadBalancer(k8s, app.ref());
        if ("Healthy".equals(health) && "Synced".equals(sync) && lb.isPresent()) {
          return Poll.ready(lb.get());
        }
        return Poll.pending("health " + (health.isEmpty() ? "unknown" : health) + ", sync " + (sync.isEmpty() ? "unknown" : sync)
            + (lb.isPresent() ? ", load balancer " + lb.get() : ", no load balancer yet"));
      });
      hostname = hostname == null ? h : hostname;
    }
    return hostname;
  }

  // the first load balancer hostname of the Ingresses Argo CD made for the Application
  private Optional<String> loadBalancer(ResourceStore k8s, ResourceRef application) {
    return loadBalancer(k8s, site.destinationNamespace(), application);
  }

  private static Optional<String> loadBalancer(ResourceStore k8s, String namespace, ResourceRef application) {
    for (Resource ingress : k8s.list(SiteObjects.INGRESS, namespace, Map.of(Sites.INSTANCE_LABEL, application.name()))) {
      Object lbs = at(ingress.body(), "status", "loadBalancer", "ingress");
      if (lbs instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
          && first.get("hostname") instanceof String h && !h.isEmpty()) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  // the zone the Application says until the records have moved (zoneMoved), the site's zone for a new one
  private Optional<String> zoneAnnotation(ResourceStore k8s, Resource app) {
    String current = currentZone();
    if (current == null) {
      return Optional.empty();
    }
    String live = k8s.get(SiteObjects.APPLICATION, app.ref()).map(r -> r.annotations().get(Sites.ZONE_ANNOTATION)).orElse(null);
    return Optional.of(live == null || live.isEmpty() ? current : live);
  }

  // a ttl counts from the first apply: kept from the live Application once there is one
  private Optional<String> expiresAt(Sites.Run run, ResourceStore k8s, Resource app) {
    if (site.expiry().isEmpty()) {
      return Optional.empty();
    }
    Expiry expiry = site.expiry().get();
    if (expiry.at().isPresent()) {
      return Optional.of(expiry.at().get().toString());
    }
    Optional<Resource> live = k8s.get(SiteObjects.APPLICATION, app.ref());
    String kept = live.map(r -> r.annotations().get(Sites.EXPIRES_ANNOTATION)).orElse(null);
    if (kept != null) {
      return Optional.of(kept);
    }
    Instant created = live.map(Resource::created).orElse(null);
    if (created != null) {
      return Optional.of(expiry.expiresAt(created).toString());
    }
    return Optional.of(run.planning ? Reconciler.UNKNOWN : expiry.expiresAt(run.start).toString());
  }

  // the records of the hosts, aliases to the load balancer
  private void records(Sites.Run run, String hostname) {
    if (site.dns().isEmpty()) {
      return;
    }
    Dns dns = site.dns().get();
    String zone = zone(site);
    String mine = dns.setIdentifier().orElse(null);
    String lbZone = hostname.equals(Reconciler.UNKNOWN) ? Reconciler.UNKNOWN : LoadBalancerZones.forHostname(hostname);
    Set<String> targets = hostname.equals(Reconciler.UNKNOWN) ? Set.of() : Set.of(dnsName(hostname));
    Map<ResourceRef, Resource> live = new LinkedHashMap<>();
    if (mine != null) {
      ownRecords().forEach(r -> live.put(r.ref(), r));
    }
    List<Resource> desired = new ArrayList<>();
    for (String host : site.hosts()) {
      for (String type : List.of("A", "AAAA")) {
        Map<String, Object> alias = new LinkedHashMap<>();
        alias.put("hostedZoneId", lbZone);
        alias.put("dnsName", dnsName(hostname));
        alias.put("evaluateTargetHealth", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", host);
        body.put("type", type);
        body.put("alias", alias);
        Map<String, String> labels = new LinkedHashMap<>(sites.aws().marks().of(owner));
        ResourceRef ref = record(zone + "/" + host + "/" + type + (mine == null ? "" : "/" + mine));
        if (mine != null) {
          int weight = dns.weight().orElseThrow();
          body.put("setIdentifier", mine);
          body.put("weight", keptWeight(run, live.get(ref), weight));
          labels.put(Sites.WEIGHT_TAG, Integer.toString(weight));
        }
        desired.add(Resource.desired(ref, labels, Map.of(), body));
      }
    }
    List<Step> steps = new ArrayList<>(reconciler.plan(Set.of(owner), desired, List.of(SiteObjects.DNS_RECORD),
        r -> !isValidation(r) && ours(r, mine, targets), Reconciler.Replace.NEVER, zones));
    // Route53 refuses a weighted record next to a simple one of the same name: in one batch, the deletes
    // (a record being made weighted, or simple again) go first
    steps.sort(java.util.Comparator.comparing(s -> s.change().action() != Change.Action.DELETE));
    stage(run, steps, true);
  }

  // the weight a shift moved stays while dns.weight is the one last applied (kept in the record's
  // WEIGHT_TAG); a new dns.weight wins
  private int keptWeight(Sites.Run run, Resource live, int weight) {
    if (live == null || !(live.body().get("weight") instanceof Number now) || now.intValue() == weight
        || !Integer.toString(weight).equals(live.labels().get(Sites.WEIGHT_TAG))) {
      return weight;
    }
    run.warnings.add("site " + name + ": " + live.body().get("name") + " " + live.body().get("type") + " "
        + live.body().get("setIdentifier") + " keeps weight " + now.intValue() + " (moved by a traffic shift); dns.weight is "
        + weight + " as when last applied: change dns.weight to set another");
    return now.intValue();
  }

  /**
   * Whether a record of the site is this cluster's to manage. A record belongs to the cluster whose load
   * balancer it points at, and a weighted one to the cluster whose site has its set identifier: a weighted
   * site manages its own identifier's records and those pointing at its load balancer (a simple record
   * being made weighted, an identifier renamed); a simple site its simple records (applying a simple site
   * on a new cluster moves the host there) and the weighted ones pointing at its load balancer. Records
   * of other clusters (blue and green) are left alone.
   */
  static boolean ours(Resource r, String setIdentifier, Set<String> loadBalancers) {
    Object id = r.body().get("setIdentifier");
    if (loadBalancers.contains(aliasTarget(r))) {
      return true;
    }
    return setIdentifier == null ? id == null : setIdentifier.equals(id);
  }

  static String aliasTarget(Resource record) {
    return dnsName(text(record.body(), "alias", "dnsName"));
  }

  /**
   * The site's own records other than validation CNAMEs, live: in the zones of this apply or delete, or in
   * the site's zone.
   */
  List<Resource> ownRecords() {
    ResourceStore aws = sites.aws();
    if (zones == null && site != null && currentZone() != null) {
      zones = List.of(currentZone());
    }
    return listRecords(aws.marks().selector(Set.of(owner))).stream()
        .filter(r -> owner.equals(aws.marks().owner(r.labels()).orElse(null)) && !isValidation(r))
        .toList();
  }

  /** The load balancer hostnames (lower case, no trailing dot) of the site's Applications on this cluster. */
  Set<String> loadBalancers() {
    ResourceStore k8s = sites.kubernetes();
    Set<String> out = new TreeSet<>();
    for (Resource app : k8s.list(SiteObjects.APPLICATION, k8s.marks().selector(Set.of(owner)))) {
      if (!owner.equals(k8s.marks().owner(app.labels()).orElse(null))) {
        continue;
      }
      String namespace = text(app.body(), "spec", "destination", "namespace");
      if (!namespace.isEmpty()) {
        loadBalancer(k8s, namespace, app.ref()).ifPresent(h -> out.add(dnsName(h)));
      }
    }
    return out;
  }

  /**
   * Why the site does not serve from this cluster: a line per Application missing, not Synced and Healthy,
   * or without a load balancer. Empty when every Application does.
   */
  List<String> problems() {
    ResourceStore k8s = sites.kubernetes();
    List<String> out = new ArrayList<>();
    for (Resource app : SiteObjects.applications(site, Optional.empty())) {
      String subject = "Application " + app.ref().namespace() + "/" + app.ref().name();
      Optional<Resource> live = k8s.get(SiteObjects.APPLICATION, app.ref());
      if (live.isEmpty()) {
        out.add(subject + " does not exist on this cluster");
        continue;
      }
      String health = text(live.get().body(), "status", "health", "status");
      String sync = text(live.get().body(), "status", "sync", "status");
      if (!"Healthy".equals(health) || !"Synced".equals(sync)) {
        out.add(subject + " is " + (health.isEmpty() ? "of unknown health" : health) + " and " + (sync.isEmpty() ? "of unknown sync status" : sync));
      } else if (loadBalancer(k8s, site.destinationNamespace(), app.ref()).isEmpty()) {
        out.add(subject + " has no load balancer");
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------- delete

  void delete(Sites.Run run) {
    zones = recordZones();
    // this cluster's records: simple ones and those pointing at its load balancers; other clusters' stay
    Set<String> targets = loadBalancers();
    List<Step> records = reconciler.plan(Set.of(owner), List.of(), List.of(SiteObjects.DNS_RECORD),
        r -> !isValidation(r) && (r.body().get("setIdentifier") == null || targets.contains(aliasTarget(r))),
        Reconciler.Replace.NEVER, zones);
    Set<ResourceRef> deleting = new TreeSet<>();
    records.forEach(s -> deleting.add(s.change().target()));
    List<String> others = ownRecords().stream().filter(r -> !deleting.contains(r.ref()))
        .map(r -> r.body().get("name") + " " + r.body().get("type") + " " + r.body().get("setIdentifier")).sorted().toList();
    if (!others.isEmpty()) {
      for (Step s : records) {
        if (s.current() != null && s.current().body().get("weight") instanceof Number w && w.intValue() > 0) {
          run.warnings.add("site " + name + ": " + s.current().body().get("name") + " " + s.current().body().get("type") + " "
              + s.current().body().get("setIdentifier") + " carries weight " + w + "; deleting it sends its traffic to "
              + String.join(", ", others) + " (shift the traffic first to move it in steps)");
        }
      }
    }
    stage(run, records, true);
    List<Step> apps = reconciler.plan(Set.of(owner), List.of(), List.of(SiteObjects.APPLICATION));
    stage(run, apps, false);
    if (!run.planning && !apps.isEmpty()) {
      ResourceStore k8s = sites.kubernetes();
      String subject = "deletion of the Applications of site " + name;
      sites.waiter().until(subject, sites.timeouts().release(), sites.timeouts().poll(), () -> {
        long left = apps.stream().filter(s -> k8s.get(SiteObjects.APPLICATION, s.change().target()).isPresent()).count();
        return left == 0 ? Poll.ready(true) : Poll.pending(left + " still deleting what they deployed");
      });
    }
    if (!others.isEmpty()) {
      // another cluster's load balancer serves the site with them, and uses the certificate
      run.warnings.add("site " + name + ": its certificate and validation records are kept, as its weighted records "
          + String.join(", ", others) + " of another cluster still serve it; delete the site there too to remove them");
      return;
    }
    cleanUp(run, null);
  }

  // certificates of the site other than keep (once no load balancer uses them), then validation CNAMEs no
  // certificate lists any more; one another site's certificate still lists is handed over to that site
  private void cleanUp(Sites.Run run, String keep) {
    ResourceStore aws = sites.aws();
    List<Resource> old = new ArrayList<>();
    for (Resource c : aws.list(SiteObjects.CERTIFICATE, aws.marks().selector(Set.of(owner)))) {
      if (owner.equals(aws.marks().owner(c.labels()).orElse(null)) && !c.ref().name().equals(keep)) {
        old.add(c);
      }
    }
    Set<String> deleted = new LinkedHashSet<>(); // names and ARNs
    for (Resource c : old) {
      deleted.add(c.ref().name());
      if (!arn(c).isEmpty()) {
        deleted.add(arn(c));
      }
      if (run.planning) {
        run.changes.add(new Change(Change.Action.DELETE, c.ref(), List.of()));
        continue;
      }
      String subject = "release of certificate " + c.ref().name() + " " + domains(c);
      Optional<Resource> unused = sites.waiter().until(subject, sites.timeouts().release(), sites.timeouts().poll(), () -> {
        Optional<Resource> now = aws.get(SiteObjects.CERTIFICATE, c.ref());
        List<String> users = now.map(SiteFlow::inUseBy).orElse(List.of());
        return users.isEmpty() ? Poll.ready(now) : Poll.pending("in use by " + String.join(", ", users));
      });
      if (unused.isPresent()) {
        List<Step> step = List.of(new Step(new Change(Change.Action.DELETE, c.ref(), List.of()), SiteObjects.CERTIFICATE, null, unused.get()));
        stage(run, step, false);
      }
    }
    Set<ResourceRef> wanted = new TreeSet<>();
    if (keep != null) {
      aws.get(SiteObjects.CERTIFICATE, certificateRef().orElseThrow()).ifPresent(c -> {
        for (Map<String, Object> v : validation(c)) {
          wanted.add(record(zone(site) + "/" + dnsName(String.valueOf(v.get("name"))) + "/CNAME"));
        }
      });
    }
    List<Resource> candidates = new ArrayList<>();
    for (Resource r : listRecords(aws.marks().selector(Set.of(owner)))) {
      if (owner.equals(aws.marks().owner(r.labels()).orElse(null)) && isValidation(r) && !wanted.contains(r.ref())) {
        candidates.add(r);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    Map<String, String> listedBy = listedBy(aws, candidates, deleted);
    List<Step> deletes = new ArrayList<>();
    List<Step> handOvers = new ArrayList<>();
    for (Resource r : candidates) {
      String recordName = recordName(r);
      String user = listedBy.get(recordName);
      if (user == null) {
        deletes.add(new Step(new Change(Change.Action.DELETE, r.ref(), List.of()), SiteObjects.DNS_RECORD, null, r));
      } else if (user.startsWith(Sites.SITE_OWNER_PREFIX) && !user.equals(owner)) {
        String next = user;
        handOvers.addAll(reconciler.planAdjustments(List.of(Query.named(SiteObjects.DNS_RECORD, null, r.ref().name(), "")),
            (kind, current) -> owner.equals(aws.marks().owner(current.labels()).orElse(null))
                ? Optional.of(new ResourceUpdate(aws.marks().of(next), Set.of(), Map.of(), Set.of(), Map.of())) : Optional.empty()));
      } else if (!user.equals(owner)) {
        run.warnings.add("validation record " + recordName + " of site " + name + " is kept: certificate(s) not made by a site still list it");
      }
    }
    stage(run, handOvers, false);
    stage(run, deletes, true);
  }

  // which certificate's owner (empty: not platformkit's) lists each candidate validation record, ours first.
  // A listing of every certificate need not hold their validation records (ACM's does not): those that may
  // list one (a domain the record is for) are read one by one, by ARN
  private Map<String, String> listedBy(ResourceStore aws, List<Resource> candidates, Set<String> deleted) {
    Set<String> domains = new TreeSet<>();
    candidates.forEach(r -> {
      String n = recordName(r);
      domains.add(n.substring(n.indexOf('.') + 1));
    });
    Map<String, String> listedBy = new LinkedHashMap<>();
    for (Resource listed : aws.list(SiteObjects.CERTIFICATE, Map.of())) {
      if (deleted.contains(listed.ref().name()) || deleted.contains(arn(listed)) || domains(listed).stream().map(d -> d.startsWith("*.") ? d.substring(2) : d).noneMatch(domains::contains)) {
        continue;
      }
      Resource c = listed;
      if (validation(c).isEmpty() || c.labels().isEmpty()) {
        String arn = arn(c);
        Optional<Resource> read = arn.isEmpty() ? Optional.empty() : aws.get(SiteObjects.CERTIFICATE, ResourceRef.aws("Certificate", arn));
        c = read.orElse(c);
      }
      String certOwner = aws.marks().owner(c.labels()).orElse("");
      for (Map<String, Object> v : validation(c)) {
        String n = dnsName(String.valueOf(v.get("name")));
        if (!owner.equals(listedBy.get(n))) {
          listedBy.put(n, certOwner);
        }
      }
    }
    return listedBy;
  }

  // ---------------------------------------------------------------------------------------- helpers

  private void stage(Sites.Run run, List<Step> steps, boolean batched) {
    if (steps.isEmpty()) {
      return;
    }
    if (run.planning) {
      steps.forEach(s -> run.changes.add(s.change()));
      return;
    }
    run.check(steps);
    var result = batched ? reconciler.applyBatched(steps, listener, Set.of()) : reconciler.apply(steps, listener, Set.of());
    run.applied.addAll(result.applied());
  }

  /**
   * A DnsRecord ref named as the store lists it (a Route53 zone by id, whichever form the site gives), so
   * that it equals the listed ref of the same record (names ACM has not given yet: the zone part only).
   */
  private ResourceRef record(String name) {
    if (name.contains(Reconciler.UNKNOWN)) {
      // no store can parse the name yet: canonicalise the zone through a record of a host of the site
      String probe = zone(site) + "/" + site.hosts().get(0).toLowerCase(Locale.ROOT) + "/A";
      String zone = sites.aws().canonical(SiteObjects.DNS_RECORD, ResourceRef.aws("DnsRecord", probe)).name().split("/")[0];
      return ResourceRef.aws("DnsRecord", zone + name.substring(name.indexOf('/')));
    }
    return sites.aws().canonical(SiteObjects.DNS_RECORD, ResourceRef.aws("DnsRecord", name));
  }

  /** The hosted zone records go to: its id when given, else its domain name. */
  static String zone(Site site) {
    Dns dns = site.dns().orElseThrow();
    return dns.hostedZoneId().map(id -> id.replaceFirst("^/?hostedzone/", "")).orElse(dns.hostedZone().toLowerCase(Locale.ROOT));
  }

  static boolean isValidation(Resource r) {
    return recordName(r).startsWith("_");
  }

  static String recordName(Resource r) {
    String[] parts = r.ref().name().split("/");
    return parts.length > 1 ? parts[1] : r.ref().name();
  }

  private static String dnsName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  static String state(Resource certificate) {
    return text(certificate.body(), "status", "state");
  }

  static String arn(Resource certificate) {
    return text(certificate.body(), "status", "arn");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> validation(Resource certificate) {
    Object v = at(certificate.body(), "status", "validationRecords");
    if (!(v instanceof List<?> list)) {
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    list.stream().filter(Map.class::isInstance).forEach(m -> out.add((Map<String, Object>) m));
    return out;
  }

  static List<String> inUseBy(Resource certificate) {
    Object v = at(certificate.body(), "status", "inUseBy");
    return v instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  static List<String> domains(Resource certificate) {
    Object v = certificate.body().get("subjectAlternativeNames");
    List<String> out = new ArrayList<>();
    if (certificate.body().get("domainName") instanceof String d) {
      out.add(d);
    }
    if (v instanceof List<?> list) {
      list.forEach(d -> {
        if (!out.contains(String.valueOf(d))) {
          out.add(String.valueOf(d));
        }
      });
    }
    return out;
  }

  static Object at(Map<String, Object> body, String... path) {
    Object o = body;
    for (String p : path) {
      if (!(o instanceof Map<?, ?> m)) {
        return null;
      }
      o = m.get(p);
    }
    return o;
  }

  static String text(Map<String, Object> body, String... path) {
    Object o = at(body, path);
    return o == null ? "" : o.toString();
  }

  static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
