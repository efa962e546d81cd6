package dev.platformkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.ApplyOption;
import dev.platformkit.ApplyResult;
import dev.platformkit.BackendException;
import dev.platformkit.Change;
import dev.platformkit.ConflictException;
import dev.platformkit.ForeignContentsException;
import dev.platformkit.Ownership;
import dev.platformkit.OwnershipException;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.StalePlanException;
import dev.platformkit.ValidationException;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.tenant.ContainerLimits;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.NetworkIsolation;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.tenant.Tenants;
import dev.platformkit.testkit.CountingStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.FaultyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend must do for {@link Tenant}s. A backend's test extends this class and returns fresh,
 * empty stores from the two factory hooks; the suite drives them through a {@link Platform} and
 * inspects them through the {@link ResourceStore} interface only.
 *
 * <pre>{@code
 * class MyBackendTenantIT extends TenantContract {
 *   protected ResourceStore kubernetes() { return KubernetesBackend.create(client); }
 *   protected ResourceStore aws() { return InMemoryStore.aws(); }
 * }
 * }</pre>
 */
public abstract class TenantContract {

  /** A fresh, empty Kubernetes store for one test (called once per test). */
  protected abstract ResourceStore kubernetes();

  /** A fresh, empty AWS store holding EKS access entries for one test (called once per test). */
  protected abstract ResourceStore aws();

  private FaultyStore k8sFaults;
  private CountingStore k8s;
  private CountingStore awsStore;
  private Platform platform;

  @BeforeEach
  void wire() {
    k8sFaults = new FaultyStore(kubernetes());
    k8s = new CountingStore(k8sFaults);
    awsStore = new CountingStore(aws());
    FakeClock clock = FakeClock.standard();
    platform = Platform.builder().kubernetes(k8s).aws(awsStore).clock(clock).sleeper(clock.sleeper()).jitterSeed(7).build();
  }

  /** The platform wired to the backend under test. */
  protected Platform platform() {
    return platform;
  }

