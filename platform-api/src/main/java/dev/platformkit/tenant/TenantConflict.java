package dev.platformkit.tenant;

import dev.platformkit.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A rule that tenants taken together break although each one is valid on its own: one tenant name
 * given twice, one namespace claimed by two tenants, one IAM role given twice. These are all the
 * cross-tenant rules that need no backend; they are checked both when specs are read together
 * ({@link dev.platformkit.spec.SpecReader}, with the file, line and column of both places) and when
 * tenants are planned together ({@link Tenants#plan(java.util.Collection)}). Between them they also
 * keep two tenants from rendering the same object: every namespaced object a tenant renders lives in
 * one of its namespaces, and its access entries or aws-auth mappings are named by its IAM roles.
 *
 * <pre>{@code
 * for (TenantConflict c : TenantConflict.find(tenants, EnumSet.of(IamAccess.ACCESS_ENTRIES))) {
 *   System.out.println(tenants.get(c.tenant()).name() + " " + c.violation());
 * }
 * }</pre>
 *
 * <p>Each conflict is reported once, at the later of the two places (in list order); {@link #other()}
 * and {@link #otherPath()} say where the earlier one is. Instances are immutable.
 */
public final class TenantConflict {
  private static final String ONE_MAPPING = "an IAM role gets one mapping per cluster, so give it to one tenant with one role";
  private static final String PATHLESS = "aws-auth matches roles without their path and case, and IAM role names are unique"
      + " in an account whatever both: these name one role, and " + ONE_MAPPING;

  private final int tenant;
  private final String path;
  private final int other;
  private final String otherPath;
  private final String message;
  // the message naming where the other place is: locatedHead + " (" + location + ")" + locatedTail
  private final String locatedHead;
  private final String locatedTail;

  private TenantConflict(int tenant, String path, int other, String otherPath, String message,
      String locatedHead, String locatedTail) {
    this.tenant = tenant;
    this.path = path;
    this.other = other;
    this.otherPath = otherPath;
    this.message = message;
    this.locatedHead = locatedHead;
    this.locatedTail = locatedTail;
  }

  /**
   * Every conflict among {@code tenants}, in list order.
   *
   * <p>IAM roles: a role given twice with the exact same ARN is a conflict in every mode. When
   * {@code modes} holds {@link IamAccess#AWS_AUTH_CONFIGMAP}, ARNs that differ only in their path or
   * case are one role too, since aws-auth matches roles without path and case. The spec reader does
   * not know the mode the specs will be applied in, so it passes every mode and reports both kinds of
   * clash: such ARNs fail in aws-auth mode, and in access-entries mode they still cannot name two roles,
   * since IAM role names are unique in an account whatever their path and case. {@link Tenants} passes
   * the one mode it plans in.
   *
   * @param tenants the tenants taken together (each already valid on its own)
   * @param modes the IAM access modes the tenants must work in; not empty
   */
  public static List<TenantConflict> find(List<Tenant> tenants, Set<IamAccess> modes) {
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("modes must name at least one IamAccess mode");
    }
    boolean pathless = modes.contains(IamAccess.AWS_AUTH_CONFIGMAP);
    List<TenantConflict> out = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<String, Place> namespaces = new HashMap<>();
    Map<String, Place> exactRoles = new HashMap<>();
    Map<String, Place> pathlessRoles = new HashMap<>();
    for (int i = 0; i < tenants.size(); i++) {
      Tenant t = tenants.get(i);
      Integer sameName = names.putIfAbsent(t.name(), i);
      if (sameName != null) {
        String name = "tenant \"" + t.name() + "\" is ";
        out.add(new TenantConflict(i, "name", sameName, "name", name + "given twice", name + "also given", ""));
      }
      // a tenant without namespaces gets one named after it, which its metadata.name stands for
      String defaultPath = t.namespaces().isEmpty() ? "name" : null;
      List<Namespace> effective = t.effectiveNamespaces();
      for (int n = 0; n < effective.size(); n++) {
        String ns = effective.get(n).name();
        Place here = new Place(i, defaultPath != null ? defaultPath : "namespaces[" + n + "]");
        Place first = namespaces.putIfAbsent(ns, here);
        // the same tenant given twice is reported once, by its name
        if (first == null || tenants.get(first.tenant).name().equals(t.name())) {
          continue;
        }
        String firstName = tenants.get(first.tenant).name();
        boolean firstDefault = first.path.equals("name");
        out.add(new TenantConflict(i, here.path, first.tenant, first.path,
            "namespace \"" + ns + "\" is claimed by tenants \"" + firstName + "\" and \"" + t.name() + "\"",
            (defaultPath != null ? "the tenant lists no namespaces, so it gets one named after it: namespace \"" + ns + "\", which"
                : "namespace \"" + ns + "\"")
                + " is also claimed by tenant \"" + firstName + "\"" + (firstDefault ? " as its default namespace" : ""),
            ""));
      }
      for (int m = 0; m < t.members().size(); m++) {
        Member member = t.members().get(m);
        if (member.kind() != MemberKind.IamRole) {
          continue;
        }
        Place here = new Place(i, "members[" + m + "]");
        Place first = exactRoles.putIfAbsent(member.name(), here);
        // aws-auth knows roles by path-less, case-insensitive ARN; access entries by the exact ARN
        Place firstPathless = pathless
            ? pathlessRoles.putIfAbsent(TenantObjects.withoutPath(member.name()).toLowerCase(Locale.ROOT), here) : null;
        if (first != null) {
          out.add(role(tenants, here, first, member.name(), null));
        } else if (firstPathless != null) {
          String as = tenants.get(firstPathless.tenant).members().get(index(firstPathless.path)).name();
          out.add(role(tenants, here, firstPathless, member.name(), as));
        }
      }
    }
    return List.copyOf(out);
  }

  private static TenantConflict role(List<Tenant> tenants, Place here, Place first, String arn, String as) {
    String firstName = tenants.get(first.tenant).name();
    String head = "IAM role " + arn + " is also given by tenant ";
    String asText = as == null ? "" : " as " + as;
    String reason = "; " + (as == null ? ONE_MAPPING : PATHLESS);
    return new TenantConflict(here.tenant, here.path, first.tenant, first.path,
        head + firstName + " " + first.path + asText + reason,
        head + "\"" + firstName + "\"" + asText, reason);
  }

  private static int index(String path) {
    return Integer.parseInt(path.substring(path.indexOf('[') + 1, path.indexOf(']')));
  }

  /** One place in one tenant: its index in the list and a field path. */
  private record Place(int tenant, String path) {}

  /** The index, in the list given to {@link #find}, of the tenant where the conflict is reported. */
  public int tenant() {
    return tenant;
  }

  /**
   * The field path in that tenant, as in its own violations: {@code name} (the tenant name, or the
   * namespace named after a tenant that lists none), {@code namespaces[1]}, {@code members[0]}.
   */
  public String path() {
    return path;
  }

  /** The index of the tenant it conflicts with, which comes earlier in the list (or is the same tenant). */
  public int other() {
    return other;
  }

  /** The field path in the other tenant, in the same form as {@link #path()}. */
  public String otherPath() {
    return otherPath;
  }

  /** What is wrong, naming the other tenant (and, for IAM roles, its field path). */
  public String message() {
    return message;
  }

  /**
   * What is wrong, naming the other tenant and where it is written, such as
   * {@code namespace "shared" is also claimed by tenant "team-a" (team-a.yaml:7:7)}.
   *
   * @param otherLocation where {@link #otherPath()} of the other tenant is written; null gives {@link #message()}
   */
  public String message(String otherLocation) {
    return otherLocation == null ? message : locatedHead + " (" + otherLocation + ")" + locatedTail;
  }

  /** {@link #message()} at {@link #path()}, without a location. */
  public Violation violation() {
    return Violation.of(path, message);
  }

  /** Equal when every part is. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TenantConflict c && tenant == c.tenant && other == c.other && path.equals(c.path)
        && otherPath.equals(c.otherPath) && message.equals(c.message) && locatedHead.equals(c.locatedHead)
        && locatedTail.equals(c.locatedTail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenant, path, other, otherPath, message, locatedHead, locatedTail);
  }

  /** {@code tenant[1] namespaces[0]: message}. */
  @Override
  public String toString() {
    return "tenant[" + tenant + "] " + path + ": " + message;
  }
}
