package dev.platformkit.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ListAccessEntriesResponse;
import software.amazon.awssdk.services.eks.model.ListAssociatedAccessPoliciesResponse;
import software.amazon.awssdk.services.eks.model.NotFoundException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

class FakeEksClientTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/payments-admins";
  private static final String ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy";
  private static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

  private final FakeClock clock = FakeClock.standard();
  private final FakeEksClient eks = new FakeEksClient(clock).addCluster("prod");

  private AccessEntry create(String principal, Map<String, String> tags) {
    return eks.createAccessEntry(r -> r.clusterName("prod").principalArn(principal).tags(tags)).accessEntry();
  }

  private void associate(String principal, String policy, String... namespaces) {
    eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(principal).policyArn(policy)
        .accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces(namespaces)));
  }

  @Test
  void createStoresWhatDescribeReturns() {
    AccessEntry created = create(ROLE, Map.of("owner", "me"));

    AccessEntry described = eks.describeAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)).accessEntry();
    assertThat(described).isEqualTo(created);
    assertThat(described.type()).isEqualTo("STANDARD");
    assertThat(described.tags()).containsExactlyEntriesOf(Map.of("owner", "me"));
    assertThat(described.accessEntryArn()).startsWith("arn:aws:eks:us-east-1:111122223333:access-entry/prod/role/123456789012/payments-admins/");
    assertThat(described.username()).isEqualTo("arn:aws:sts::123456789012:assumed-role/payments-admins/{{SessionName}}");
    assertThat(described.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void aDuplicatePrincipalIsResourceInUse() {
    create(ROLE, Map.of());

    assertThatThrownBy(() -> create(ROLE, Map.of("x", "y")))
        .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(409);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceInUseException");
        });
    assertThat(eks.describeAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)).accessEntry().tags()).isEmpty();
  }

  @Test
  void repeatingTheClientRequestTokenIsIdempotent() {
    AccessEntry first = eks.createAccessEntry(r -> r.clusterName("prod").principalArn(ROLE).clientRequestToken("t-1")).accessEntry();

    AccessEntry again = eks.createAccessEntry(r -> r.clusterName("prod").principalArn(ROLE).clientRequestToken("t-1")).accessEntry();

    assertThat(again).isEqualTo(first);
    assertThatThrownBy(() -> eks.createAccessEntry(r -> r.clusterName("prod").principalArn(ROLE).clientRequestToken("t-2")))
        .isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void missingEntriesAndClustersAreResourceNotFound() {
    assertThatThrownBy(() -> eks.describeAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)))
        .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> eks.deleteAccessEntry(r -> r.clusterName("prod").principalArn(ROLE)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> eks.listAccessEntries(r -> r.clusterName("staging")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("staging");
    create(ROLE, Map.of());
    assertThatThrownBy(() -> eks.disassociateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(ADMIN)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listingIsPaginatedAndReturnsPrincipalArnsOnly() {
    List<String> principals = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      principals.add("arn:aws:iam::123456789012:role/r" + i);
      create(principals.get(i), Map.of());
    }

    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String current = token;
      ListAccessEntriesResponse page = eks.listAccessEntries(r -> r.clusterName("prod").maxResults(3).nextToken(current));
      assertThat(page.accessEntries()).hasSizeLessThanOrEqualTo(3);
      seen.addAll(page.accessEntries());
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(principals);
    assertThat(eks.listAccessEntries(r -> r.clusterName("prod")).accessEntries()).hasSize(7);
    assertThatThrownBy(() -> eks.listAccessEntries(r -> r.clusterName("prod").maxResults(101)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> eks.listAccessEntries(r -> r.clusterName("prod").nextToken("garbage!")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void associatingAgainReplacesTheScope() {
    create(ROLE, Map.of());
    associate(ROLE, ADMIN, "a", "b");
    clock.advance(Duration.ofMinutes(1));

    associate(ROLE, ADMIN, "c");

    List<AssociatedAccessPolicy> policies = eks.listAssociatedAccessPolicies(r -> r.clusterName("prod").principalArn(ROLE))
        .associatedAccessPolicies();
    assertThat(policies).singleElement().satisfies(p -> {
      assertThat(p.accessScope().namespaces()).containsExactly("c");
      assertThat(p.modifiedAt()).isAfter(p.associatedAt());
    });
  }

  @Test
  void associationsArePaginatedAndGoWithTheEntry() {
    create(ROLE, Map.of());
    associate(ROLE, ADMIN, "a");
    associate(ROLE, VIEW, "b");

    ListAssociatedAccessPoliciesResponse first = eks.listAssociatedAccessPolicies(r -> r.clusterName("prod").principalArn(ROLE).maxResults(1));
    ListAssociatedAccessPoliciesResponse second = eks.listAssociatedAccessPolicies(r -> r.clusterName("prod").principalArn(ROLE)
        .maxResults(1).nextToken(first.nextToken()));

    assertThat(first.nextToken()).isNotNull();
    assertThat(second.nextToken()).isNull();
    assertThat(List.of(first.associatedAccessPolicies().get(0).policyArn(), second.associatedAccessPolicies().get(0).policyArn()))
        .containsExactlyInAnyOrder(ADMIN, VIEW);
    assertThat(eks.listAccessEntries(r -> r.clusterName("prod").associatedPolicyArn(VIEW)).accessEntries()).containsExactly(ROLE);

    eks.deleteAccessEntry(r -> r.clusterName("prod").principalArn(ROLE));
    create(ROLE, Map.of());
    assertThat(eks.listAssociatedAccessPolicies(r -> r.clusterName("prod").principalArn(ROLE)).associatedAccessPolicies()).isEmpty();
  }

  @Test
  void scopesAndEntryTypesAreValidated() {
    create(ROLE, Map.of());
    assertThatThrownBy(() -> associate(ROLE, ADMIN)).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> eks.associateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(ADMIN)
        .accessScope(s -> s.type(AccessScopeType.CLUSTER).namespaces("a")))).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> associate(ROLE, "arn:aws:iam::aws:policy/AdministratorAccess", "a"))
        .isInstanceOf(InvalidParameterException.class);

    String node = "arn:aws:iam::123456789012:role/eks-node";
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(node).type("EC2_LINUX"));
    assertThatThrownBy(() -> associate(node, ADMIN, "a")).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("STANDARD");
    assertThatThrownBy(() -> eks.createAccessEntry(r -> r.clusterName("prod").principalArn("not-an-arn")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void tagsAreAddressedByTheEntryArn() {
    String arn = create(ROLE, Map.of("a", "1", "b", "2")).accessEntryArn();

    eks.tagResource(r -> r.resourceArn(arn).tags(Map.of("b", "3", "c", "4")));
    eks.untagResource(r -> r.resourceArn(arn).tagKeys("a", "missing"));

    assertThat(eks.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "3", "c", "4"));
    eks.deleteAccessEntry(r -> r.clusterName("prod").principalArn(ROLE));
    String recreated = create(ROLE, Map.of()).accessEntryArn();
    assertThat(recreated).isNotEqualTo(arn);
    assertThatThrownBy(() -> eks.tagResource(r -> r.resourceArn(arn).tags(Map.of("x", "y"))))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> eks.tagResource(r -> r.resourceArn(recreated).tags(Map.of("aws:reserved", "y"))))
        .isInstanceOf(AwsServiceException.class).hasMessageContaining("reserved");
  }

  @Test
  void throttlingIsInjectedAsTheSdkReportsIt() {
    eks.throttleNext(2);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> eks.listAccessEntries(r -> r.clusterName("prod")))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.isThrottlingException()).isTrue();
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
          });
    }
    assertThat(eks.listAccessEntries(r -> r.clusterName("prod")).accessEntries()).isEmpty();
    assertThat(eks.calls(FakeEksClient.LIST_ACCESS_ENTRIES)).isEqualTo(3);
  }

  @Test
  void faultsAimedAtOneOperationLeaveOthersAlone() {
    eks.throttleNext(FakeEksClient.CREATE_ACCESS_ENTRY, 1);

    eks.listAccessEntries(r -> r.clusterName("prod"));
    assertThatThrownBy(() -> create(ROLE, Map.of())).isInstanceOf(AwsServiceException.class);
    create(ROLE, Map.of());

    assertThat(eks.pendingFaults()).isZero();
    assertThat(eks.writeCalls()).isEqualTo(2);
    eks.resetCalls();
    assertThat(eks.callCounts()).isEmpty();
  }

  @Test
  void aConfigMapClusterRefusesEveryAccessEntryCallAsEksDoes() {
    eks.addCluster("legacy", AuthenticationMode.CONFIG_MAP);
    List<Runnable> calls = List.of(
        () -> eks.listAccessEntries(r -> r.clusterName("legacy")),
        () -> eks.createAccessEntry(r -> r.clusterName("legacy").principalArn(ROLE)),
        () -> eks.describeAccessEntry(r -> r.clusterName("legacy").principalArn(ROLE)),
        () -> eks.updateAccessEntry(r -> r.clusterName("legacy").principalArn(ROLE).username("x")),
        () -> eks.deleteAccessEntry(r -> r.clusterName("legacy").principalArn(ROLE)),
        () -> eks.listAssociatedAccessPolicies(r -> r.clusterName("legacy").principalArn(ROLE)),
        () -> eks.associateAccessPolicy(r -> r.clusterName("legacy").principalArn(ROLE).policyArn(ADMIN)
            .accessScope(s -> s.type(AccessScopeType.CLUSTER))),
        () -> eks.disassociateAccessPolicy(r -> r.clusterName("legacy").principalArn(ROLE).policyArn(ADMIN)));

    for (Runnable call : calls) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
            "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.");
      });
    }
    // the cluster itself is there, and says why
    Cluster legacy = eks.describeCluster(r -> r.name("legacy")).cluster();
    assertThat(legacy.accessConfig().authenticationMode()).isEqualTo(AuthenticationMode.CONFIG_MAP);
    assertThat(eks.describeCluster(r -> r.name("prod")).cluster().accessConfig().authenticationMode())
        .isEqualTo(AuthenticationMode.API_AND_CONFIG_MAP);
    eks.addCluster("api", AuthenticationMode.API);
    eks.createAccessEntry(r -> r.clusterName("api").principalArn(ROLE));
    assertThat(eks.listAccessEntries(r -> r.clusterName("api")).accessEntries()).containsExactly(ROLE);
  }

  @Test
  void modifiedAtMovesWithUpdateAccessEntryOnlyNotWithPoliciesOrTags() {
    AccessEntry created = create(ROLE, Map.of("a", "1"));
    clock.advance(Duration.ofMinutes(1));
    associate(ROLE, ADMIN, "a");
    clock.advance(Duration.ofMinutes(1));
    associate(ROLE, ADMIN, "b");
    eks.disassociateAccessPolicy(r -> r.clusterName("prod").principalArn(ROLE).policyArn(ADMIN));
    eks.tagResource(r -> r.resourceArn(created.accessEntryArn()).tags(Map.of("b", "2")));
    eks.untagResource(r -> r.resourceArn(created.accessEntryArn()).tagKeys("a"));

    assertThat(describe(ROLE).modifiedAt()).isEqualTo(created.createdAt()).isEqualTo(created.modifiedAt());

    clock.advance(Duration.ofMinutes(1));
    AccessEntry updated = eks.updateAccessEntry(r -> r.clusterName("prod").principalArn(ROLE).kubernetesGroups("ops")).accessEntry();

    assertThat(updated.modifiedAt()).isEqualTo(clock.instant()).isAfter(created.modifiedAt());
    assertThat(describe(ROLE)).isEqualTo(updated);
    assertThat(updated.kubernetesGroups()).containsExactly("ops");
    assertThat(updated.createdAt()).isEqualTo(created.createdAt());
    String node = "arn:aws:iam::123456789012:role/eks-node";
    eks.createAccessEntry(r -> r.clusterName("prod").principalArn(node).type("EC2_LINUX"));
    assertThatThrownBy(() -> eks.updateAccessEntry(r -> r.clusterName("prod").principalArn(node).username("me")))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("STANDARD");
    assertThat(eks.calls(FakeEksClient.UPDATE_ACCESS_ENTRY)).isEqualTo(2);
  }

  @Test
  void arnsFollowThePartitionOfThePrincipalAndOfTheRegion() {
    String china = "arn:aws-cn:iam::123456789012:role/payments-admins";
    String govCloud = "arn:aws-us-gov:iam::123456789012:role/payments-admins";
    FakeEksClient cn = new FakeEksClient(clock, "cn-north-1", "111122223333").addCluster("prod");

    assertThat(cn.createAccessEntry(r -> r.clusterName("prod").principalArn(china)).accessEntry().accessEntryArn())
        .startsWith("arn:aws-cn:eks:cn-north-1:111122223333:access-entry/prod/role/123456789012/payments-admins/");
    assertThat(describeIn(cn, china).username()).isEqualTo("arn:aws-cn:sts::123456789012:assumed-role/payments-admins/{{SessionName}}");
    assertThat(cn.describeCluster(r -> r.name("prod")).cluster().arn()).isEqualTo("arn:aws-cn:eks:cn-north-1:111122223333:cluster/prod");
    cn.associateAccessPolicy(r -> r.clusterName("prod").principalArn(china)
        .policyArn("arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSViewPolicy").accessScope(s -> s.type(AccessScopeType.CLUSTER)));
    assertThat(cn.listAccessEntries(r -> r.clusterName("prod")
        .associatedPolicyArn("arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSViewPolicy")).accessEntries()).containsExactly(china);

    FakeEksClient gov = new FakeEksClient(clock, "us-gov-west-1", "111122223333").addCluster("prod");
    assertThat(gov.createAccessEntry(r -> r.clusterName("prod").principalArn(govCloud)).accessEntry().accessEntryArn())
        .startsWith("arn:aws-us-gov:eks:us-gov-west-1:");
    assertThat(gov.describeCluster(r -> r.name("prod")).cluster().arn()).startsWith("arn:aws-us-gov:eks:");
    assertThat(eks.describeCluster(r -> r.name("prod")).cluster().arn()).isEqualTo("arn:aws:eks:us-east-1:111122223333:cluster/prod");
    assertThatThrownBy(() -> eks.describeCluster(r -> r.name("staging"))).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listingByAssociatedPolicyReturnsOnlyEntriesWithThatPolicyAcrossPages() {
    for (int i = 0; i < 5; i++) {
      String principal = "arn:aws:iam::123456789012:role/r" + i;
      create(principal, Map.of());
      associate(principal, i % 2 == 0 ? VIEW : ADMIN, "a");
    }
    create("arn:aws:iam::123456789012:role/none", Map.of());

    ListAccessEntriesResponse first = eks.listAccessEntries(r -> r.clusterName("prod").associatedPolicyArn(VIEW).maxResults(2));
    ListAccessEntriesResponse second = eks.listAccessEntries(r -> r.clusterName("prod").associatedPolicyArn(VIEW).maxResults(2)
        .nextToken(first.nextToken()));

    assertThat(first.accessEntries()).containsExactly("arn:aws:iam::123456789012:role/r0", "arn:aws:iam::123456789012:role/r2");
    assertThat(second.accessEntries()).containsExactly("arn:aws:iam::123456789012:role/r4");
    assertThat(second.nextToken()).isNull();
    eks.disassociateAccessPolicy(r -> r.clusterName("prod").principalArn("arn:aws:iam::123456789012:role/r4").policyArn(VIEW));
    assertThat(eks.listAccessEntries(r -> r.clusterName("prod").associatedPolicyArn(VIEW)).accessEntries()).hasSize(2);
    assertThat(eks.listAccessEntries(r -> r.clusterName("prod")).accessEntries()).hasSize(6);
  }

  private AccessEntry describe(String principal) {
    return describeIn(eks, principal);
  }

  private static AccessEntry describeIn(FakeEksClient client, String principal) {
    return client.describeAccessEntry(r -> r.clusterName("prod").principalArn(principal)).accessEntry();
  }
}
