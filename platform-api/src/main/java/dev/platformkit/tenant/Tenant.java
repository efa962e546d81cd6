package dev.platformkit.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.Ownership;
import dev.platformkit.internal.Checks;
import dev.platformkit.internal.PlatformStyle;
import dev.platformkit.internal.Quantity;
import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * A team on a shared cluster: its namespaces, who may do what in them, how much they may use, how
 * they are isolated on the network, and which host names its sites may use.
 *
 * <pre>{@code
 * Tenant payments = Tenant.builder()
 *     .name("payments")
 *     .putLabels("cost-center", "cc-1234")
 *     .addNamespaces(Namespace.of("payments-dev"), Namespace.of("payments-stage"))
 *     .addMembers(Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build())
 *     .putQuota("requests.cpu", "8").putQuota("limits.memory", "32Gi")
 *     .build();
 * }</pre>
 *
 * <p>{@code build()} checks everything at once and throws a {@link dev.platformkit.ValidationException}
 * listing every violation with its field path (names as in the spec document). The parts
 * ({@link Namespace}, {@link Member}, ...) are checked as part of the tenant.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableTenant.class)
@JsonDeserialize(as = ImmutableTenant.class)
public abstract class Tenant implements Serializable, WithTenant {
  // only the generated implementation extends it: no subclass can skip validation
  Tenant() {}

  private static final long serialVersionUID = 1L;

  /** The longest tenant name: the owner label {@code tenant.<name>} must fit in 63 characters. */
  public static final int MAX_NAME_LENGTH = 56; // 63 - "tenant.".length()

