package dev.platformkit.aws;

import static dev.platformkit.testkit.aws.FakeEksClient.ASSOCIATE_ACCESS_POLICY;
import static dev.platformkit.testkit.aws.FakeEksClient.DESCRIBE_ACCESS_ENTRY;
import static dev.platformkit.testkit.aws.FakeEksClient.DESCRIBE_CLUSTER;
import static dev.platformkit.testkit.aws.FakeEksClient.DISASSOCIATE_ACCESS_POLICY;
import static dev.platformkit.testkit.aws.FakeEksClient.LIST_ACCESS_ENTRIES;
import static dev.platformkit.testkit.aws.FakeEksClient.LIST_ASSOCIATED_ACCESS_POLICIES;
import static dev.platformkit.testkit.aws.FakeEksClient.TAG_RESOURCE;
import static dev.platformkit.testkit.aws.FakeEksClient.UNTAG_RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.Ownership;
import dev.platformkit.OwnershipException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.tenant.Role;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.StoreClient;
import dev.platformkit.testkit.aws.FakeEksClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;

/** The access entry store's own semantics, on the EKS fake. */
class AwsBackendTest {
  static final String ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy";
  static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
  static final String CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
  static final String ROLE = "arn:aws:iam::123456789012:role/payments-admins";

  private final FakeClock clock = FakeClock.standard();
  private final FakeEksClient eks = new FakeEksClient(clock).addCluster("prod");
  private final StoreClient backend = StoreClient.of(AwsBackend.builder().eks(eks).clusterName("prod").build());

  static ResourceRef entry(String principal) {
    return ResourceRef.aws("AccessEntry", principal);
  }

  static Map<String, Object> policy(String arn, String... namespaces) {
    return Map.of("policyArn", arn, "accessScope", Map.of("type", "namespace", "namespaces", List.of(namespaces)));
  }

  static Resource owned(String principal, String owner, Object... policies) {
    return Resource.desired(entry(principal), Ownership.tags(owner), Map.of(),
        Map.of("type", "STANDARD", "accessPolicies", List.of(policies)));
  }

  @Test
  void listReadsEveryPageOfEachPlatformPolicyAndKeepsOnlyEntriesWhoseTagsMatch() {
    for (int i = 0; i < 230; i++) {
      String owner = i % 2 == 0 ? "tenant.a" : "tenant.b";
      String principal = String.format("arn:aws:iam::123456789012:role/r-%03d", i);
      backend.create(owned(principal, owner, policy(VIEW, "ns")));
    }
    eks.resetCalls();

    List<Resource> listed = backend.list("AccessEntry", Map.of(Ownership.OWNER_TAG, "tenant.a"));

    assertThat(listed).hasSize(115).allSatisfy(r -> assertThat(r.labels()).containsEntry(Ownership.OWNER_TAG, "tenant.a"));
    // three pages of ViewPolicy entries, one (empty) page each for AdminPolicy and EditPolicy
    assertThat(eks.calls(LIST_ACCESS_ENTRIES)).isEqualTo(5);
    assertThat(eks.calls(DESCRIBE_CLUSTER)).isEqualTo(1);
    assertThat(backend.list("AccessEntry", Map.of())).hasSize(230);
    // the partition is read once
    assertThat(eks.calls(DESCRIBE_CLUSTER)).isEqualTo(1);
  }

  @Test
  void aSteadyStateListCostsCallsPerOwnedEntryNotPerEntryInTheCluster() {
    int owned = 7;
    for (int i = 0; i < owned; i++) {
      backend.create(owned("arn:aws:iam::123456789012:role/team-" + i, "tenant.team-" + i,
          policy(i % 3 == 0 ? ADMIN : i % 3 == 1 ? VIEW : Role.EDIT.eksPolicyArn(), "team-" + i)));
    }
    backend.list("AccessEntry", Map.of()); // the partition is cached from here on
    eks.resetCalls();
    backend.list("AccessEntry", Map.of(Ownership.MANAGED_BY_TAG, Ownership.MANAGED_BY_VALUE));
    Map<String, Integer> alone = eks.callCounts();

    for (int i = 0; i < 150; i++) {
      String node = "arn:aws:iam::123456789012:role/node-" + i;
      eks.createAccessEntry(r -> r.clusterName("prod").principalArn(node).type("EC2_LINUX"));
    }
    for (int i = 0; i < 20; i++) {
      String admin = "arn:aws:iam::123456789012:role/admin-" + i;
      eks.createAccessEntry(r -> r.clusterName("prod").principalArn(admin).tags(Map.of("team", "platform")));
      eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(admin).policyArn(CLUSTER_ADMIN)
          .accessScope(s -> s.type(AccessScopeType.CLUSTER)));
      eks.createAccessEntry(r -> r.clusterName("prod").principalArn(admin + "-no-policy"));
    }
    eks.resetCalls();
    List<Resource> listed = backend.list("AccessEntry", Map.of(Ownership.MANAGED_BY_TAG, Ownership.MANAGED_BY_VALUE));

