package dev.platformkit.tenant;

import dev.platformkit.ApplyOption;
import dev.platformkit.ApplyResult;
import dev.platformkit.Change;
import dev.platformkit.Plan;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import dev.platformkit.internal.Engine;
import dev.platformkit.internal.Primitives;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.internal.Reconciler.Step;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans and applies {@link Tenant}s: {@code platform.tenants().plan(tenant)} reads the real state and
 * returns what would change; {@code apply} makes the changes; {@code planDelete}/{@code delete} remove
 * everything a tenant owns, in reverse order. Several tenants planned together cost one list per kind
 * in total, however many there are.
 *
 * <p>Obtained from {@link dev.platformkit.Platform#tenants()}.
 */
public final class Tenants {
  static {
    Primitives.register(Tenants.class, Tenants::new);
  }

  private final Engine engine;

  private Tenants(Engine engine) {
    this.engine = engine;
  }

  /**
   * The kinds of objects tenants own, in the order they are created: what a backend must support for
   * tenants, and what tests use to read them back from a store.
   */
  public static List<Kind> kinds() {
    return TenantObjects.KINDS;
  }

  /** The tenant kind named {@code name} ({@code Namespace}, {@code AccessEntry}, ...). */
  public static Kind kind(String name) {
    return TenantObjects.KINDS.stream().filter(k -> k.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("tenants own no " + name + " objects"));
  }

  /** What applying {@code tenant} would change. Writes nothing. */
  public Plan plan(Tenant tenant) {
    return plan(List.of(tenant));
  }

  /** What applying all {@code tenants} would change, with one list per kind in total. Writes nothing. */
  public Plan plan(Collection<Tenant> tenants) {
    return Reconciler.toPlan(List.copyOf(tenants), false, steps(List.copyOf(tenants), false));
  }

  /** What deleting everything {@code tenant} owns would change. Writes nothing. */
  public Plan planDelete(Tenant tenant) {
    return planDelete(List.of(tenant));
  }

  /** What deleting everything the {@code tenants} own would change. Writes nothing. */
  public Plan planDelete(Collection<Tenant> tenants) {
    return Reconciler.toPlan(List.copyOf(tenants), true, steps(List.copyOf(tenants), true));
  }

  /**
   * Plans and applies {@code tenant} in one pass. A namespace dropped from the spec is deleted, but not
   * when it holds objects platformkit does not own, unless {@link ApplyOption#DELETE_FOREIGN_CONTENTS} is
   * given ({@link dev.platformkit.ForeignContentsException}, before anything is written).
   */
  public ApplyResult apply(Tenant tenant, ApplyOption... options) {
    return apply(List.of(tenant), options);
  }

  /** Plans and applies all {@code tenants} in one pass; options as for {@link #apply(Tenant, ApplyOption...)}. */
  public ApplyResult apply(Collection<Tenant> tenants, ApplyOption... options) {
    return engine.reconciler().apply(steps(List.copyOf(tenants), false), engine.listener(), Set.of(options));
  }

  /**
   * Applies a plan made earlier by {@link #plan} or {@link #planDelete}, after checking that planning
   * again gives exactly the same changes, and makes exactly those: a
   * {@link dev.platformkit.StalePlanException} when the state moved since (plan again). A plan that
   * deletes namespaces holding objects platformkit does not own ({@link Change#contents()}) needs
   * {@link ApplyOption#DELETE_FOREIGN_CONTENTS}.
   */
  public ApplyResult apply(Plan plan, ApplyOption... options) {
    List<Tenant> tenants = new ArrayList<>();
    for (Object subject : plan.subjects()) {
      if (!(subject instanceof Tenant t)) {
        throw new IllegalArgumentException("not a tenant plan: it is for " + subject.getClass().getSimpleName());
      }
      tenants.add(t);
    }
    return engine.reconciler().applyPlan(plan, steps(tenants, plan.isDeletion()), engine.listener(), Set.of(options));
  }

  /**
   * Plans and applies the deletion of everything {@code tenant} owns. Its namespaces are deleted with
   * everything in them, so a namespace holding objects platformkit does not own is refused
   * ({@link dev.platformkit.ForeignContentsException}, nothing written) unless
   * {@link ApplyOption#DELETE_FOREIGN_CONTENTS} is given; {@link #planDelete} shows them counted by kind.
   */
  public ApplyResult delete(Tenant tenant, ApplyOption... options) {
    return engine.reconciler().apply(steps(List.of(tenant), true), engine.listener(), Set.of(options));
  }

  private List<Step> steps(List<Tenant> tenants, boolean deletion) {
    IamAccess iamAccess = engine.option(IamAccess.class, IamAccess.ACCESS_ENTRIES);
    if (engine.reconciler().store(ResourceRef.KUBERNETES).isEmpty()) {
      throw new PlatformException("no Kubernetes backend is configured: tenants need one (Platform.builder().kubernetes(...))");
    }
    checkTogether(tenants, deletion, iamAccess);
    Set<String> owners = new LinkedHashSet<>();
    List<Resource> desired = new ArrayList<>();
    for (Tenant t : tenants) {
      owners.add(t.owner());
      if (!deletion) {
        desired.addAll(TenantObjects.render(t, iamAccess));
      }
    }
    List<Step> steps = engine.reconciler().plan(owners, desired, TenantObjects.KINDS);
    refuseProtectedDeletes(tenants, steps);
    return steps;
  }

  private void checkTogether(List<Tenant> tenants, boolean deletion, IamAccess iamAccess) {
    List<Violation> violations = new ArrayList<>();
    // the rules that need no backend are shared with the spec reader
    for (TenantConflict c : TenantConflict.find(tenants, EnumSet.of(iamAccess))) {
      violations.add(c.violation());
    }
    for (Tenant t : tenants) {
      if (deletion && t.preventDeletion()) {
        violations.add(Violation.of("preventDeletion", "tenant \"" + t.name()
            + "\" has preventDeletion: true; set it to false and apply before deleting it"));
      }
      boolean noAws = iamAccess == IamAccess.ACCESS_ENTRIES && engine.reconciler().store(ResourceRef.AWS).isEmpty();
      for (int i = 0; i < t.members().size(); i++) {
        Member m = t.members().get(i);
        if (m.kind() != MemberKind.IamRole) {
          continue;
        }
        if (noAws) {
          // deleting without the AWS backend would leave the access entries, granting access to whoever
          // later creates namespaces of the same names
          violations.add(Violation.of("members[" + i + "]", "IamRole members need an AWS backend for EKS access entries"
              + " (Platform.builder().aws(...)), or iamAccess(AWS_AUTH_CONFIGMAP) on clusters that use aws-auth"
              + (deletion ? "; without it, deleting would leave the tenant's access entries behind" : "")));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(tenants.size() == 1 ? "Tenant " + tenants.get(0).name() : "tenants", violations);
    }
  }

  // protected by the spec, or by the mark an earlier apply with preventDeletion left on the namespace
  private static void refuseProtectedDeletes(List<Tenant> tenants, List<Step> steps) {
    List<Violation> violations = new ArrayList<>();
    for (Tenant t : tenants) {
      for (Step s : steps) {
        if (s.change().action() != Change.Action.DELETE || !s.change().target().kind().equals("Namespace")
            || !t.owner().equals(Reconciler.ownerOf(s.current()))) {
          continue;
        }
        String ns = s.change().target().name();
        if (t.preventDeletion()) {
          violations.add(Violation.of("namespaces", "namespace \"" + ns + "\" would be deleted, but tenant \""
              + t.name() + "\" has preventDeletion: true"));
        } else if ("true".equals(s.current().annotations().get(TenantObjects.PREVENT_DELETION))) {
          violations.add(Violation.of("preventDeletion", "namespace \"" + ns + "\" was applied with preventDeletion: true;"
              + " apply the tenant with preventDeletion: false before deleting it"));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new ValidationException("Tenant plan", violations);
    }
  }
}
