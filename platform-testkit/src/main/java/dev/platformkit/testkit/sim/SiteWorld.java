package dev.platformkit.testkit.sim;

import dev.platformkit.NotFoundException;
import dev.platformkit.Ownership;
import dev.platformkit.ResourceRef;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.testkit.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the real world does around a site, simulated on in-memory stores so that {@code Sites} can be
 * applied end to end without AWS or a cluster:
 *
 * <ul>
 *   <li><b>ACM</b>: a requested certificate (a {@code Certificate} without {@code status}) gets an ARN, state
 *       {@code PENDING_VALIDATION} and one validation CNAME per domain, deterministic (two certificates for
 *       one domain share it, as in ACM), and becomes {@code ISSUED} {@link #issueDelay} after all its
 *       validation records exist as {@code DnsRecord}s with the right value; its {@code inUseBy} lists the
 *       load balancers whose Ingress names its ARN.
 *   <li><b>Argo CD and the AWS Load Balancer Controller</b>: {@link #provisionDelay} after an Application of a
 *       site appears, an Ingress named after it (label {@code app.kubernetes.io/instance}) exists in its
 *       destination namespace with the certificate ARN and group of its values and a load balancer
 *       hostname {@code k8s-<group>-<hash>.<region>.elb.amazonaws.com} in its status, and the Application
 *       is {@code Synced}/{@code Healthy} (written as their read-only {@code status}). Deleting the Application
 *       deletes its Ingress, then removes the Application's finalizer {@link SiteObjects#FINALIZER} so it goes.
 * </ul>
 *
 * <p>{@link #installArgoCd()} creates the namespace {@value #ARGOCD_NAMESPACE}, which sites need. It acts just before every read of either store ({@link InMemoryStore#beforeRead}), on the clock given,
 * so a test moves the {@link dev.platformkit.testkit.FakeClock} (or lets the platform's sleeper do it) and
 * the world catches up. {@link #issuing(boolean) issuing(false)} and {@link #provisioning(boolean)
 * provisioning(false)} model a certificate that is never issued and a load balancer that never comes, for
 * timeout tests. Only Applications owned by a site are acted on: other primitives' tests keep their
 * Application fixtures as they are.
 */
public final class SiteWorld {
  /** The account id in simulated ARNs. */
  public static final String ACCOUNT = "123456789012";
  static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  static final String CERTIFICATE_ANNOTATION = "alb.ingress.kubernetes.io/certificate-arn";
  static final String GROUP_ANNOTATION = "alb.ingress.kubernetes.io/group.name";
  /** Marks the Ingresses this simulation made. */
  public static final String SIMULATED_LABEL = "testkit.platformkit.dev/simulated";
  /** The namespace of Argo CD, which this world has from the start. */
  public static final String ARGOCD_NAMESPACE = "argocd";
  private static final Kind NAMESPACE = Kind.kubernetes("v1", "Namespace", "namespaces", false);

  private final InMemoryStore kubernetes;
  private final InMemoryStore aws;
  private final Clock clock;
  private final Map<ResourceRef, Instant> validatedSince = new HashMap<>();
  // the clusters Argo CD runs on (the first is kubernetes), each with when it first saw each Application
  private final List<InMemoryStore> clusters = new ArrayList<>();
  private final List<Map<ResourceRef, Instant>> appSeen = new ArrayList<>();
  private Duration issueDelay = Duration.ofMinutes(2);
  private Duration provisionDelay = Duration.ofMinutes(1);
  private boolean issuing = true;
  private boolean provisioning = true;
  private String region = "eu-west-1";

  private SiteWorld(InMemoryStore kubernetes, InMemoryStore aws, Clock clock) {
    this.kubernetes = Objects.requireNonNull(kubernetes, "kubernetes");
    this.aws = Objects.requireNonNull(aws, "aws");
    this.clock = Objects.requireNonNull(clock, "clock");
    clusters.add(kubernetes);
    appSeen.add(new HashMap<>());
  }

  /** Simulates the world around {@code kubernetes} and {@code aws} on {@code clock}, from now on. */
  public static SiteWorld attach(InMemoryStore kubernetes, InMemoryStore aws, Clock clock) {
    SiteWorld world = new SiteWorld(kubernetes, aws, clock);
    kubernetes.beforeRead(world::run);
    aws.beforeRead(world::run);
    return world;
  }

  /**
   * Another cluster in the same AWS account (the green one of a blue/green upgrade), with Argo CD installed:
   * its Applications get Ingresses and load balancers of their own (other hostnames than the first cluster's),
   * and their load balancers use certificates as the first cluster's do.
   */
  public synchronized SiteWorld addCluster(InMemoryStore cluster) {
    Objects.requireNonNull(cluster, "cluster");
    clusters.add(cluster);
    appSeen.add(new HashMap<>());
    cluster.beforeRead(this::run);
    if (cluster.get(NAMESPACE, ResourceRef.kubernetes("Namespace", ARGOCD_NAMESPACE)).isEmpty()) {
      cluster.create(NAMESPACE, Resource.desired(ResourceRef.kubernetes("Namespace", ARGOCD_NAMESPACE), Map.of(), Map.of(), Map.of()));
    }
    return this;
  }

  /** How long after its validation records exist a certificate is issued. Default: 2 minutes. */
  public synchronized SiteWorld issueDelay(Duration delay) {
    this.issueDelay = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** How long after an Application appears its Ingress has a load balancer. Default: 1 minute. */
  public synchronized SiteWorld provisionDelay(Duration delay) {
    this.provisionDelay = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** Whether ACM issues certificates at all (false: they stay {@code PENDING_VALIDATION}). Default: true. */
  public synchronized SiteWorld issuing(boolean issuing) {
    this.issuing = issuing;
    return this;
  }

  /** Whether ACM issues certificates now. */
  public synchronized boolean isIssuing() {
    return issuing;
  }

  /** Whether Applications get their load balancer at all (false: they stay {@code Progressing}). Default: true. */
  public synchronized SiteWorld provisioning(boolean provisioning) {
    this.provisioning = provisioning;
    return this;
  }

  /** The region of ARNs and load balancer hostnames. Default: {@code eu-west-1}. */
  public synchronized SiteWorld region(String region) {
    this.region = Objects.requireNonNull(region, "region");
    return this;
  }

  /** The load balancer hostname this world gives the ALB of {@code group} on the first cluster. */
  public String hostname(String group) {
    return hostname(group, 0);
  }

  /** The load balancer hostname of the ALB of {@code group} on cluster {@code index} (0: the first, then in the order added). */
  public String hostname(String group, int index) {
    String g = group.replaceAll("[^a-z0-9]", "");
    return "k8s-" + g.substring(0, Math.min(8, g.length())) + "-" + hash(index == 0 ? group : group + "#" + index, 5)
        + "." + region + ".elb.amazonaws.com";
  }

  /** The validation CNAME ACM asks for {@code domain}: name and value, both fully qualified with the final dot. */
  public static Map<String, Object> validationRecord(String domain) {
    String base = domain.startsWith("*.") ? domain.substring(2) : domain;
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("name", "_" + hash("name:" + base, 16) + "." + base + ".");
    record.put("type", "CNAME");
    record.put("value", "_" + hash("value:" + base, 16) + ".acm-validations.aws.");
    return record;
  }

  /**
   * Installs Argo CD: creates its namespace {@value #ARGOCD_NAMESPACE} (not owned by platformkit) unless it
   * exists. Sites refuse to apply without it, as on a cluster without Argo CD.
   */
  public SiteWorld installArgoCd() {
    if (kubernetes.get(NAMESPACE, ResourceRef.kubernetes("Namespace", ARGOCD_NAMESPACE)).isEmpty()) {
      kubernetes.create(NAMESPACE, Resource.desired(ResourceRef.kubernetes("Namespace", ARGOCD_NAMESPACE), Map.of(), Map.of(), Map.of()));
    }
    return this;
  }

  /** Catches up with the clock now; also runs before every read of the stores. */
  public synchronized void run() {
    Instant now = clock.instant();
    for (int i = 0; i < clusters.size(); i++) {
      applications(now, i);
    }
    certificates(now);
  }

  private void certificates(Instant now) {
    Map<String, List<String>> users = new HashMap<>();
    for (int i = 0; i < clusters.size(); i++) {
      int index = i;
      for (Resource ingress : clusters.get(i).list(SiteObjects.INGRESS, Map.of(SIMULATED_LABEL, "true"))) {
        String arn = ingress.annotations().get(CERTIFICATE_ANNOTATION);
        if (arn != null) {
          users.computeIfAbsent(arn, a -> new ArrayList<>()).add(loadBalancerArn(ingress.annotations().getOrDefault(GROUP_ANNOTATION, ""), index));
        }
      }
    }
    for (Resource cert : aws.list(SiteObjects.CERTIFICATE, Map.of())) {
      Map<String, Object> status = map(cert.body().get("status"));
      if (status.isEmpty()) {
        status = requested(cert);
      }
      if ("PENDING_VALIDATION".equals(status.get("state"))) {
        if (validated(status)) {
          Instant since = validatedSince.computeIfAbsent(cert.ref(), r -> now);
          if (issuing && !now.isBefore(since.plus(issueDelay))) {
            status.put("state", "ISSUED");
          }
        } else {
          validatedSince.remove(cert.ref());
        }
      }
      List<String> inUse = users.getOrDefault(String.valueOf(status.get("arn")), List.of()).stream().distinct().sorted().toList();
      status.put("inUseBy", inUse);
      if (!status.equals(cert.body().get("status"))) {
        aws.update(SiteObjects.CERTIFICATE, cert, body("status", status));
      }
    }
  }

  private Map<String, Object> requested(Resource cert) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("arn", "arn:aws:acm:" + region + ":" + ACCOUNT + ":certificate/" + uuid(cert.ref().name() + "|" + cert.body()));
    status.put("state", "PENDING_VALIDATION");
    Set<String> domains = new TreeSet<>();
    if (cert.body().get("domainName") instanceof String d) {
      domains.add(d);
    }
    if (cert.body().get("subjectAlternativeNames") instanceof List<?> sans) {
      sans.forEach(s -> domains.add(String.valueOf(s)));
    }
    List<Map<String, Object>> records = new ArrayList<>();
    Set<Object> names = new TreeSet<>();
    for (String d : domains) {
      Map<String, Object> r = validationRecord(d);
      if (names.add(r.get("name"))) {
        records.add(r);
      }
    }
    status.put("validationRecords", records);
    status.put("inUseBy", List.of());
    return status;
  }

  // every validation record exists as a DnsRecord of that name with that value (in any zone)
  private boolean validated(Map<String, Object> status) {
    if (!(status.get("validationRecords") instanceof List<?> records) || records.isEmpty()) {
      return false;
    }
    List<Resource> dns = aws.list(SiteObjects.DNS_RECORD, Map.of());
    for (Object o : records) {
      Map<String, Object> r = map(o);
      String name = trim(String.valueOf(r.get("name")));
      String value = trim(String.valueOf(r.get("value")));
      boolean found = dns.stream().anyMatch(d -> name.equals(trim(String.valueOf(d.body().get("name"))))
          && "CNAME".equals(d.body().get("type")) && d.body().get("records") instanceof List<?> values
          && values.stream().map(v -> trim(String.valueOf(v))).anyMatch(value::equals));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private void applications(Instant now, int index) {
    InMemoryStore kubernetes = clusters.get(index);
    Map<ResourceRef, Instant> appSeen = this.appSeen.get(index);
    Map<String, Resource> ingresses = new HashMap<>();
    for (Resource ingress : kubernetes.list(SiteObjects.INGRESS, Map.of(SIMULATED_LABEL, "true"))) {
      ingresses.put(ingress.ref().namespace() + "/" + ingress.ref().name(), ingress);
    }
    Set<String> live = new TreeSet<>();
    Set<ResourceRef> apps = new java.util.HashSet<>();
    for (Resource app : kubernetes.list(SiteObjects.APPLICATION, Map.of())) {
      String owner = Ownership.ownerOf(app.labels()).orElse("");
      if (!owner.startsWith("site.")) {
        continue;
      }
      apps.add(app.ref());
      // an Application restored Healthy and Synced (a state document) was provisioned before: no new delay
      boolean provisioned = "Healthy".equals(map(map(app.body().get("status")).get("health")).get("status"))
          && "Synced".equals(map(map(app.body().get("status")).get("sync")).get("status"));
      Instant seen = appSeen.computeIfAbsent(app.ref(), r -> provisioned ? now.minus(provisionDelay) : now);
      String namespace = String.valueOf(find(app.body().get("spec"), "namespace", "destination"));
      live.add(namespace + "/" + app.ref().name());
      if (!provisioning || now.isBefore(seen.plus(provisionDelay))) {
        status(kubernetes, app, "Progressing", "OutOfSync");
        continue;
      }
      Object arn = value(app.body().get("spec"), CERTIFICATE_ANNOTATION);
      Object group = value(app.body().get("spec"), GROUP_ANNOTATION);
      String groupName = group == null ? app.ref().name() : group.toString();
      Resource ingress = ingresses.get(namespace + "/" + app.ref().name());
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(GROUP_ANNOTATION, groupName);
      if (arn != null) {
        annotations.put(CERTIFICATE_ANNOTATION, arn.toString());
      }
      Map<String, Object> ingressStatus = Map.of("loadBalancer", Map.of("ingress", List.of(Map.of("hostname", hostname(groupName, index)))));
      if (ingress == null) {
        if (kubernetes.get(NAMESPACE, ResourceRef.kubernetes("Namespace", namespace)).isEmpty()) {
          status(kubernetes, app, "Missing", "OutOfSync"); // Argo CD cannot deploy to a namespace that does not exist
          continue;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(INSTANCE_LABEL, app.ref().name());
        labels.put(SIMULATED_LABEL, "true");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", Map.of("ingressClassName", "alb"));
        ResourceRef ref = ResourceRef.kubernetes("Ingress", namespace, app.ref().name());
        try {
          kubernetes.create(SiteObjects.INGRESS, Resource.desired(ref, labels, annotations, body));
        } catch (NotFoundException e) {
          status(kubernetes, app, "Missing", "OutOfSync");
          continue;
        }
        kubernetes.writeStatus(SiteObjects.INGRESS, ref, ingressStatus);
      } else if (!annotations.equals(withOnly(ingress.annotations(), annotations.keySet()))
          || !Objects.equals(arn == null ? null : arn.toString(), ingress.annotations().get(CERTIFICATE_ANNOTATION))) {
        Set<String> remove = arn == null ? Set.of(CERTIFICATE_ANNOTATION) : Set.of();
        kubernetes.update(SiteObjects.INGRESS, ingress, new ResourceUpdate(Map.of(), Set.of(), annotations, remove, Map.of()));
        kubernetes.writeStatus(SiteObjects.INGRESS, ingress.ref(), ingressStatus);
      }
      status(kubernetes, app, "Healthy", "Synced");
    }
    // the finalizer: an Application's deletion deletes what it deployed, then the finalizer goes
    ingresses.forEach((key, ingress) -> {
      if (!live.contains(key)) {
        kubernetes.delete(SiteObjects.INGRESS, ingress);
      }
    });
    for (ResourceRef ref : appSeen.keySet()) {
      if (!apps.contains(ref) && kubernetes.isBeingDeleted(ref)) {
        kubernetes.removeFinalizer(SiteObjects.APPLICATION, ref, SiteObjects.FINALIZER);
      }
    }
    appSeen.keySet().removeIf(ref -> !apps.contains(ref) && !kubernetes.isBeingDeleted(ref));
  }

  private static void status(InMemoryStore kubernetes, Resource app, String health, String sync) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("health", Map.of("status", health));
    status.put("sync", Map.of("status", sync));
    Object current = app.body().get("status");
    if (current instanceof Map<?, ?> m && health.equals(map(m.get("health")).get("status")) && sync.equals(map(m.get("sync")).get("status"))) {
      return;
    }
    kubernetes.writeStatus(SiteObjects.APPLICATION, app.ref(), status);
  }

  private String loadBalancerArn(String group, int index) {
    return "arn:aws:elasticloadbalancing:" + region + ":" + ACCOUNT + ":loadbalancer/app/" + group + "/"
        + hash(index == 0 ? group : group + "#" + index, 8);
  }

  private static Map<String, String> withOnly(Map<String, String> map, Set<String> keys) {
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach(k -> {
      if (map.containsKey(k)) {
        out.put(k, map.get(k));
      }
    });
    return out;
  }

  // a Helm value set as a tree (valuesObject) or inside a values string ("key: value")
  private static Object value(Object spec, String key) {
    Object found = find(spec, key, null);
    if (found != null) {
      return found;
    }
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(key) + "\"?\\s*:\\s*\"?([^\"\\s,}]+)");
    return strings(spec).stream().map(p::matcher).filter(java.util.regex.Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
  }

  private static List<String> strings(Object tree) {
    List<String> out = new ArrayList<>();
    if (tree instanceof Map<?, ?> m) {
      m.values().forEach(v -> out.addAll(strings(v)));
    } else if (tree instanceof List<?> l) {
      l.forEach(v -> out.addAll(strings(v)));
    } else if (tree instanceof String str) {
      out.add(str);
    }
    return out;
  }

  // the value of the first key named key anywhere in tree (under parent when given)
  private static Object find(Object tree, String key, String parent) {
    if (tree instanceof Map<?, ?> m) {
      if (parent != null && m.get(parent) instanceof Map<?, ?> p && p.containsKey(key)) {
        return p.get(key);
      }
      if (parent == null && m.containsKey(key)) {
        return m.get(key);
      }
      for (Object v : m.values()) {
        Object found = find(v, key, parent);
        if (found != null) {
          return found;
        }
      }
    } else if (tree instanceof List<?> l) {
      for (Object v : l) {
        Object found = find(v, key, parent);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static ResourceUpdate body(String field, Object value) {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put(field, value);
    return new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), patch);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
  }

  private static String trim(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static String uuid(String seed) {
    String h = hash(seed, 16);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20, 32);
  }

  private static String hash(String s, int bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
