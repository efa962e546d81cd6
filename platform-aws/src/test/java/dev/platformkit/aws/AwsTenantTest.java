package dev.platformkit.aws;

import static dev.platformkit.aws.AwsBackendTest.ADMIN;
import static dev.platformkit.aws.AwsBackendTest.CLUSTER_ADMIN;
import static dev.platformkit.aws.AwsBackendTest.ROLE;
import static dev.platformkit.aws.AwsBackendTest.VIEW;
import static dev.platformkit.aws.AwsBackendTest.entry;
import static dev.platformkit.aws.AwsBackendTest.policy;
import static dev.platformkit.testkit.aws.FakeEksClient.ASSOCIATE_ACCESS_POLICY;
import static dev.platformkit.testkit.aws.FakeEksClient.CREATE_ACCESS_ENTRY;
import static dev.platformkit.testkit.aws.FakeEksClient.DELETE_ACCESS_ENTRY;
import static dev.platformkit.testkit.aws.FakeEksClient.DESCRIBE_ACCESS_ENTRY;
import static dev.platformkit.testkit.aws.FakeEksClient.DISASSOCIATE_ACCESS_POLICY;
import static dev.platformkit.testkit.aws.FakeEksClient.LIST_ACCESS_ENTRIES;
import static dev.platformkit.testkit.aws.FakeEksClient.LIST_ASSOCIATED_ACCESS_POLICIES;
import static dev.platformkit.testkit.aws.FakeEksClient.TAG_RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.Change;
import dev.platformkit.ConflictException;
import dev.platformkit.Ownership;
import dev.platformkit.OwnershipException;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.RetryPolicy;
import dev.platformkit.StalePlanException;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.StoreClient;
import dev.platformkit.testkit.aws.FakeEksClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.EksException;

/** Tenants' access entries through the {@link Platform}, on the EKS fake. */
class AwsTenantTest {
  private final FakeClock clock = FakeClock.standard();
  private final FakeEksClient eks = new FakeEksClient(clock).addCluster("prod");
  private final AwsBackend backend = AwsBackend.builder().eks(eks).clusterName("prod").build();
  private final List<PlatformException> retried = new ArrayList<>();
  // what someone else does right before platformkit writes an access entry (run once)
  private Runnable beforeAccessEntryWrite = () -> {};
  private final Platform platform = Platform.builder()
      .kubernetes(InMemoryStore.kubernetes())
      .aws(backend)
      .clock(clock).sleeper(clock.sleeper()).jitterSeed(3).retryPolicy(RetryPolicy.DEFAULT)
      .listener(new ProgressListener() {
        @Override
        public void starting(Change change) {
          if (change.target().kind().equals("AccessEntry")) {
            Runnable interleaved = beforeAccessEntryWrite;
            beforeAccessEntryWrite = () -> {};
            interleaved.run();
          }
        }

        @Override
        public void retrying(Change change, int attempt, PlatformException cause) {
          retried.add(cause);
        }
      })
      .build();

  private static Tenant payments(Role role, String... namespaces) {
    Tenant.Builder b = Tenant.builder().name("payments")
        .addMembers(Member.builder().kind(MemberKind.IamRole).name(ROLE).role(role).build());
    for (String ns : namespaces) {
      b.addNamespaces(Namespace.of(ns));
    }
    return b.build();
  }

  private Object policies() {
    return StoreClient.of(backend).get(entry(ROLE)).orElseThrow().body().get("accessPolicies");
  }

