package dev.platformkit.tenant;

import dev.platformkit.Ownership;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Renders a {@link Tenant} into the objects it becomes, in the neutral form the stores hold. */
final class TenantObjects {
  static final String PREFIX = "platformkit";
  static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  static final String AWS_AUTH_NAMESPACE = "kube-system";
  static final String PREVENT_DELETION = "platformkit.dev/prevent-deletion";

  /** The aws-auth entries (rows of {@code mapRoles} in {@code kube-system/aws-auth}), held by the Kubernetes backend. */
  static final Kind AWS_AUTH_MAPPING = new Kind(ResourceRef.KUBERNETES, "AwsAuthMapping", null, null, true,
      List.of("rolearn", "username", "groups"), false);

  /** Every kind a tenant may own, in creation order: the one list stores and engine take them from. */
  static final List<Kind> KINDS = List.of(
      Kind.kubernetes("v1", "Namespace", "namespaces", false),
      Kind.kubernetes("v1", "ResourceQuota", "resourcequotas", true, "spec").withQuantities(),
      Kind.kubernetes("v1", "LimitRange", "limitranges", true, "spec").withQuantities(),
      Kind.kubernetes("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true, "spec"),
      Kind.kubernetes("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true, "roleRef", "subjects"),
      AWS_AUTH_MAPPING,
      Kind.aws("AccessEntry"));

  private TenantObjects() {}

  static List<Resource> render(Tenant t, IamAccess iamAccess) {
    List<Resource> out = new ArrayList<>();
    List<String> namespaces = t.effectiveNamespaces().stream().map(Namespace::name).toList();
    for (Namespace ns : t.effectiveNamespaces()) {
      out.add(namespace(t, ns));
      Map<String, String> quota = t.quotaFor(ns);
      if (!quota.isEmpty()) {
        out.add(child(t, "ResourceQuota", ns.name(), PREFIX, Map.of("spec", Map.of("hard", quota))));
      }
      t.limits().filter(l -> !l.isEmpty()).ifPresent(l ->
          out.add(child(t, "LimitRange", ns.name(), PREFIX, Map.of("spec", Map.of("limits", List.of(limitItem(l)))))));
      out.addAll(networkPolicies(t, ns.name()));
      out.addAll(roleBindings(t, ns.name(), namespaces, iamAccess));
    }
    for (Member m : t.members()) {
      if (m.kind() != MemberKind.IamRole) {
        continue;
      }
      if (iamAccess == IamAccess.AWS_AUTH_CONFIGMAP) {
        String roleArn = withoutPath(m.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rolearn", roleArn);
        body.put("username", "platformkit:" + t.name() + ":{{SessionName}}");
        body.put("groups", List.of(awsAuthGroup(t, m.role())));
        out.add(Resource.desired(ResourceRef.kubernetes("AwsAuthMapping", AWS_AUTH_NAMESPACE, roleArn),
            labels(t), Map.of(), body));
      } else {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("type", "namespace");
        scope.put("namespaces", List.copyOf(new TreeSet<>(namespaces)));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("policyArn", m.role().eksPolicyArn(partition(m.name())));
        policy.put("accessScope", scope);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "STANDARD");
        body.put("accessPolicies", List.of(policy));
        Map<String, String> tags = Ownership.tags(t.owner());
        tags.put(Ownership.TENANT_TAG, t.name());
        out.add(Resource.desired(ResourceRef.aws("AccessEntry", m.name()), tags, Map.of(), body));
      }
    }
    return out;
  }

  /** The partition of an ARN: {@code aws}, {@code aws-cn}, {@code aws-us-gov}. */
  static String partition(String arn) {
    return arn.split(":", 3)[1];
  }

  /**
   * The role ARN without its path ({@code role/teams/x} becomes {@code role/x}): aws-auth matches the ARN
   * of the assumed role, which carries no path, so an entry with one never takes effect.
   */
  static String withoutPath(String roleArn) {
    int role = roleArn.indexOf(":role/");
    int last = roleArn.lastIndexOf('/');
    return role < 0 || last <= role + 5 ? roleArn : roleArn.substring(0, role + 6) + roleArn.substring(last + 1);
  }

  /** The Kubernetes group an IAM role of the tenant is mapped to in aws-auth mode. */
  static String awsAuthGroup(Tenant t, Role role) {
    return "platformkit:" + t.name() + ":" + role.clusterRole();
  }

  private static Map<String, String> labels(Tenant t) {
    Map<String, String> labels = Ownership.labels(t.owner());
    labels.put(Ownership.TENANT_LABEL, t.name());
    return labels;
  }

  private static Resource namespace(Tenant t, Namespace ns) {
    Map<String, String> labels = labels(t);
    labels.putAll(t.labels());
    labels.putAll(ns.labels());
    PodSecurity ps = t.podSecurity();
    String psa = "pod-security.kubernetes.io/";
    labels.put(psa + "enforce", ps.enforce().label());
    labels.put(psa + "enforce-version", ps.version());
    labels.put(psa + "warn", ps.warn().label());
    labels.put(psa + "warn-version", ps.version());
    labels.put(psa + "audit", ps.audit().label());
    labels.put(psa + "audit-version", ps.version());
    Map<String, String> annotations = new LinkedHashMap<>(ns.annotations());
    if (t.preventDeletion()) {
      // kept on the cluster, so that a spec edited to false cannot delete without an apply first
      annotations.put(PREVENT_DELETION, "true");
    }
    if (!t.hostnames().isEmpty()) {
      // what Sites read to check a site's hosts against its tenant, without the Tenant spec at hand
      annotations.put(Tenant.HOSTNAMES_ANNOTATION, String.join(",", t.hostnames()));
    }
    return Resource.desired(ResourceRef.kubernetes("Namespace", ns.name()), labels, annotations, Map.of());
  }

  private static Resource child(Tenant t, String kind, String namespace, String name, Map<String, Object> body) {
    return Resource.desired(ResourceRef.kubernetes(kind, namespace, name), labels(t), Map.of(), body);
  }

  // Rendered as the API server defaults it, so that a real cluster reads back what we wrote and a
  // re-apply stays a no-op.
  private static Map<String, Object> limitItem(ContainerLimits l) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "Container");
    putIfAny(item, "default", l.effectiveDefaultLimit());
    putIfAny(item, "defaultRequest", l.effectiveDefaultRequest());
    putIfAny(item, "max", l.max());
    putIfAny(item, "min", l.min());
    return item;
  }