  static Tenant payments() {
    return Tenant.builder()
        .name("payments")
        .putLabels("cost-center", "cc-1234")
        .addNamespaces(Namespace.builder().name("payments-dev").putAnnotations("team", "payments").build(),
            Namespace.of("payments-stage"))
        .addMembers(
            Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build(),
            Member.builder().kind(MemberKind.User).name("alice@example.com").role(Role.ADMIN).build(),
            Member.builder().kind(MemberKind.ServiceAccount).name("deployer").namespace("ci").role(Role.EDIT).build(),
            Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/payments-admins").role(Role.ADMIN).build())
        .putQuota("requests.cpu", "8").putQuota("limits.memory", "32Gi").putQuota("pods", "100")
        .limits(ContainerLimits.builder().putDefaultRequest("cpu", "100m").putDefaultLimit("memory", "512Mi")
            .putMax("memory", "4Gi").build())
        .network(NetworkIsolation.builder().addAllowFrom("ingress-nginx").build())
        .build();
  }

  private ResourceRef ns(String name) {
    return ResourceRef.kubernetes("Namespace", name);
  }

  private Resource read(ResourceRef ref) {
    ResourceStore store = ResourceRef.AWS.equals(ref.provider()) ? awsStore : k8s;
    return store.get(Tenants.kind(ref.kind()), ref).orElseThrow(() -> new AssertionError(ref + " does not exist"));
  }

  private List<Resource> owned(ResourceStore store, String kind, Tenant t) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : store.list(Tenants.kind(kind), Map.of())) {
      if (Ownership.isOwnedBy(r.labels(), t.owner())) {
        out.add(r);
      }
    }
    return out;
  }

  private long writes() {
    return k8s.writes() + awsStore.writes();
  }

  private void resetCounters() {
    k8s.reset();
    awsStore.reset();
  }

  @Test
  void planWritesNothingAndCreatesInDependencyOrder() {
    Plan plan = platform.tenants().plan(payments());

    assertThat(writes()).isZero();
    assertThat(plan.changes()).allMatch(c -> c.action() == Change.Action.CREATE);
    List<String> kinds = plan.changes().stream().map(c -> c.target().kind()).distinct().toList();
    assertThat(kinds).containsExactly("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy", "RoleBinding", "AccessEntry");
    assertThat(plan.render()).contains("+ Namespace payments-dev").contains("requests.cpu");
  }

  @Test
  void applyCreatesEveryObjectWithOwnershipLabels() {
    ApplyResult result = platform.tenants().apply(payments());

    assertThat(result.applied()).isNotEmpty();
    for (String name : List.of("payments-dev", "payments-stage")) {
      Resource ns = read(ns(name));
      assertThat(ns.labels())
          .containsEntry(Ownership.MANAGED_BY_LABEL, "platformkit")
          .containsEntry(Ownership.OWNER_LABEL, "tenant.payments")
          .containsEntry(Ownership.TENANT_LABEL, "payments")
          .containsEntry("cost-center", "cc-1234")
          .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
          .containsEntry("pod-security.kubernetes.io/warn", "restricted")
          .containsEntry("pod-security.kubernetes.io/audit", "restricted")
          .containsEntry("pod-security.kubernetes.io/enforce-version", "latest");
      Resource quota = read(ResourceRef.kubernetes("ResourceQuota", name, "platformkit"));
      assertThat(quota.labels()).containsEntry(Ownership.OWNER_LABEL, "tenant.payments");
      assertThat(hard(quota)).containsEntry("requests.cpu", "8").containsEntry("limits.memory", "32Gi");
    }
    assertThat(read(ns("payments-dev")).annotations()).containsEntry("team", "payments");
    Resource entry = read(ResourceRef.aws("AccessEntry", "arn:aws:iam::123456789012:role/payments-admins"));
    assertThat(entry.labels()).containsEntry(Ownership.OWNER_TAG, "tenant.payments");
  }

  @Test
  void limitRangeIsRenderedAsTheApiServerDefaultsIt() {
    platform.tenants().apply(payments());

    Map<String, Object> item = limitItem(read(ResourceRef.kubernetes("LimitRange", "payments-dev", "platformkit")));
    assertThat(item).containsEntry("type", "Container");
    assertThat(asMap(item.get("default"))).containsEntry("memory", "512Mi");
    assertThat(asMap(item.get("defaultRequest"))).containsEntry("cpu", "100m").containsEntry("memory", "512Mi");
    assertThat(asMap(item.get("max"))).containsEntry("memory", "4Gi");
  }

  @Test
  void collisionsAreLookedUpOnlyWhereAnObjectCouldAlreadyExist() {
    platform.tenants().plan(payments());

    // per new namespace one look-up and one check that it is not still being deleted; one per access
    // entry; nothing inside namespaces that do not exist yet
    assertThat(k8s.gets()).isEqualTo(4);
    assertThat(awsStore.gets()).isEqualTo(1);
  }

  @Test
  void reapplyingAnUnchangedTenantWritesNothing() {
    platform.tenants().apply(payments());
    resetCounters();

    Plan again = platform.tenants().plan(payments());
    ApplyResult result = platform.tenants().apply(payments());

    assertThat(again.isEmpty()).as(again.render()).isTrue();
    assertThat(result.isNoop()).isTrue();
    assertThat(writes()).isZero();
    // nothing to create means nothing to look up either: lists only
    assertThat(k8s.gets() + awsStore.gets()).isZero();
  }

  @Test
  void quantitiesWrittenDifferentlyAreTheSameValue() {
    Tenant t = payments().withQuota(Map.of("requests.cpu", "8000m", "limits.memory", "32768Mi"));
    platform.tenants().apply(t);

    Tenant same = payments().withQuota(Map.of("requests.cpu", "8", "limits.memory", "32Gi"));
    assertThat(platform.tenants().plan(same).isEmpty()).isTrue();
  }

  @Test
  void changingTheQuotaUpdatesOneObjectPerNamespace() {
    platform.tenants().apply(payments());
    resetCounters();
    Tenant bigger = payments().toBuilder().putQuota("requests.cpu", "16").build();

    Plan plan = platform.tenants().plan(bigger);
    platform.tenants().apply(plan);

    assertThat(plan.changes()).hasSize(2).allSatisfy(c -> {
      assertThat(c.action()).isEqualTo(Change.Action.UPDATE);
      assertThat(c.target().kind()).isEqualTo("ResourceQuota");
      assertThat(c.diff()).singleElement().satisfies(d -> {
        assertThat(d.path()).isEqualTo("spec.hard[\"requests.cpu\"]");
        assertThat(d.before()).isEqualTo("8");
        assertThat(d.after()).isEqualTo("16");
      });
    });
    assertThat(writes()).isEqualTo(2);
    assertThat(hard(read(ResourceRef.kubernetes("ResourceQuota", "payments-stage", "platformkit"))))
        .containsEntry("requests.cpu", "16");
  }

  @Test
  void removingANamespacePlansItsDeletionAfterWhatIsInIt() {
    platform.tenants().apply(payments());
    Tenant smaller = payments().withNamespaces(Namespace.builder().name("payments-dev").putAnnotations("team", "payments").build());

    Plan plan = platform.tenants().plan(smaller);

    List<Change> deletes = plan.changes().stream().filter(c -> c.action() == Change.Action.DELETE).toList();
    assertThat(deletes).hasSize(9)
        .allMatch(c -> "payments-stage".equals(c.target().name()) || "payments-stage".equals(c.target().namespace()));
    assertThat(deletes.get(deletes.size() - 1).target()).isEqualTo(ns("payments-stage"));
    // the only other change narrows the access entry's scope to the remaining namespace
    assertThat(plan.changes()).filteredOn(c -> c.action() != Change.Action.DELETE).singleElement()
        .satisfies(c -> assertThat(c.target().kind()).isEqualTo("AccessEntry"));
    platform.tenants().apply(plan);
    assertThat(k8s.get(Tenants.kind("Namespace"), ns("payments-stage"))).isEmpty();
    assertThat(k8s.get(Tenants.kind("Namespace"), ns("payments-dev"))).isPresent();
  }

  private static final Kind CONFIG_MAP = Kind.kubernetes("v1", "ConfigMap", "configmaps", true, "data");

  @Test
  void deletingANamespaceThatHoldsForeignObjectsIsRefusedUnlessAllowed() {
    platform.tenants().apply(payments());
    // what a team adds to its namespace, and what Kubernetes itself puts in every namespace
    k8s.create(CONFIG_MAP, Resource.desired(ResourceRef.kubernetes("ConfigMap", "payments-stage", "app-settings"),
        Map.of(), Map.of(), Map.of("data", Map.of("mode", "blue"))));
    k8s.create(CONFIG_MAP, Resource.desired(ResourceRef.kubernetes("ConfigMap", "payments-stage", "kube-root-ca.crt"),
        Map.of(), Map.of(), Map.of("data", Map.of("ca.crt", "..."))));
    resetCounters();

    Plan plan = platform.tenants().planDelete(payments());
    Change stage = plan.changes().stream().filter(c -> c.target().equals(ns("payments-stage"))).findFirst().orElseThrow();
    assertThat(stage.contents()).containsExactly(Map.entry("ConfigMap", 1));
    assertThat(plan.render()).contains("holds 1 object platformkit does not own: ConfigMap 1");
    assertThat(plan.changes().stream().filter(c -> c.target().equals(ns("payments-dev"))).findFirst().orElseThrow().contents())
        .isEmpty();

    assertThatThrownBy(() -> platform.tenants().apply(plan)).isInstanceOf(ForeignContentsException.class)
        .hasMessageContaining("Namespace payments-stage holds 1 object platformkit does not own: ConfigMap 1")
        .hasMessageContaining("DELETE_FOREIGN_CONTENTS");
    assertThatThrownBy(() -> platform.tenants().delete(payments())).isInstanceOf(ForeignContentsException.class);
    assertThat(writes()).as("refused before the first write").isZero();
    assertThat(read(ns("payments-stage"))).isNotNull();

    platform.tenants().apply(plan, ApplyOption.DELETE_FOREIGN_CONTENTS);
    assertThat(k8s.get(Tenants.kind("Namespace"), ns("payments-stage"))).isEmpty();
  }

  @Test
  void droppingANamespaceThatHoldsForeignObjectsIsRefusedToo() {
    platform.tenants().apply(payments());
    k8s.create(CONFIG_MAP, Resource.desired(ResourceRef.kubernetes("ConfigMap", "payments-stage", "app-settings"),
        Map.of(), Map.of(), Map.of("data", Map.of("mode", "blue"))));
    Tenant smaller = payments().withNamespaces(Namespace.builder().name("payments-dev").putAnnotations("team", "payments").build());
    resetCounters();

    assertThatThrownBy(() -> platform.tenants().apply(smaller)).isInstanceOf(ForeignContentsException.class);
    assertThat(writes()).isZero();
    platform.tenants().apply(smaller, ApplyOption.DELETE_FOREIGN_CONTENTS);
    assertThat(k8s.get(Tenants.kind("Namespace"), ns("payments-stage"))).isEmpty();
  }

  @Test
  void anUpdateChangesOnlyThePathsWeSetAndRemovesOnlyWhatWeSetBefore() {
    platform.tenants().apply(payments());
    ResourceRef quota = ResourceRef.kubernetes("ResourceQuota", "payments-dev", "platformkit");
    // another writer adds a key inside our spec
    Resource current = read(quota);
    k8s.update(Tenants.kind("ResourceQuota"), current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("spec", Map.of("hard", Map.of("services", "5")))));

    Tenant changed = payments().withQuota(Map.of("requests.cpu", "16", "pods", "100"));
    Plan plan = platform.tenants().plan(changed);
    Change change = plan.changes().stream().filter(c -> c.target().equals(quota)).findFirst().orElseThrow();
    assertThat(change.diff()).extracting(Object::toString).containsExactlyInAnyOrder(
        "- spec.hard[\"limits.memory\"]: 32Gi", "~ spec.hard[\"requests.cpu\"]: 8 -> 16");
    platform.tenants().apply(plan);

    assertThat(hard(read(quota))).containsEntry("requests.cpu", "16").containsEntry("services", "5")
        .doesNotContainKey("limits.memory");
    assertThat(platform.tenants().plan(changed).isEmpty()).isTrue();
  }

  @Test
  void aSavedPlanAppliedAfterTheStateMovedIsStaleNotRetryable() {
    Plan plan = platform.tenants().plan(payments());
    platform.tenants().apply(payments().withQuota(Map.of("pods", "5")));

    assertThatThrownBy(() -> platform.tenants().apply(plan)).isInstanceOf(StalePlanException.class)
        .satisfies(e -> assertThat(((StalePlanException) e).retryable()).isFalse());
  }

  @Test
  void removingANamespaceNarrowsTheAccessEntryScope() {
    platform.tenants().apply(payments());
    Tenant smaller = payments().withNamespaces(Namespace.of("payments-dev"));

    platform.tenants().apply(smaller);

    Resource entry = read(ResourceRef.aws("AccessEntry", "arn:aws:iam::123456789012:role/payments-admins"));
    assertThat(entry.body().get("accessPolicies").toString()).contains("payments-dev").doesNotContain("payments-stage");
  }

  @Test
  void preventDeletionRefusesToPlanTheDeletionOfNamespaces() {
    Tenant guarded = payments().withPreventDeletion(true);
    platform.tenants().apply(guarded);
    resetCounters();

    assertThatThrownBy(() -> platform.tenants().plan(guarded.withNamespaces(Namespace.of("payments-dev"))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("namespace \"payments-stage\" would be deleted").hasMessageContaining("preventDeletion");
    assertThatThrownBy(() -> platform.tenants().planDelete(guarded))
        .isInstanceOf(ValidationException.class).hasMessageContaining("preventDeletion");
    assertThat(writes()).isZero();
  }

  @Test
  void preventDeletionIsKeptOnTheClusterUntilAnApplyLiftsIt() {
    platform.tenants().apply(payments().withPreventDeletion(true));

    // editing the spec alone is not enough ...
    assertThatThrownBy(() -> platform.tenants().planDelete(payments()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("apply the tenant with preventDeletion: false");
    // ... applying it is
    platform.tenants().apply(payments());
    assertThat(read(ns("payments-dev")).annotations()).doesNotContainKey("platformkit.dev/prevent-deletion");
    platform.tenants().delete(payments());
    assertThat(k8s.get(Tenants.kind("Namespace"), ns("payments-dev"))).isEmpty();
  }

  @Test
  void anExistingNamespaceWeDoNotOwnIsAnOwnershipErrorAtPlanTime() {
    k8s.create(Tenants.kind("Namespace"), Resource.desired(ns("payments-stage"), Map.of("app.kubernetes.io/managed-by", "helm"), Map.of(), Map.of()));
    resetCounters();

    assertThatThrownBy(() -> platform.tenants().plan(payments()))
        .isInstanceOf(OwnershipException.class)
        .hasMessageContaining("Namespace payments-stage")
        .hasMessageContaining("managed-by=helm")
        .satisfies(e -> assertThat(((OwnershipException) e).foundOwner()).contains("managed-by=helm"));
    assertThatThrownBy(() -> platform.tenants().apply(payments())).isInstanceOf(OwnershipException.class);
    assertThat(writes()).isZero();
    assertThat(read(ns("payments-stage")).labels()).doesNotContainKey(Ownership.OWNER_LABEL);
  }

  @Test
  void anUnlabelledNamespaceIsNotAdopted() {
    k8s.create(Tenants.kind("Namespace"), Resource.desired(ns("payments-dev"), Map.of(), Map.of(), Map.of()));

    assertThatThrownBy(() -> platform.tenants().plan(payments()))
        .isInstanceOf(OwnershipException.class)
        .hasMessageContaining("not managed by platformkit")
        .satisfies(e -> assertThat(((OwnershipException) e).foundOwner()).isEmpty());
  }

  @Test
  void aNamespaceOfAnotherTenantIsAnOwnershipError() {
    Tenant billing = Tenant.builder().name("billing").addNamespaces(Namespace.of("payments-stage")).build();
    platform.tenants().apply(billing);

    assertThatThrownBy(() -> platform.tenants().plan(payments()))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("tenant.billing");
  }

  @Test
  void planningSeveralTenantsNeverMovesAnObjectBetweenThem() {
    Tenant billing = Tenant.builder().name("billing").addNamespaces(Namespace.of("shared-tools")).build();
    platform.tenants().apply(billing);
    Tenant billingWithout = Tenant.builder().name("billing").addNamespaces(Namespace.of("billing")).build();
    Tenant paymentsWith = payments().withNamespaces(Namespace.of("payments-dev"), Namespace.of("shared-tools"));
    resetCounters();

    assertThatThrownBy(() -> platform.tenants().plan(List.of(billingWithout, paymentsWith)))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("Namespace shared-tools").hasMessageContaining("tenant.billing");
    assertThat(writes()).isZero();
  }

  @Test
  void anAccessEntryWeDoNotOwnIsAnOwnershipError() {
    awsStore.create(Tenants.kind("AccessEntry"), Resource.desired(ResourceRef.aws("AccessEntry", "arn:aws:iam::123456789012:role/payments-admins"),
        Map.of(), Map.of(), Map.of("type", "STANDARD")));

    assertThatThrownBy(() -> platform.tenants().plan(payments()))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("payments-admins");
  }

  @Test
  void fieldsSetByOthersSurviveAnApply() {
    platform.tenants().apply(payments());
    Resource dev = read(ns("payments-dev"));
    k8s.update(Tenants.kind("Namespace"), dev, new ResourceUpdate(Map.of("team.example.com/oncall", "yes"), Set.of(),
        Map.of("other-controller/seen", "true"), Set.of(), Map.of()));

    Tenant relabelled = payments().toBuilder().putLabels("cost-center", "cc-9999").build();
    platform.tenants().apply(relabelled);

    Resource after = read(ns("payments-dev"));
    assertThat(after.labels()).containsEntry("cost-center", "cc-9999").containsEntry("team.example.com/oncall", "yes");
    assertThat(after.annotations()).containsEntry("other-controller/seen", "true").containsEntry("team", "payments");
    assertThat(platform.tenants().plan(relabelled).isEmpty()).isTrue();
  }

  @Test
  void aLabelDroppedFromTheSpecIsRemovedButForeignLabelsStay() {
    platform.tenants().apply(payments());
    k8s.update(Tenants.kind("Namespace"), read(ns("payments-dev")), new ResourceUpdate(Map.of("foreign", "kept"), Set.of(), Map.of(), Set.of(), Map.of()));

    Tenant unlabelled = payments().withLabels(Map.of());
    Plan plan = platform.tenants().plan(unlabelled);
    platform.tenants().apply(plan);

    assertThat(plan.changes()).extracting(c -> c.target().kind()).containsOnly("Namespace");
    assertThat(read(ns("payments-dev")).labels()).doesNotContainKey("cost-center").containsEntry("foreign", "kept");
  }

  @Test
  void changingAMembersRoleMovesItBetweenBindings() {
    platform.tenants().apply(payments());
    Tenant t = payments().withMembers(
        Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.VIEW).build());

    platform.tenants().apply(t);

    List<ResourceRef> bindings = owned(k8s, "RoleBinding", t).stream().map(Resource::ref).toList();
    assertThat(bindings).containsExactlyInAnyOrder(
        ResourceRef.kubernetes("RoleBinding", "payments-dev", "platformkit-view"),
        ResourceRef.kubernetes("RoleBinding", "payments-stage", "platformkit-view"));
    assertThat(owned(awsStore, "AccessEntry", t)).isEmpty();
    assertThat(platform.tenants().plan(t).isEmpty()).isTrue();
  }

  @Test
  void changingAnIamRolesRoleUpdatesItsAccessPolicy() {
    platform.tenants().apply(payments());
    List<Member> members = new ArrayList<>(payments().members());
    members.set(3, members.get(3).withRole(Role.VIEW));

    Plan plan = platform.tenants().plan(payments().withMembers(members));

    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Change.Action.UPDATE);
      assertThat(c.target().kind()).isEqualTo("AccessEntry");
      assertThat(c.diff().toString()).contains("AmazonEKSViewPolicy");
    });
    platform.tenants().apply(plan);
    assertThat(read(plan.changes().get(0).target()).body().toString()).contains("AmazonEKSViewPolicy").doesNotContain("AdminPolicy");
  }

  @Test
  void deleteRemovesEverythingOwnedAndNothingElse() {
    k8s.create(Tenants.kind("Namespace"), Resource.desired(ns("someone-elses"), Map.of(), Map.of(), Map.of()));
    Tenant other = Tenant.builder().name("other").build();
    platform.tenants().apply(other);
    platform.tenants().apply(payments());

    Plan plan = platform.tenants().planDelete(payments());
    platform.tenants().apply(plan);

    assertThat(plan.isDeletion()).isTrue();
    assertThat(plan.changes()).allMatch(c -> c.action() == Change.Action.DELETE);
    List<String> order = plan.changes().stream().map(c -> c.target().kind()).distinct().toList();
    assertThat(order).containsExactly("AccessEntry", "RoleBinding", "NetworkPolicy", "LimitRange", "ResourceQuota", "Namespace");
    for (String kind : List.of("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy", "RoleBinding")) {
      assertThat(owned(k8s, kind, payments())).as(kind).isEmpty();
    }
    assertThat(owned(awsStore, "AccessEntry", payments())).isEmpty();
    assertThat(k8s.get(Tenants.kind("Namespace"), ns("someone-elses"))).isPresent();
    assertThat(k8s.get(Tenants.kind("Namespace"), ns("other"))).isPresent();
    assertThat(platform.tenants().planDelete(payments()).isEmpty()).isTrue();
  }

  @Test
  void aStalePlanIsRefused() {
    Plan plan = platform.tenants().plan(payments());
    platform.tenants().apply(payments().withQuota(Map.of("pods", "10")));

    assertThatThrownBy(() -> platform.tenants().apply(plan)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("changed since the plan");
  }

  @Test
  void conflictsAreReadAgainAndRetried() {
    platform.tenants().apply(payments());
    k8sFaults.failNextWrites(2, () -> new ConflictException("the object has been modified"));

    platform.tenants().apply(payments().toBuilder().putQuota("pods", "50").build());

    assertThat(k8sFaults.pendingFaults()).isZero();
    assertThat(hard(read(ResourceRef.kubernetes("ResourceQuota", "payments-dev", "platformkit")))).containsEntry("pods", "50");
    assertThat(hard(read(ResourceRef.kubernetes("ResourceQuota", "payments-stage", "platformkit")))).containsEntry("pods", "50");
  }

  @Test
  void anObjectSomeoneElseCreatesBetweenPlanAndWriteIsNeverTakenOver() {
    k8sFaults.raceNextWrite(() -> k8s.create(Tenants.kind("Namespace"), Resource.desired(ns("payments-dev"),
        Map.of("app.kubernetes.io/managed-by", "argocd"), Map.of(), Map.of())));

    assertThatThrownBy(() -> platform.tenants().apply(payments()))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("Namespace payments-dev").hasMessageContaining("managed-by=argocd");
    assertThat(read(ns("payments-dev")).labels()).doesNotContainKey(Ownership.OWNER_LABEL);
  }

  @Test
  void anObjectDeletedBetweenPlanAndUpdateIsCreatedAgain() {
    platform.tenants().apply(payments());
    ResourceRef quota = ResourceRef.kubernetes("ResourceQuota", "payments-dev", "platformkit");
    k8sFaults.raceNextWrite(() -> k8s.delete(Tenants.kind("ResourceQuota"), read(quota)));

    platform.tenants().apply(payments().toBuilder().putQuota("pods", "42").build());

    assertThat(hard(read(quota))).containsEntry("pods", "42").containsEntry("requests.cpu", "8");
    assertThat(read(quota).labels()).containsEntry(Ownership.OWNER_LABEL, "tenant.payments");
  }

  @Test
  void throttlingIsRetriedAndNonRetryableErrorsAreNot() {
    k8sFaults.failNextWrites(3, () -> new BackendException("Too Many Requests", null, 429, true));
    platform.tenants().apply(payments());
    assertThat(platform.tenants().plan(payments()).isEmpty()).isTrue();

    k8sFaults.failNextWrites(1, () -> new BackendException("Forbidden", null, 403, false));
    Tenant t = payments().toBuilder().putQuota("pods", "7").build();
    assertThatThrownBy(() -> platform.tenants().apply(t)).isInstanceOf(BackendException.class).hasMessageContaining("Forbidden");
  }

  @Test
  void throttledReadsWhilePlanningAreRetried() {
    k8sFaults.failNextReads(2, () -> new BackendException("Too Many Requests", null, 429, true));

    assertThat(platform.tenants().plan(payments()).isEmpty()).isFalse();

    k8sFaults.failNextReads(1, () -> new BackendException("Unauthorized", null, 401, false));
    assertThatThrownBy(() -> platform.tenants().plan(payments())).isInstanceOf(BackendException.class)
        .hasMessageContaining("Unauthorized");
  }

  @Test
  void retriesAreBounded() {
    k8sFaults.failNextWrites(50, () -> new BackendException("Service Unavailable", null, 503, true));

    assertThatThrownBy(() -> platform.tenants().apply(payments())).isInstanceOf(BackendException.class);
    assertThat(k8sFaults.pendingFaults()).isEqualTo(50 - dev.platformkit.RetryPolicy.DEFAULT.maxAttempts());
  }

  @Test
  void manyTenantsArePlannedWithOneListPerKind() {
    List<Tenant> tenants = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tenants.add(Tenant.builder().name("team-" + i).putQuota("pods", "10").build());
    }
    platform.tenants().apply(tenants);
    resetCounters();

    Plan plan = platform.tenants().plan(tenants);

    assertThat(plan.isEmpty()).isTrue();
    assertThat(k8s.lists() + awsStore.lists()).isLessThanOrEqualTo(7);
    assertThat(writes()).isZero();
  }

  @Test
  void anotherTenantIsNeverTouched() {
    Tenant billing = Tenant.builder().name("billing").putQuota("pods", "5").build();
    platform.tenants().apply(billing);
    platform.tenants().apply(payments());

    platform.tenants().apply(payments().withQuota(Map.of("pods", "1")));
    platform.tenants().delete(payments());

    assertThat(hard(read(ResourceRef.kubernetes("ResourceQuota", "billing", "platformkit")))).containsEntry("pods", "5");
    assertThat(platform.tenants().plan(billing).isEmpty()).isTrue();
  }

  // --- security ---

  @Test
  void bindingsStayInTheTenantsNamespacesAndGrantOnlyBuiltInNamespacedRoles() {
    platform.tenants().apply(payments());
    Tenant billing = Tenant.builder().name("billing")
        .addMembers(Member.builder().kind(MemberKind.Group).name("billing-devs").role(Role.ADMIN).build()).build();
    platform.tenants().apply(billing);

    assertThat(owned(k8s, "RoleBinding", payments())).hasSize(4);
    assertThat(owned(k8s, "RoleBinding", billing)).hasSize(1);
    for (Resource rb : owned(k8s, "RoleBinding", payments())) {
      assertThat(rb.ref().namespace()).isIn("payments-dev", "payments-stage");
      Map<String, Object> roleRef = asMap(rb.body().get("roleRef"));
      assertThat(roleRef).containsEntry("kind", "ClusterRole").containsEntry("apiGroup", "rbac.authorization.k8s.io");
      assertThat(roleRef.get("name")).isIn("admin", "edit", "view");
      assertThat(rb.body().get("subjects").toString()).doesNotContain("billing");
    }
    for (Resource rb : owned(k8s, "RoleBinding", billing)) {
      assertThat(rb.ref().namespace()).isEqualTo("billing");
      assertThat(rb.body().get("subjects").toString()).doesNotContain("payments");
    }
    Resource entry = read(ResourceRef.aws("AccessEntry", "arn:aws:iam::123456789012:role/payments-admins"));
    assertThat(entry.body().get("accessPolicies").toString())
        .contains("type=namespace").contains("payments-dev").contains("payments-stage").doesNotContain("billing").doesNotContain("type=cluster");
  }

  @Test
  void noPlannedObjectIsClusterWideExceptTheNamespacesThemselves() {
    Plan plan = platform.tenants().plan(payments());

    for (Change c : plan.changes()) {
      if (ResourceRef.KUBERNETES.equals(c.target().provider()) && !c.target().kind().equals("Namespace")) {
        assertThat(c.target().namespace()).as(c.toString()).isIn("payments-dev", "payments-stage");
      }
      assertThat(c.target().kind()).isNotIn("ClusterRoleBinding", "ClusterRole", "Role");
    }
  }

  @Test
  void defaultDenyIsPresentWheneverIsolationIsOn() {
    Tenant t = payments().withNetwork(NetworkIsolation.builder().allowSameTenant(false).allowDnsEgress(false).build());
    platform.tenants().apply(t);

    for (String ns : List.of("payments-dev", "payments-stage")) {
      Map<String, Object> spec = spec("NetworkPolicy", ns, "platformkit-default-deny");
      // every pod, both directions, no rule: nothing gets in or out
      assertThat(spec).containsOnlyKeys("podSelector", "policyTypes");
      assertThat(asMap(spec.get("podSelector"))).isEmpty();
      assertThat(spec.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
    }
    assertThat(owned(k8s, "NetworkPolicy", t)).extracting(r -> r.ref().name()).containsOnly("platformkit-default-deny");

    Tenant open = t.withNetwork(NetworkIsolation.builder().defaultDeny(false).build());
    platform.tenants().apply(open);
    assertThat(owned(k8s, "NetworkPolicy", open)).isEmpty();
  }

  @Test
  void allowRulesOpenExactlyWhatTheyNameAndNothingMore() {
    platform.tenants().apply(payments());

    // DNS: one peer requiring both selectors (two peers would allow all of kube-system, or kube-dns pods anywhere)
    assertThat(spec("NetworkPolicy", "payments-dev", "platformkit-allow-dns")).isEqualTo(Map.of(
        "podSelector", Map.of(),
        "policyTypes", List.of("Egress"),
        "egress", List.of(Map.of(
            "to", List.of(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
                "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")))),
            "ports", List.of(Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53))))));
    Map<String, Object> tenantPeer = Map.of("namespaceSelector", Map.of("matchLabels", Map.of("platformkit.dev/tenant", "payments")));
    assertThat(spec("NetworkPolicy", "payments-dev", "platformkit-allow-same-tenant")).isEqualTo(Map.of(
        "podSelector", Map.of(),
        "policyTypes", List.of("Ingress", "Egress"),
        "ingress", List.of(Map.of("from", List.of(tenantPeer))),
        "egress", List.of(Map.of("to", List.of(tenantPeer)))));
    assertThat(spec("NetworkPolicy", "payments-stage", "platformkit-allow-from-ingress-nginx")).isEqualTo(Map.of(
        "podSelector", Map.of(),
        "policyTypes", List.of("Ingress"),
        "ingress", List.of(Map.of("from", List.of(
            Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))))))));
  }

  // --- helpers over the JSON-like bodies ---

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  private Map<String, Object> spec(String kind, String namespace, String name) {
    Resource r = read(ResourceRef.kubernetes(kind, namespace, name));
    assertThat(r.body()).as(r.ref() + " has a spec").containsKey("spec");
    return asMap(r.body().get("spec"));
  }

  static Map<String, Object> hard(Resource quota) {
    return asMap(asMap(quota.body().get("spec")).get("hard"));
  }

  static Map<String, Object> limitItem(Resource limitRange) {
    Object limits = asMap(limitRange.body().get("spec")).get("limits");
    return asMap(((List<?>) limits).get(0));
  }
}
