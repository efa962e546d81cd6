package dev.platformkit.testkit.assertions;

import dev.platformkit.Ownership;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.apiserver.KubeQuantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one tenant as the platform holds it: the namespaces labelled with it
 * ({@code platformkit.dev/tenant}), their ResourceQuota {@code platformkit}, their RoleBindings, and its
 * EKS access entries. Checks of "every namespace" fail when the tenant has none.
 */
public class TenantAssert extends AbstractAssert<TenantAssert, InMemoryPlatform> {
  private final String tenant;

  /** Assertions on the tenant {@code tenant} of {@code actual}. */
  protected TenantAssert(InMemoryPlatform actual, String tenant) {
    super(actual, TenantAssert.class);
    this.tenant = tenant;
  }

  /** The names of the tenant's namespaces, sorted. */
  public List<String> namespaces() {
    return actual.kubernetes().all().stream()
        .filter(r -> r.ref().kind().equals("Namespace") && tenant.equals(r.labels().get(Ownership.TENANT_LABEL)))
        .map(r -> r.ref().name()).sorted().toList();
  }

  /** Checks that the tenant's namespaces are exactly {@code names} (in any order); none for no names. */
  public TenantAssert hasNamespaces(String... names) {
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(names));
    List<String> found = namespaces();
    if (!new TreeSet<>(found).equals(expected)) {
      TreeSet<String> missing = new TreeSet<>(expected);
      missing.removeAll(found);
      TreeSet<String> unexpected = new TreeSet<>(found);
      unexpected.removeAll(expected);
      failWithMessage("Expecting tenant %s to have the namespaces %s, but it has %s%s%s", tenant, expected,
          found.isEmpty() ? "none" : found, missing.isEmpty() ? "" : "; missing: " + missing,
          unexpected.isEmpty() ? "" : "; not expected: " + unexpected);
    }
    return this;
  }

  /**
   * Checks that in each of the tenant's namespaces the quota {@code resource} ({@code requests.cpu},
   * {@code pods}) is {@code quantity}, compared as Kubernetes quantities ({@code 1} equals {@code 1000m}).
   */
  public TenantAssert hasQuota(String resource, String quantity) {
    List<String> problems = new ArrayList<>();
    for (String ns : requireNamespaces("a quota")) {
      quotaProblem(ns, resource, quantity).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      failWithMessage("Expecting tenant %s to have the quota %s=%s in every namespace, but %s", tenant, resource,
          quantity, String.join("; ", problems));
    }
    return this;
  }

  /** Checks that in {@code namespace} (one of the tenant's) the quota {@code resource} is {@code quantity}. */
  public TenantAssert hasQuotaIn(String namespace, String resource, String quantity) {
    requireNamespace(namespace);
    quotaProblem(namespace, resource, quantity).ifPresent(p ->
        failWithMessage("Expecting tenant %s to have the quota %s=%s in %s, but %s", tenant, resource, quantity, namespace, p));
    return this;
  }

  private Optional<String> quotaProblem(String ns, String resource, String quantity) {
    BigDecimal want = KubeQuantity.value(quantity);
    Optional<Resource> quota = get(ResourceRef.kubernetes("ResourceQuota", ns, "platformkit"));
    if (quota.isEmpty()) {
      return Optional.of(ns + " has no ResourceQuota platformkit");
    }
    Object hard = ResourceAssert.at(quota.get().body(), "spec.hard");
    Object value = hard instanceof Map<?, ?> m ? m.get(resource) : null;
    if (value == null) {
      return Optional.of(ns + " has no " + resource + " in its quota (" + hard + ")");
    }
    return KubeQuantity.isValid(value.toString()) && KubeQuantity.value(value.toString()).compareTo(want) == 0
        ? Optional.empty() : Optional.of(ns + " has " + resource + "=" + value);
  }

  /**
   * Checks that in each of the tenant's namespaces the RoleBinding {@code binding} ({@code platformkit-edit})
   * binds at least {@code subjects}, written {@code group:NAME}, {@code user:NAME} or
   * {@code serviceaccount:NAMESPACE/NAME} (the kind in any case).
   */
  public TenantAssert hasBinding(String binding, String... subjects) {
    List<String> expected = Arrays.stream(subjects).map(TenantAssert::normalise).toList();
    List<String> problems = new ArrayList<>();
    for (String ns : requireNamespaces("RoleBindings")) {
      Optional<Resource> rb = get(ResourceRef.kubernetes("RoleBinding", ns, binding));
      if (rb.isEmpty()) {
        problems.add(ns + " has no RoleBinding " + binding);
        continue;
      }
      List<String> bound = subjects(rb.get());
      if (!bound.containsAll(expected)) {
        problems.add(ns + " binds " + bound);
      }
    }
    if (!problems.isEmpty()) {
      failWithMessage("Expecting tenant %s to have the RoleBinding %s binding %s in every namespace, but %s", tenant,
          binding, expected, String.join("; ", problems));
    }
    return this;
  }

  /** Checks that none of the tenant's namespaces has the RoleBinding {@code binding}. */
  public TenantAssert hasNoBinding(String binding) {
    List<String> with = namespaces().stream()
        .filter(ns -> get(ResourceRef.kubernetes("RoleBinding", ns, binding)).isPresent()).toList();
    if (!with.isEmpty()) {
      failWithMessage("Expecting tenant %s to have no RoleBinding %s, but it is in %s", tenant, binding, with);
    }
    return this;
  }

  /** Checks that the tenant has an EKS access entry for {@code principalArn} (an IamRole member). */
  public TenantAssert hasAccessEntry(String principalArn) {
    List<String> entries = actual.aws().all().stream()
        .filter(r -> r.ref().kind().equals("AccessEntry") && tenant.equals(r.labels().get(Ownership.TENANT_TAG)))
        .map(r -> r.ref().name()).toList();
    if (!entries.contains(principalArn)) {
      failWithMessage("Expecting tenant %s to have an EKS access entry for %s, but its access entries are %s", tenant,
          principalArn, entries.isEmpty() ? "none" : entries);
    }
    return this;
  }

  private List<String> requireNamespaces(String what) {
    isNotNull();
    List<String> namespaces = namespaces();
    if (namespaces.isEmpty()) {
      failWithMessage("Expecting tenant %s to have %s, but it has no namespaces (none is labelled %s=%s)", tenant, what,
          Ownership.TENANT_LABEL, tenant);
    }
    return namespaces;
  }

  private void requireNamespace(String namespace) {
    List<String> namespaces = requireNamespaces("the namespace " + namespace);
    if (!namespaces.contains(namespace)) {
      failWithMessage("Expecting %s to be a namespace of tenant %s, but its namespaces are %s", namespace, tenant, namespaces);
    }
  }

  private Optional<Resource> get(ResourceRef ref) {
    return actual.kubernetes().all().stream().filter(r -> r.ref().equals(ref)).findFirst();
  }

  private static List<String> subjects(Resource binding) {
    List<String> out = new ArrayList<>();
    if (binding.body().get("subjects") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> s) {
          String kind = String.valueOf(s.get("kind")).toLowerCase(Locale.ROOT);
          out.add(kind + ":" + (s.get("namespace") == null ? "" : s.get("namespace") + "/") + s.get("name"));
        }
      }
    }
    return out;
  }

  private static String normalise(String subject) {
    int colon = subject.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("subject \"" + subject + "\": write it as group:NAME, user:NAME or"
          + " serviceaccount:NAMESPACE/NAME");
    }
    return subject.substring(0, colon).toLowerCase(Locale.ROOT) + subject.substring(colon);
  }
}