  private static void putIfAny(Map<String, Object> map, String key, Map<String, String> value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }

  private static List<Resource> networkPolicies(Tenant t, String ns) {
    NetworkIsolation n = t.network();
    if (!n.defaultDeny()) {
      return List.of();
    }
    List<Resource> out = new ArrayList<>();
    out.add(child(t, "NetworkPolicy", ns, PREFIX + "-default-deny",
        Map.of("spec", policy(List.of("Ingress", "Egress"), null, null))));
    if (n.allowSameTenant()) {
      // tenants cannot label namespaces (they hold namespaced roles only), so the tenant label is trustworthy
      Map<String, Object> peer = Map.of("namespaceSelector", matchLabels(Ownership.TENANT_LABEL, t.name()));
      out.add(child(t, "NetworkPolicy", ns, PREFIX + "-allow-same-tenant",
          Map.of("spec", policy(List.of("Ingress", "Egress"), List.of(Map.of("from", List.of(peer))),
              List.of(Map.of("to", List.of(peer)))))));
    }
    if (n.allowDnsEgress()) {
      // kubernetes.io/metadata.name is set by the API server and cannot be spoofed
      Map<String, Object> dns = new LinkedHashMap<>();
      dns.put("namespaceSelector", matchLabels("kubernetes.io/metadata.name", "kube-system"));
      dns.put("podSelector", matchLabels("k8s-app", "kube-dns"));
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("to", List.of(dns));
      rule.put("ports", List.of(port("UDP", 53), port("TCP", 53)));
      out.add(child(t, "NetworkPolicy", ns, PREFIX + "-allow-dns",
          Map.of("spec", policy(List.of("Egress"), null, List.of(rule)))));
    }
    for (String from : n.allowFrom()) {
      Map<String, Object> peer = Map.of("namespaceSelector", matchLabels("kubernetes.io/metadata.name", from));
      out.add(child(t, "NetworkPolicy", ns, PREFIX + "-allow-from-" + from,
          Map.of("spec", policy(List.of("Ingress"), List.of(Map.of("from", List.of(peer))), null))));
    }
    return out;
  }

  private static Map<String, Object> policy(List<String> types, List<Object> ingress, List<Object> egress) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("podSelector", Map.of());
    spec.put("policyTypes", types);
    if (ingress != null) {
      spec.put("ingress", ingress);
    }
    if (egress != null) {
      spec.put("egress", egress);
    }
    return spec;
  }

  private static Map<String, Object> matchLabels(String key, String value) {
    return Map.of("matchLabels", Map.of(key, value));
  }

  private static Map<String, Object> port(String protocol, int port) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("protocol", protocol);
    p.put("port", port);
    return p;
  }

  // One RoleBinding per role: roleRef is immutable on a real API server, so a member changing role moves
  // between bindings instead of rewriting a roleRef.
  private static List<Resource> roleBindings(Tenant t, String ns, List<String> namespaces, IamAccess iamAccess) {
    List<Resource> out = new ArrayList<>();
    for (Role role : Role.values()) {
      List<Object> subjects = new ArrayList<>();
      boolean iamGroup = false;
      for (Member m : t.members()) {
        if (m.role() != role) {
          continue;
        }
        switch (m.kind()) {
          case User, Group -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", m.kind().name());
            s.put("apiGroup", RBAC_GROUP);
            s.put("name", m.name());
            subjects.add(s);
          }
          case ServiceAccount -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", "ServiceAccount");
            s.put("name", m.name());
            s.put("namespace", m.namespace().orElse(namespaces.get(0)));
            subjects.add(s);
          }
          case IamRole -> iamGroup |= iamAccess == IamAccess.AWS_AUTH_CONFIGMAP;
        }
      }
      if (iamGroup) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "Group");
        s.put("apiGroup", RBAC_GROUP);
        s.put("name", awsAuthGroup(t, role));
        subjects.add(s);
      }
      if (subjects.isEmpty()) {
        continue;
      }
      Map<String, Object> roleRef = new LinkedHashMap<>();
      roleRef.put("apiGroup", RBAC_GROUP);
      roleRef.put("kind", "ClusterRole");
      roleRef.put("name", role.clusterRole());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("roleRef", roleRef);
      body.put("subjects", subjects);
      out.add(child(t, "RoleBinding", ns, PREFIX + "-" + role.clusterRole(), body));
    }
    return out;
  }
}