  private static EksException accessDenied() {
    return (EksException) EksException.builder().message("not authorized").statusCode(403)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("not authorized").build())
        .build();
  }

  @Test
  void aSteadyStateReapplyMakesNoWriteCalls() {
    List<Tenant> tenants = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tenants.add(Tenant.builder().name("team-" + i)
          .addMembers(Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/team-" + i).role(Role.EDIT).build())
          .build());
    }
    platform.tenants().apply(tenants);
    eks.resetCalls();

    assertThat(platform.tenants().apply(tenants).isNoop()).isTrue();

    assertThat(eks.writeCalls()).as(eks.callCounts().toString()).isZero();
    // one listing per policy platformkit associates, then the owned entries only
    assertThat(eks.callCounts()).isEqualTo(Map.of(LIST_ACCESS_ENTRIES, 3, DESCRIBE_ACCESS_ENTRY, 5, LIST_ASSOCIATED_ACCESS_POLICIES, 5));
  }

  @Test
  void theCostOfASteadyStatePlanGrowsWithTheOwnedEntriesNotWithTheForeignOnes() {
    List<Tenant> tenants = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tenants.add(Tenant.builder().name("team-" + i)
          .addMembers(Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/team-" + i)
              .role(Role.values()[i % 3]).build())
          .build());
    }
    platform.tenants().apply(tenants);
    eks.resetCalls();
    assertThat(platform.tenants().plan(tenants).isEmpty()).isTrue();
    Map<String, Integer> alone = eks.callCounts();

    for (int i = 0; i < 250; i++) {
      String node = "arn:aws:iam::123456789012:role/node-" + i;
      eks.createAccessEntry(r -> r.clusterName("prod").principalArn(node).type("EC2_LINUX"));
    }
    for (int i = 0; i < 30; i++) {
      String admin = "arn:aws:iam::123456789012:role/admin-" + i;
      eks.createAccessEntry(r -> r.clusterName("prod").principalArn(admin));
      eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(admin).policyArn(CLUSTER_ADMIN)
          .accessScope(s -> s.type(AccessScopeType.CLUSTER)));
    }
    eks.resetCalls();
    assertThat(platform.tenants().plan(tenants).isEmpty()).isTrue();

    assertThat(eks.callCounts()).isEqualTo(alone)
        .isEqualTo(Map.of(LIST_ACCESS_ENTRIES, 3, DESCRIBE_ACCESS_ENTRY, 12, LIST_ASSOCIATED_ACCESS_POLICIES, 12));
  }

  @Test
  void aPolicyAssociatedByOthersAfterThePlanStopsTheSavedPlan() {
    platform.tenants().apply(payments(Role.ADMIN, "payments-dev"));
    Plan plan = platform.tenants().plan(payments(Role.ADMIN, "payments-dev", "payments-stage"));
    // between the plan's last read and its write to the entry
    beforeAccessEntryWrite = this::grantClusterAdmin;

    assertThatThrownBy(() -> platform.tenants().apply(plan))
        .isInstanceOf(StalePlanException.class).hasMessageContaining(ROLE).hasMessageContaining("AmazonEKSClusterAdminPolicy");

    assertThat(retried).singleElement().satisfies(e -> assertThat(e).isInstanceOf(ConflictException.class)
        .hasMessageContaining(CLUSTER_ADMIN + " was associated (cluster)"));
    // stopped before writing to the entry: planning again shows the removal
    assertThat(eks.calls(ASSOCIATE_ACCESS_POLICY)).isEqualTo(2); // the first apply's and the intruder's
    assertThat(eks.calls(DISASSOCIATE_ACCESS_POLICY)).isZero();
    assertThat(platform.tenants().plan(payments(Role.ADMIN, "payments-dev", "payments-stage")).render())
        .contains("AmazonEKSClusterAdminPolicy");
  }

  @Test
  void aPolicyAssociatedByOthersDuringAOnePassApplyIsRemovedNotLeftInPlace() {
    platform.tenants().apply(payments(Role.ADMIN, "payments-dev"));
    beforeAccessEntryWrite = this::grantClusterAdmin;

    platform.tenants().apply(payments(Role.ADMIN, "payments-dev", "payments-stage"));

    assertThat(retried).singleElement().isInstanceOf(ConflictException.class);
    assertThat(policies()).isEqualTo(List.of(policy(ADMIN, "payments-dev", "payments-stage")));
    assertThat(platform.tenants().plan(payments(Role.ADMIN, "payments-dev", "payments-stage")).isEmpty()).isTrue();
  }

  @Test
  void anEntryWhoseOwnershipTagsWereRemovedAfterThePlanIsNotDeleted() {
    Tenant t = payments(Role.ADMIN, "payments-dev");
    platform.tenants().apply(t);
    Plan deletion = platform.tenants().planDelete(t);
    beforeAccessEntryWrite = () -> {
      String arn = eks.describeAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)).accessEntry().accessEntryArn();
      eks.untagResource(r -> r.resourceArn(arn).tagKeys(Ownership.MANAGED_BY_TAG, Ownership.OWNER_TAG));
    };

    assertThatThrownBy(() -> platform.tenants().apply(deletion))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("refusing to delete aws AccessEntry " + ROLE);

    assertThat(eks.calls(DELETE_ACCESS_ENTRY)).isZero();
    assertThat(StoreClient.of(backend).get(entry(ROLE))).isPresent();
  }

  private void grantClusterAdmin() {
    eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(CLUSTER_ADMIN)
        .accessScope(s -> s.type(AccessScopeType.CLUSTER)));
  }

  @Test
  void systemManagedEntriesAreLeftAlone() {
    String node = "arn:aws:iam::123456789012:role/eks-node-role";
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(node).type("EC2_LINUX"));
    String admin = "arn:aws:iam::123456789012:role/cluster-admin";
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(admin));
    eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(admin)
        .policyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy").accessScope(s -> s.type("cluster")));
    var before = List.of(StoreClient.of(backend).get(entry(node)).orElseThrow(), StoreClient.of(backend).get(entry(admin)).orElseThrow());

    platform.tenants().apply(payments(Role.ADMIN, "payments-dev"));
    Plan deletion = platform.tenants().planDelete(payments(Role.ADMIN, "payments-dev"));
    platform.tenants().apply(deletion);

    assertThat(deletion.changes()).filteredOn(c -> c.target().kind().equals("AccessEntry"))
        .extracting(c -> c.target().name()).containsExactly(ROLE);
    assertThat(List.of(StoreClient.of(backend).get(entry(node)).orElseThrow(), StoreClient.of(backend).get(entry(admin)).orElseThrow())).isEqualTo(before);
    assertThat(StoreClient.of(backend).get(entry(ROLE))).isEmpty();
  }

  @Test
  void aForeignEntryForTheSamePrincipalIsAnOwnershipError() {
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(ROLE).tags(Map.of("team", "platform")));
    eks.resetCalls();

    assertThatThrownBy(() -> platform.tenants().apply(payments(Role.ADMIN, "payments-dev")))
        .isInstanceOf(OwnershipException.class).hasMessageContaining(ROLE).hasMessageContaining("not managed by platformkit");
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void anEntryOfAnotherTenantIsAnOwnershipError() {
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(ROLE).tags(Ownership.tags("tenant.billing")));

    assertThatThrownBy(() -> platform.tenants().plan(payments(Role.ADMIN, "payments-dev")))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("tenant.billing");
  }

  @Test
  void throttledWritesAreRetriedThroughThePlatform() {
    eks.throttleNext(CREATE_ACCESS_ENTRY, 2);

    platform.tenants().apply(payments(Role.ADMIN, "payments-dev"));

    assertThat(eks.pendingFaults()).isZero();
    assertThat(retried).hasSize(2).allSatisfy(e -> {
      assertThat(e).isInstanceOf(BackendException.class).hasMessageContaining(ROLE).hasMessageContaining("prod");
      assertThat(e.retryable()).isTrue();
      assertThat(((BackendException) e).status()).hasValue(429);
    });
    assertThat(policies()).isEqualTo(List.of(policy(ADMIN, "payments-dev")));
    assertThat(platform.tenants().plan(payments(Role.ADMIN, "payments-dev")).isEmpty()).isTrue();
  }

  @Test
  void aThrottledAssociationAfterCreateIsCompletedByTheRetry() {
    eks.throttleNext(ASSOCIATE_ACCESS_POLICY, 1);

    platform.tenants().apply(payments(Role.ADMIN, "payments-dev", "payments-stage"));

    // the retried create finds the entry (conflict), reads it again and updates it instead
    assertThat(eks.calls(CREATE_ACCESS_ENTRY)).isEqualTo(2);
    assertThat(policies()).isEqualTo(List.of(policy(ADMIN, "payments-dev", "payments-stage")));
    assertThat(platform.tenants().plan(payments(Role.ADMIN, "payments-dev", "payments-stage")).isEmpty()).isTrue();
  }

  @Test
  void aFailedAssociationAfterCreateIsRepairedByTheNextPlan() {
    eks.failNext(ASSOCIATE_ACCESS_POLICY, 1, AwsTenantTest::accessDenied);
    Tenant t = payments(Role.ADMIN, "payments-dev");

    assertThatThrownBy(() -> platform.tenants().apply(t)).isInstanceOf(BackendException.class)
        .hasMessageContaining("AccessDeniedException").hasMessageContaining(ROLE).hasMessageContaining("planning again shows the missing association");
    assertThat(StoreClient.of(backend).get(entry(ROLE)).orElseThrow().labels()).containsEntry(Ownership.OWNER_TAG, "tenant.payments");

    Plan repair = platform.tenants().plan(t);
    assertThat(repair.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Change.Action.UPDATE);
      assertThat(c.target()).isEqualTo(entry(ROLE));
    });
    platform.tenants().apply(repair);
    assertThat(policies()).isEqualTo(List.of(policy(ADMIN, "payments-dev")));
  }

  @Test
  void nonRetryableErrorsAreNotRetried() {
    eks.failNext(CREATE_ACCESS_ENTRY, 1, AwsTenantTest::accessDenied);

    assertThatThrownBy(() -> platform.tenants().apply(payments(Role.ADMIN, "payments-dev")))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.status()).hasValue(403);
        });
    assertThat(retried).isEmpty();
    assertThat(eks.calls(CREATE_ACCESS_ENTRY)).isEqualTo(1);
  }

  @Test
  void addingAndRemovingNamespacesReassociatesTheSamePolicy() {
    platform.tenants().apply(payments(Role.EDIT, "payments-dev"));
    eks.resetCalls();

    platform.tenants().apply(payments(Role.EDIT, "payments-dev", "payments-stage"));
    String edit = Role.EDIT.eksPolicyArn();
    assertThat(policies()).isEqualTo(List.of(policy(edit, "payments-dev", "payments-stage")));
    platform.tenants().apply(payments(Role.EDIT, "payments-stage"));
    assertThat(policies()).isEqualTo(List.of(policy(edit, "payments-stage")));

    assertThat(eks.calls(ASSOCIATE_ACCESS_POLICY)).isEqualTo(2);
    assertThat(eks.calls(DISASSOCIATE_ACCESS_POLICY)).isZero();
    assertThat(eks.calls(TAG_RESOURCE)).isZero();
  }

  @Test
  void aRoleChangeSwapsThePolicyAndNeverLeavesTheOldOneBehindAFailure() {
    platform.tenants().apply(payments(Role.ADMIN, "payments-dev"));
    eks.failNext(ASSOCIATE_ACCESS_POLICY, 1, AwsTenantTest::accessDenied);

    assertThatThrownBy(() -> platform.tenants().apply(payments(Role.VIEW, "payments-dev"))).isInstanceOf(BackendException.class);
    // removals go first: a failed swap leaves less access, not more
    assertThat(policies()).isEqualTo(List.of());

    platform.tenants().apply(payments(Role.VIEW, "payments-dev"));
    assertThat(policies()).isEqualTo(List.of(policy(VIEW, "payments-dev")));
  }

  @Test
  void aRemovedOwnershipTagIsRestoredWithATagCallOnly() {
    platform.tenants().apply(payments(Role.ADMIN, "payments-dev"));
    String arn = eks.describeAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)).accessEntry().accessEntryArn();
    eks.untagResource(r -> r.resourceArn(arn).tagKeys(Ownership.TENANT_TAG));
    eks.resetCalls();

    Plan plan = platform.tenants().plan(payments(Role.ADMIN, "payments-dev"));
    platform.tenants().apply(plan);

    assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.diff().toString()).contains(Ownership.TENANT_TAG));
    assertThat(eks.callCounts()).containsEntry(TAG_RESOURCE, 1)
        .doesNotContainKeys(ASSOCIATE_ACCESS_POLICY, DISASSOCIATE_ACCESS_POLICY, CREATE_ACCESS_ENTRY);
    assertThat(StoreClient.of(backend).get(entry(ROLE)).orElseThrow().labels()).containsEntry(Ownership.TENANT_TAG, "payments");
  }
}