  private static final Pattern IAM_ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern RESOURCE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9._/]*[a-z0-9])?");
  private static final Set<String> LIMIT_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
  private static final Set<String> COUNTED = Set.of("pods", "services", "replicationcontrollers", "resourcequotas",
      "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers");
  private static final Set<String> QUOTA_RESOURCES = union(COUNTED, Set.of("cpu", "memory", "ephemeral-storage",
      "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
      "limits.cpu", "limits.memory", "limits.ephemeral-storage"));
  // built-in groups and users that stand for (nearly) everyone: binding them would open the tenant to all
  private static final Set<String> BROAD_SUBJECTS = Set.of("system:anonymous", "system:unauthenticated",
      "system:authenticated", "system:serviceaccounts", "system:masters", "system:nodes");
  private static final Set<String> TRACKING_ANNOTATIONS = Set.of("platformkit.dev/managed-labels", "platformkit.dev/managed-annotations");

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
  private static final List<String> RESERVED_LABEL_PREFIXES = List.of(
      "platformkit.dev/", "app.kubernetes.io/managed-by", "pod-security.kubernetes.io/", "kubernetes.io/metadata.name");

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this tenant's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** The tenant name: a DNS-1123 label of at most {@value #MAX_NAME_LENGTH} characters. Required. */
  public abstract String name();

  /** Labels put on every namespace of the tenant, such as {@code cost-center}. */
  public abstract Map<String, String> labels();

  /** The namespaces; when empty, one namespace named after the tenant. See {@link #effectiveNamespaces()}. */
  public abstract List<Namespace> namespaces();

  /** Who gets which role in every namespace of the tenant. */
  public abstract List<Member> members();

  /**
   * The ResourceQuota of every namespace: Kubernetes resource names ({@code requests.cpu},
   * {@code limits.memory}, {@code pods}, {@code requests.storage}, {@code services.loadbalancers},
   * {@code count/deployments.apps}, ...) to quantities. Empty: no ResourceQuota.
   */
  public abstract Map<String, String> quota();

  /** Container defaults and bounds (a LimitRange in every namespace). */
  public abstract Optional<ContainerLimits> limits();

  /** Network isolation. Default: {@link NetworkIsolation#defaults()}. */
  @Value.Default
  public NetworkIsolation network() {
    return NetworkIsolation.defaults();
  }

  /** Pod Security Admission levels. Default: {@link PodSecurity#defaults()}. */
  @Value.Default
  public PodSecurity podSecurity() {
    return PodSecurity.defaults();
  }

  /**
   * The annotation on each of the tenant's namespaces that lists {@link #hostnames()}, comma-separated: how
   * {@code Sites} learn which hosts a tenant allows from the cluster, as applied, without the Tenant spec.
   */
  public static final String HOSTNAMES_ANNOTATION = "platformkit.dev/hostnames";

  /**
   * Whether {@code host} is allowed by {@code hostnames} (exact, or one level under a {@code *.} wildcard),
   * the rule of {@link #allowsHost(String)}.
   */
  public static boolean allows(List<String> hostnames, String host) {
    for (String allowed : hostnames) {
      if (allowed.equals(host)) {
        return true;
      }
      if (allowed.startsWith("*.")) {
        String suffix = allowed.substring(1);
        if (host.endsWith(suffix) && host.indexOf('.') == host.length() - suffix.length()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Host names the tenant's Sites may use: exact names and {@code *.} wildcards. */
  public abstract List<String> hostnames();

  /** When true, no plan will delete the tenant's namespaces (removing one from the spec is an error). */
  @Value.Default
  public boolean preventDeletion() {
    return false;
  }

  /** The namespaces as applied: {@link #namespaces()}, or one named after the tenant when none are listed. */
  @JsonIgnore
  @Value.Derived
  public List<Namespace> effectiveNamespaces() {
    if (!namespaces().isEmpty() || name() == null) {
      return namespaces();
    }
    return List.of(Namespace.of(name()));
  }

  /** The owner value on everything made for this tenant: {@code tenant.<name>}. */
  @JsonIgnore
  public String owner() {
    return Ownership.owner("Tenant", name());
  }

  /** The quota of one namespace: the tenant-wide quota with the namespace's own entries on top. */
  public Map<String, String> quotaFor(Namespace namespace) {
    Map<String, String> merged = new LinkedHashMap<>(quota());
    merged.putAll(namespace.quota());
    return merged;
  }

  /** Whether a site host name is allowed by {@link #hostnames()} (exact, or one level under a wildcard). */
  public boolean allowsHost(String host) {
    return allows(hostnames(), host);
  }

  @Value.Check
  protected void check() {
    Checks c = new Checks("Tenant" + (name() == null ? "" : " " + name()));
    c.dnsLabel("name", name(), MAX_NAME_LENGTH);
    c.labels("labels", labels());
    reserved(c, "labels", labels());

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < namespaces().size(); i++) {
      Namespace ns = namespaces().get(i);
      String p = "namespaces[" + i + "]";
      if (c.dnsLabel(p + ".name", ns.name(), 63) && !seen.add(ns.name())) {
        c.add(p + ".name", "namespace \"" + ns.name() + "\" is listed twice");
      }
      c.labels(p + ".labels", ns.labels());
      reserved(c, p + ".labels", ns.labels());
      c.annotations(p + ".annotations", ns.annotations());
      ns.annotations().keySet().stream().filter(TRACKING_ANNOTATIONS::contains).forEach(k -> c.add(
          p + ".annotations[\"" + k + "\"]", "annotation \"" + k + "\" is set by platformkit and cannot be given in a spec"));
      quota(c, p + ".quota", ns.quota());
    }

    Set<String> memberKeys = new HashSet<>();
    for (int i = 0; i < members().size(); i++) {
      member(c, "members[" + i + "]", members().get(i), memberKeys);
    }

    quota(c, "quota", quota());
    limits().ifPresent(l -> limits(c, "limits", l));
    // defaulted parts can still be set to null explicitly (`network: null` in a spec)
    if (c.required("network", network())) {
      Set<String> from = new HashSet<>();
      for (int i = 0; i < network().allowFrom().size(); i++) {
        String ns = network().allowFrom().get(i);
        if (c.dnsLabel("network.allowFrom[" + i + "]", ns, 63) && !from.add(ns)) {
          c.add("network.allowFrom[" + i + "]", "\"" + ns + "\" is listed twice");
        }
      }
      if (!network().defaultDeny() && !network().allowFrom().isEmpty()) {
        c.add("network.allowFrom", "has no effect without defaultDeny: everything may reach the tenant already");
      }
    }
    if (c.required("podSecurity", podSecurity())) {
      c.required("podSecurity.enforce", podSecurity().enforce());
      c.required("podSecurity.warn", podSecurity().warn());
      c.required("podSecurity.audit", podSecurity().audit());
      if (c.required("podSecurity.version", podSecurity().version()) && !podSecurity().version().matches("latest|v1\\.[0-9]+")) {
        c.add("podSecurity.version", "\"" + podSecurity().version() + "\" is not a Pod Security version (latest or v1.<minor>)");
      }
    }
    Set<String> hosts = new HashSet<>();
    for (int i = 0; i < hostnames().size(); i++) {
      String h = hostnames().get(i);
      if (c.hostname("hostnames[" + i + "]", h, true) && !hosts.add(h)) {
        c.add("hostnames[" + i + "]", "\"" + h + "\" is listed twice");
      }
    }
    c.throwIfAny();
  }

  private static void reserved(Checks c, String path, Map<String, String> labels) {
    for (String key : labels.keySet()) {
      for (String prefix : RESERVED_LABEL_PREFIXES) {
        if (key.startsWith(prefix)) {
          c.add(path + "[\"" + key + "\"]", "label \"" + key + "\" is set by platformkit and cannot be given in a spec");
        }
      }
    }
  }

  private static void member(Checks c, String p, Member m, Set<String> keys) {
    c.required(p + ".kind", m.kind());
    if (!c.required(p + ".name", m.name())) {
      return;
    }
    if (m.name().isBlank()) {
      c.add(p + ".name", "must not be blank");
    } else if ((m.kind() == MemberKind.User || m.kind() == MemberKind.Group) && BROAD_SUBJECTS.contains(m.name())) {
      c.add(p + ".name", "\"" + m.name() + "\" stands for everyone of its kind on the cluster; name the people or groups instead");
    } else if (m.kind() == MemberKind.IamRole && !IAM_ROLE_ARN.matcher(m.name()).matches()) {
      c.add(p + ".name", "\"" + m.name() + "\" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
    } else if (m.kind() == MemberKind.ServiceAccount) {
      c.dnsSubdomain(p + ".name", m.name());
    }
    if (m.kind() == MemberKind.ServiceAccount) {
      m.namespace().ifPresent(ns -> c.dnsLabel(p + ".namespace", ns, 63));
    } else if (m.namespace().isPresent()) {
      c.add(p + ".namespace", "only a ServiceAccount member has a namespace");
    }
    c.required(p + ".role", m.role());
    if (m.kind() != null && !keys.add(m.kind() + "/" + m.namespace().orElse("") + "/" + m.name())) {
      c.add(p, m.kind() + " \"" + m.name() + "\" is listed twice; give each member one role");
    }
  }

  // what the API server accepts in a ResourceQuota: the standard names, hugepages, and qualified names
  // (count/deployments.apps, requests.nvidia.com/gpu, <class>.storageclass.storage.k8s.io/requests.storage)
  private static void quota(Checks c, String path, Map<String, String> quota) {
    quota.forEach((k, v) -> {
      String p = path + "[\"" + k + "\"]";
      boolean known = k.contains("/") ? k.length() <= 253 && RESOURCE_NAME.matcher(k).matches()
          : QUOTA_RESOURCES.contains(k) || k.matches("(requests\\.|limits\\.)?hugepages-[0-9]+[KMG]i");
      if (!known) {
        String near = QUOTA_RESOURCES.stream().filter(q -> q.startsWith(k) || k.startsWith(q)).findFirst().orElse(null);
        c.add(p, "\"" + k + "\" is not a quota resource (such as requests.cpu, limits.memory, pods, count/deployments.apps)"
            + (near != null ? "; did you mean \"" + near + "\"?" : ""));
      }
      if (c.quantity(p, v) && isCount(k) && Quantity.parse(v).stripTrailingZeros().scale() > 0) {
        c.add(p, "\"" + v + "\" is not a whole number, and " + k + " counts objects");
      }
    });
  }

  private static boolean isCount(String resource) {
    return COUNTED.contains(resource) || resource.startsWith("count/") || resource.endsWith("/persistentvolumeclaims");
  }

  private static void limits(Checks c, String path, ContainerLimits l) {
    Map<String, Map<String, String>> parts = new LinkedHashMap<>();
    parts.put("defaultRequest", l.defaultRequest());
    parts.put("defaultLimit", l.defaultLimit());
    parts.put("max", l.max());
    parts.put("min", l.min());
    boolean allValid = true;
    for (Map.Entry<String, Map<String, String>> part : parts.entrySet()) {
      for (Map.Entry<String, String> e : part.getValue().entrySet()) {
        String p = path + "." + part.getKey() + "[\"" + e.getKey() + "\"]";
        if (!LIMIT_RESOURCES.contains(e.getKey())) {
          c.add(p, "\"" + e.getKey() + "\" is not a container resource (cpu, memory or ephemeral-storage)");
        }
        allValid &= c.quantity(p, e.getValue());
      }
    }
    if (!allValid) {
      return;
    }
    // the API server rejects a LimitRange whose bounds contradict each other once defaulted; say so here
    Map<String, String> defaultRequest = l.effectiveDefaultRequest();
    Map<String, String> defaultLimit = l.effectiveDefaultLimit();
    for (String r : LIMIT_RESOURCES) {
      // one report per field and resource: the most direct contradiction first
      Set<String> reported = new HashSet<>();
      bound(c, path, reported, "min", l.min().get(r), "max", l.max().get(r), true, r);
      bound(c, path, reported, "defaultLimit", defaultLimit.get(r), "max", l.max().get(r), true, r);
      bound(c, path, reported, "defaultRequest", defaultRequest.get(r), "defaultLimit", defaultLimit.get(r), l.defaultLimit().containsKey(r), r);
      bound(c, path, reported, "min", l.min().get(r), "defaultRequest", defaultRequest.get(r), l.defaultRequest().containsKey(r), r);
    }
  }

  // reported at the lower field; a defaulted upper value says so, since the user did not write it
  private static void bound(Checks c, String path, Set<String> reported, String lowName, String low, String highName,
      String high, boolean highGiven, String r) {
    if (low != null && high != null && !reported.contains(lowName) && Quantity.parse(low).compareTo(Quantity.parse(high)) > 0) {
      reported.add(lowName);
      c.add(path + "." + lowName + "[\"" + r + "\"]", low + " is more than " + highName + " " + high
          + (highGiven ? "" : " (as the API server defaults it)"));
    }
  }

  /** Builds {@link Tenant}s. */
  public static class Builder extends ImmutableTenant.Builder {}
}