    assertThat(listed).hasSize(owned);
    assertThat(eks.callCounts()).isEqualTo(alone).isEqualTo(Map.of(
        LIST_ACCESS_ENTRIES, 3, DESCRIBE_ACCESS_ENTRY, owned, LIST_ASSOCIATED_ACCESS_POLICIES, owned));
  }

  @Test
  void aForeignEntryWithAPlatformPolicyCostsOneDescribe() {
    backend.create(owned(ROLE, "tenant.payments", policy(VIEW, "a")));
    String people = "arn:aws:iam::123456789012:role/readers";
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(people));
    eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(people).policyArn(VIEW)
        .accessScope(s -> s.type(AccessScopeType.CLUSTER)));
    backend.list("AccessEntry", Map.of());
    eks.resetCalls();

    assertThat(backend.list("AccessEntry", Ownership.tags("tenant.payments"))).extracting(r -> r.ref().name()).containsExactly(ROLE);
    assertThat(eks.callCounts()).isEqualTo(Map.of(LIST_ACCESS_ENTRIES, 3, DESCRIBE_ACCESS_ENTRY, 2, LIST_ASSOCIATED_ACCESS_POLICIES, 1));
  }

  @Test
  void anOwnedEntryWithoutPlatformPoliciesIsNotListedButGetFindsIt() {
    // what an interrupted create leaves: the tagged entry, no association yet
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(ROLE).tags(Ownership.tags("tenant.payments")));

    assertThat(backend.list("AccessEntry", Ownership.tags("tenant.payments"))).isEmpty();
    assertThat(backend.get(entry(ROLE)).orElseThrow().labels()).isEqualTo(Ownership.tags("tenant.payments"));
  }

  @Test
  void policiesAreListedInTheClustersPartition() {
    FakeEksClient china = new FakeEksClient(clock, "cn-north-1", "111122223333").addCluster("prod");
    StoreClient store = StoreClient.of(AwsBackend.builder().eks(china).clusterName("prod").build());
    String role = "arn:aws-cn:iam::123456789012:role/payments-admins";
    String view = Role.VIEW.eksPolicyArn("aws-cn");
    store.create(owned(role, "tenant.payments", policy(view, "a")));

    assertThat(store.list("AccessEntry", Ownership.tags("tenant.payments"))).singleElement()
        .satisfies(r -> assertThat(r.body().get("accessPolicies")).isEqualTo(List.of(policy(view, "a"))));
    store.list("AccessEntry", Map.of());
    assertThat(china.calls(DESCRIBE_CLUSTER)).isEqualTo(1);
  }

  @Test
  void aClusterOnAwsAuthOnlyIsAClearError() {
    eks.addCluster("legacy", AuthenticationMode.CONFIG_MAP);
    StoreClient legacy = StoreClient.of(AwsBackend.builder().eks(eks).clusterName("legacy").build());

    assertThatThrownBy(() -> legacy.list("AccessEntry", Map.of()))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("authentication mode must be set to one of [API, API_AND_CONFIG_MAP]")
        .hasMessageContaining("EKS cluster legacy authenticates with the aws-auth ConfigMap only")
        .hasMessageContaining("AWS_AUTH_CONFIGMAP");
  }

  @Test
  void createWritesTagsTypeAndScopedPoliciesThatReadBackSorted() {
    backend.create(owned(ROLE, "tenant.payments", policy(VIEW, "b", "a"), policy(ADMIN, "c")));

    Resource read = backend.get(entry(ROLE)).orElseThrow();

    assertThat(read.labels()).isEqualTo(Ownership.tags("tenant.payments"));
    assertThat(read.body()).isEqualTo(Map.of("type", "STANDARD",
        "accessPolicies", List.of(policy(ADMIN, "c"), policy(VIEW, "a", "b"))));
    assertThat(read.version()).isNotBlank().isEqualTo(backend.get(entry(ROLE)).orElseThrow().version());
    assertThat(read.created()).isEqualTo(clock.instant());
  }

  @Test
  void theVersionChangesWithEverythingComparedThoughModifiedAtDoesNot() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    String arn = eks.describeAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)).accessEntry().accessEntryArn();
    List<Runnable> changes = List.of(
        () -> eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(CLUSTER_ADMIN)
            .accessScope(s -> s.type(AccessScopeType.CLUSTER))),
        () -> eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(ADMIN)
            .accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces("a", "b"))),
        () -> eks.disassociateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(CLUSTER_ADMIN)),
        () -> eks.tagResource(r -> r.resourceArn(arn).tags(Map.of("k", "v"))),
        () -> eks.tagResource(r -> r.resourceArn(arn).tags(Map.of("k", "w"))),
        () -> eks.untagResource(r -> r.resourceArn(arn).tagKeys(Ownership.OWNER_TAG)),
        () -> {
          clock.advance(Duration.ofSeconds(1));
          eks.updateAccessEntry(r -> r.clusterName("prod").principalArn(ROLE).kubernetesGroups("ops"));
        });
    List<String> versions = new java.util.ArrayList<>(List.of(backend.get(entry(ROLE)).orElseThrow().version()));
    for (Runnable change : changes) {
      change.run();
      versions.add(backend.get(entry(ROLE)).orElseThrow().version());
    }

    assertThat(versions).doesNotHaveDuplicates().hasSize(changes.size() + 1);
  }

  @Test
  void aPolicyAssociatedByOthersSinceTheReadIsAConflictAndNothingIsWritten() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    Resource current = backend.get(entry(ROLE)).orElseThrow();
    // modifiedAt does not move with this
    eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(CLUSTER_ADMIN)
        .accessScope(s -> s.type(AccessScopeType.CLUSTER)));
    eks.resetCalls();

    assertThatThrownBy(() -> backend.update(current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("accessPolicies", List.of(policy(ADMIN, "a", "b"))))))
        .isInstanceOf(ConflictException.class).hasMessageContaining(ROLE)
        .hasMessageContaining(CLUSTER_ADMIN + " was associated (cluster)");
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void anUpdateWritesOntoWhatItJustReadAgain() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    Resource current = backend.get(entry(ROLE)).orElseThrow();

    backend.update(current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("accessPolicies", List.of(policy(VIEW, "a")))));

    assertThat(backend.get(entry(ROLE)).orElseThrow().body().get("accessPolicies")).isEqualTo(List.of(policy(VIEW, "a")));
  }

  @Test
  void anEntryWhoseOwnershipTagsWereRemovedIsNeverDeleted() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    Resource current = backend.get(entry(ROLE)).orElseThrow();
    String arn = eks.describeAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)).accessEntry().accessEntryArn();
    eks.untagResource(r -> r.resourceArn(arn).tagKeys(Ownership.MANAGED_BY_TAG, Ownership.OWNER_TAG));
    eks.resetCalls();

    assertThatThrownBy(() -> backend.delete(current))
        .isInstanceOfSatisfying(OwnershipException.class, e -> {
          assertThat(e.target()).isEqualTo(entry(ROLE));
          assertThat(e.retryable()).isFalse();
        })
        .hasMessageContaining("refusing to delete aws AccessEntry " + ROLE + " in EKS cluster prod")
        .hasMessageContaining("not managed by platformkit");
    assertThat(eks.writeCalls()).isZero();
    assertThat(backend.get(entry(ROLE))).isPresent();
  }

  @Test
  void anEntryNowOwnedByAnotherSpecIsNeverDeleted() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    Resource current = backend.get(entry(ROLE)).orElseThrow();
    String arn = eks.describeAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)).accessEntry().accessEntryArn();
    eks.tagResource(r -> r.resourceArn(arn).tags(Map.of(Ownership.OWNER_TAG, "tenant.billing")));

    assertThatThrownBy(() -> backend.delete(current)).isInstanceOf(OwnershipException.class)
        .hasMessageContaining("owned by tenant.billing");
    assertThat(backend.get(entry(ROLE))).isPresent();
  }

  @Test
  void anEntryChangedSinceItWasReadIsAConflictOnDelete() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    Resource current = backend.get(entry(ROLE)).orElseThrow();
    eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(VIEW)
        .accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces("x")));
    eks.resetCalls();

    assertThatThrownBy(() -> backend.delete(current)).isInstanceOf(ConflictException.class)
        .hasMessageContaining(VIEW + " was associated (namespace [x])");
    assertThat(eks.writeCalls()).isZero();

    backend.delete(backend.get(entry(ROLE)).orElseThrow());
    assertThat(backend.get(entry(ROLE))).isEmpty();
  }

  @Test
  void namespacesAndPoliciesAreSortedWhateverOrderEksKeeps() {
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(ROLE));
    eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(VIEW)
        .accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces("zeta", "alpha", "mid")));
    eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(ADMIN)
        .accessScope(s -> s.type(AccessScopeType.CLUSTER)));

    Resource read = backend.get(entry(ROLE)).orElseThrow();

    assertThat(read.body().get("accessPolicies")).isEqualTo(List.of(
        Map.of("policyArn", ADMIN, "accessScope", Map.of("type", "cluster")),
        policy(VIEW, "alpha", "mid", "zeta")));
  }

  @Test
  void absentEntriesReadAsEmptyAndDeleteTwiceIsFine() {
    assertThat(backend.get(entry(ROLE))).isEmpty();

    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    Resource read = backend.get(entry(ROLE)).orElseThrow();
    backend.delete(read);
    backend.delete(read);

    assertThat(backend.get(entry(ROLE))).isEmpty();
    assertThat(eks.listAccessEntries(r -> r.clusterName("prod")).accessEntries()).isEmpty();
  }

  @Test
  void creatingAnExistingEntryIsAConflict() {
    backend.create(owned(ROLE, "tenant.payments"));

    assertThatThrownBy(() -> backend.create(owned(ROLE, "tenant.payments")))
        .isInstanceOf(ConflictException.class).hasMessageContaining(ROLE).hasMessageContaining("prod");
  }

  @Test
  void systemManagedEntriesAreReadWithoutTouchingTheirPolicies() {
    String node = "arn:aws:iam::123456789012:role/eks-node-role";
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(node).type("EC2_LINUX"));
    eks.resetCalls();

    assertThat(backend.list("AccessEntry", Ownership.tags("tenant.payments"))).isEmpty();
    // a collision check still sees it, as what it is
    assertThat(backend.get(entry(node)).orElseThrow().body()).isEqualTo(Map.of("type", "EC2_LINUX"));
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void tagOnlyUpdatesTagAndUntagOnly() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    Resource current = backend.get(entry(ROLE)).orElseThrow();
    eks.resetCalls();

    backend.update(current, new ResourceUpdate(Map.of("cost-center", "cc-1", Ownership.OWNER_TAG, "tenant.payments"),
        Set.of("gone"), Map.of(), Set.of(), Map.of()));

    assertThat(eks.calls(TAG_RESOURCE)).isEqualTo(1);
    assertThat(eks.calls(UNTAG_RESOURCE)).isEqualTo(1);
    assertThat(eks.calls(ASSOCIATE_ACCESS_POLICY) + eks.calls(DISASSOCIATE_ACCESS_POLICY)).isZero();
    Resource after = backend.get(entry(ROLE)).orElseThrow();
    assertThat(after.labels()).containsEntry("cost-center", "cc-1").containsEntry(Ownership.MANAGED_BY_TAG, "platformkit");
    assertThat(after.body()).isEqualTo(current.body());

    eks.resetCalls();
    backend.update(after, new ResourceUpdate(Map.of(), Set.of("cost-center"), Map.of(), Set.of(), Map.of()));
    assertThat(eks.callCounts()).doesNotContainKey(TAG_RESOURCE).containsEntry(UNTAG_RESOURCE, 1);
    assertThat(backend.get(entry(ROLE)).orElseThrow().labels()).doesNotContainKey("cost-center");
  }

  @Test
  void scopeChangesReassociateAndDroppedPoliciesAreDisassociated() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a", "b"), policy(VIEW, "x")));
    Resource current = backend.get(entry(ROLE)).orElseThrow();
    eks.resetCalls();

    backend.update(current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("accessPolicies", List.of(policy(ADMIN, "c", "a")))));

    assertThat(eks.calls(ASSOCIATE_ACCESS_POLICY)).isEqualTo(1);
    assertThat(eks.calls(DISASSOCIATE_ACCESS_POLICY)).isEqualTo(1);
    assertThat(backend.get(entry(ROLE)).orElseThrow().body().get("accessPolicies")).isEqualTo(List.of(policy(ADMIN, "a", "c")));
  }

  @Test
  void anUnchangedPolicyIsNotReassociated() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a"), policy(VIEW, "x")));
    Resource current = backend.get(entry(ROLE)).orElseThrow();
    eks.resetCalls();

    backend.update(current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("accessPolicies", List.of(policy(ADMIN, "a"), policy(VIEW, "x", "y")))));

    assertThat(eks.calls(ASSOCIATE_ACCESS_POLICY)).isEqualTo(1);
    assertThat(eks.calls(DISASSOCIATE_ACCESS_POLICY)).isZero();
  }

  @Test
  void anEntryRecreatedSinceItWasReadIsAConflictNotATakeover() {
    backend.create(owned(ROLE, "tenant.payments", policy(ADMIN, "a")));
    Resource stale = backend.get(entry(ROLE)).orElseThrow();
    eks.deleteAccessEntry(r -> r.clusterName("prod").principalArn(ROLE));
    clock.advance(Duration.ofMinutes(5));
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(ROLE));
    eks.resetCalls();

    assertThatThrownBy(() -> backend.update(stale, new ResourceUpdate(Map.of("a", "b"), Set.of(), Map.of(), Set.of(), Map.of())))
        .isInstanceOf(ConflictException.class).hasMessageContaining(ROLE);
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void updatingAVanishedEntryIsNotFound() {
    backend.create(owned(ROLE, "tenant.payments"));
    Resource current = backend.get(entry(ROLE)).orElseThrow();
    eks.deleteAccessEntry(r -> r.clusterName("prod").principalArn(ROLE));

    assertThatThrownBy(() -> backend.update(current, new ResourceUpdate(Map.of("a", "b"), Set.of(), Map.of(), Set.of(), Map.of())))
        .isInstanceOf(NotFoundException.class).hasMessageContaining(ROLE).hasMessageContaining("prod");
  }

  @Test
  void theTypeOfAnEntryCannotBeChanged() {
    backend.create(owned(ROLE, "tenant.payments"));
    Resource current = backend.get(entry(ROLE)).orElseThrow();

    assertThatThrownBy(() -> backend.update(current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("type", "EC2_LINUX")))).hasMessageContaining("type").hasMessageContaining("cannot be changed");
  }

  @Test
  void anUnknownClusterIsNotFoundNamingTheCluster() {
    StoreClient elsewhere = StoreClient.of(AwsBackend.builder().eks(eks).clusterName("staging").build());

    assertThatThrownBy(() -> elsewhere.list("AccessEntry", Map.of()))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("EKS cluster staging not found");
    assertThatThrownBy(() -> elsewhere.create(owned(ROLE, "tenant.payments")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("staging");
  }

  @Test
  void eachMissingClientMakesItsKindsUnsupported() {
    assertThat(backend.store().provider()).isEqualTo("aws");
    assertThat(backend.supports("AccessEntry")).isTrue();
    assertThat(backend.store().supports(Kind.aws("RecordSet"))).isFalse();
    assertThatThrownBy(() -> backend.store().list(Kind.aws("RecordSet"), Map.of())).isInstanceOf(PlatformException.class)
        .hasMessageContaining("RecordSet");
    assertThatThrownBy(() -> AwsBackend.builder().build()).isInstanceOf(IllegalStateException.class);
    // node groups name their cluster: an EKS client alone holds them, access entries need the cluster
    AwsBackend nodeGroupsOnly = AwsBackend.builder().eks(eks).build();
    assertThat(nodeGroupsOnly.supports(StoreClient.kind("NodeGroup"))).isTrue();
    assertThat(nodeGroupsOnly.supports(StoreClient.kind("AccessEntry"))).isFalse();
    assertThat(nodeGroupsOnly.supports(StoreClient.kind("DBInstance"))).isFalse();
    assertThatThrownBy(() -> AwsBackend.builder().clusterName("prod").build()).hasMessageContaining("eks");
  }
}
