package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.testkit.StoreClient;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.OwnershipException;
import dev.platformkit.Platform;
import dev.platformkit.RetryPolicy;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.InMemoryStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.nio.ByteBuffer;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tenants with IAM roles on a cluster that authenticates through the aws-auth ConfigMap. */
class AwsAuthIT {
  static final String MAP_ROLES = """
      # nodes, added by eksctl
      - groups:
        - system:bootstrappers
        - system:nodes
        rolearn: arn:aws:iam::111122223333:role/eksctl-prod-nodegroup-NodeInstanceRole-1ABCDEF
        username: system:node:{{EC2PrivateDNSName}}
      - rolearn: arn:aws:iam::111122223333:role/Admin   # break-glass
        username: admin
        groups: [system:masters]
      """;
  static final String MAP_USERS = """
      - userarn: arn:aws:iam::111122223333:user/alice
        username: alice
        groups:
        - system:masters
      """;
  static final String OUR_ENTRY = """
      - rolearn: arn:aws:iam::111122223333:role/payments-admins
        username: platformkit:payments:{{SessionName}}
        groups:
          - platformkit:payments:admin
      """;
  static final ResourceRef MAPPING = ResourceRef.kubernetes("AwsAuthMapping", "kube-system", Tenants.PAYMENTS_ROLE);

  final MockCluster cluster = MockCluster.crud();
  final KubernetesBackend raw = KubernetesBackend.create(cluster.client);
  final StoreClient backend = StoreClient.of(raw);
  final Platform platform = platform(raw);

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void applyAppendsTheTenantsRolesAndKeepsEverythingElse() {
    seed(MAP_ROLES);

    platform.tenants().apply(Tenants.payments());

    ConfigMap cm = awsAuth();
    assertThat(cm.getData().get("mapRoles")).isEqualTo(MAP_ROLES + OUR_ENTRY);
    assertThat(cm.getData().get("mapUsers")).isEqualTo(MAP_USERS);
    assertThat(cm.getMetadata().getAnnotations()).containsEntry("owner", "platform-team")
        .containsEntry("platformkit.dev/aws-auth-owners", "{\"" + Tenants.PAYMENTS_ROLE + "\":{"
            + "\"app.kubernetes.io/managed-by\":\"platformkit\",\"platformkit.dev/owner\":\"tenant.payments\","
            + "\"platformkit.dev/tenant\":\"payments\"}}");
    Resource binding = backend.get(ResourceRef.kubernetes("RoleBinding", "payments-dev", "platformkit-admin")).orElseThrow();
    assertThat(binding.body().get("subjects").toString()).contains("name=platformkit:payments:admin");
    assertThat(backend.get(MAPPING).orElseThrow().body())
        .containsEntry("username", "platformkit:payments:{{SessionName}}")
        .containsEntry("groups", List.of("platformkit:payments:admin"));
  }

  @Test
  void aForeignEntryForTheSameRoleSpelledInAnotherCaseIsNotOurs() {
    // the authenticator compares role ARNs without case: this is the same role
    seed(MAP_ROLES + "- rolearn: " + Tenants.PAYMENTS_ROLE.replace("payments-admins", "Payments-Admins")
        + "\n  username: someone\n  groups: [system:masters]\n");

    assertThatThrownBy(() -> platform.tenants().plan(Tenants.payments()))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("payments-admins");
  }

  @Test
  void aSecondEntryAddedForOurRoleIsSeenAndNeverSilentlyDropped() {
    seed(MAP_ROLES);
    platform.tenants().apply(Tenants.payments());
    String extra = "- rolearn: " + Tenants.PAYMENTS_ROLE + "\n  username: eksctl\n  groups: [system:masters]\n";
    cluster.client.configMaps().inNamespace("kube-system").withName("aws-auth")
        .edit(cm -> { cm.getData().put("mapRoles", cm.getData().get("mapRoles") + extra); return cm; });

    // the last entry is the one that counts, so the drift shows in the plan ...
    assertThat(platform.tenants().plan(Tenants.payments()).render()).contains("system:masters");
    // ... but which entry to keep is a person's call
    assertThatThrownBy(() -> platform.tenants().apply(Tenants.payments()))
        .isInstanceOf(BackendException.class).hasMessageContaining("2 entries for " + Tenants.PAYMENTS_ROLE);
    assertThat(awsAuth().getData().get("mapRoles")).endsWith(OUR_ENTRY + extra);
  }

  @Test
  void reapplyingReadsTheConfigMapOnceAndWritesNothing() {
    seed(MAP_ROLES);
    platform.tenants().apply(Tenants.payments());
    cluster.takeRequests();

    assertThat(platform.tenants().apply(Tenants.payments()).isNoop()).isTrue();

    assertThat(cluster.takeRequests()).noneMatch(MockCluster.Request::isWrite)
        .filteredOn(r -> r.path().contains("aws-auth")).hasSize(1);
  }

  @Test
  void aRoleChangeRewritesOnlyTheTenantsEntry() {
    String after = "- rolearn: arn:aws:iam::111122223333:role/other\n  groups: [x]\n";
    seed(MAP_ROLES);
    platform.tenants().apply(Tenants.payments());
    cluster.client.configMaps().inNamespace("kube-system").withName("aws-auth")
        .edit(cm -> { cm.getData().put("mapRoles", cm.getData().get("mapRoles") + after); return cm; });
    Tenant viewer = Tenants.payments().withMembers(Member.builder().kind(MemberKind.IamRole)
        .name(Tenants.PAYMENTS_ROLE).role(Role.VIEW).build());

    platform.tenants().apply(viewer);

    assertThat(awsAuth().getData().get("mapRoles"))
        .isEqualTo(MAP_ROLES + OUR_ENTRY.replace("platformkit:payments:admin", "platformkit:payments:view") + after);
    assertThat(platform.tenants().plan(viewer).isEmpty()).isTrue();
  }

  @Test
  void deletingTheTenantGivesBackTheConfigMapByteForByte() {
    seed(MAP_ROLES);
    ConfigMap original = awsAuth();
    platform.tenants().apply(Tenants.payments());

    platform.tenants().delete(Tenants.payments());

    ConfigMap after = awsAuth();
    assertThat(after.getData()).isEqualTo(original.getData());
    assertThat(after.getMetadata().getAnnotations()).isEqualTo(original.getMetadata().getAnnotations());
    // (not planDelete: on a real cluster the namespaces are still terminating at this point)
    assertThat(backend.list("AwsAuthMapping", Map.of("platformkit.dev/owner", "tenant.payments"))).isEmpty();
  }

  @Test
  void aForeignEntryForTheSameRoleIsAnOwnershipErrorAndNothingIsWritten() {
    seed(MAP_ROLES + "- rolearn: " + Tenants.PAYMENTS_ROLE + "\n  username: payments\n  groups: [system:masters]\n");
    cluster.takeRequests();

    assertThatThrownBy(() -> platform.tenants().apply(Tenants.payments()))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("AwsAuthMapping kube-system/" + Tenants.PAYMENTS_ROLE);

    assertThat(cluster.takeRequests()).noneMatch(MockCluster.Request::isWrite);
  }

  @Test
  void theConfigMapIsCreatedWhenThereIsNone() {
    platform.tenants().apply(Tenants.payments());

    assertThat(awsAuth().getData()).containsOnlyKeys("mapRoles").containsEntry("mapRoles", OUR_ENTRY);
    assertThat(platform.tenants().plan(Tenants.payments()).isEmpty()).isTrue();
  }

  @Test
  void editsByEksctlBetweenOurReadsAndOurWriteAreKept() {
    seed(MAP_ROLES);
    // eksctl appends a node role right after each of our first three reads of aws-auth (the plan's list, the
    // plan's collision check, the write's own read), so the write is always based on a stale read
    AtomicInteger reads = new AtomicInteger();
    Interceptor eksctl = new Interceptor() {
      @Override
      public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        int n;
        if (request.method().equals("GET") && request.uri().getPath().endsWith("/configmaps/aws-auth") && (n = reads.incrementAndGet()) <= 3) {
          cluster.client.configMaps().inNamespace("kube-system").withName("aws-auth")
              .edit(cm -> { cm.getData().put("mapRoles", cm.getData().get("mapRoles") + nodes(n)); return cm; });
        }
      }
    };
    try (KubernetesClient racing = MockCluster.clientFor(cluster.server.url("/"), eksctl)) {
      platform(KubernetesBackend.create(racing)).tenants().apply(Tenants.payments());
    }

    assertThat(awsAuth().getData().get("mapRoles")).isEqualTo(MAP_ROLES + nodes(1) + nodes(2) + nodes(3) + OUR_ENTRY);
  }

  private static String nodes(int n) {
    return "- rolearn: arn:aws:iam::111122223333:role/nodes-" + n + "\n  username: system:node:{{EC2PrivateDNSName}}\n"
        + "  groups: [system:bootstrappers, system:nodes]\n";
  }

  @Test
  void aMappingChangedSinceItWasReadIsAConflict() {
    seed(MAP_ROLES);
    platform.tenants().apply(Tenants.payments());
    Resource read = backend.get(MAPPING).orElseThrow();
    cluster.client.configMaps().inNamespace("kube-system").withName("aws-auth")
        .edit(cm -> { cm.getData().put("mapRoles", cm.getData().get("mapRoles").replace("admin\n", "admin\n    - extra\n")); return cm; });

    assertThatThrownBy(() -> backend.update(read, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("groups", List.of("platformkit:payments:view"))))).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> backend.delete(read)).isInstanceOf(ConflictException.class);
    assertThat(awsAuth().getData().get("mapRoles")).contains("- extra");
  }

  @Test
  void writingToOneMappingDoesNotMakeTheOthersStale() {
    seed(MAP_ROLES);
    Resource viewers = Resource.desired(ResourceRef.kubernetes("AwsAuthMapping", "kube-system", "arn:aws:iam::111122223333:role/v"),
        Map.of("app.kubernetes.io/managed-by", "platformkit"), Map.of(), Map.of("rolearn", "arn:aws:iam::111122223333:role/v",
            "username", "v", "groups", List.of("g")));
    backend.create(viewers);
    platform.tenants().apply(Tenants.payments());
    Resource read = backend.get(viewers.ref()).orElseThrow();

    platform.tenants().apply(Tenants.payments().withMembers(Member.builder().kind(MemberKind.IamRole)
        .name(Tenants.PAYMENTS_ROLE).role(Role.VIEW).build()));
    backend.update(read, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("groups", List.of("h"))));

    assertThat(backend.get(viewers.ref()).orElseThrow().body()).containsEntry("groups", List.of("h"));
    assertThat(backend.list("AwsAuthMapping", Map.of("app.kubernetes.io/managed-by", "platformkit"))).hasSize(2);
  }

  @Test
  void aLayoutItCannotEditSafelyIsRefusedAtPlanTime() {
    seed("- &nodes\n  rolearn: a\n  groups: [x]\n- <<: *nodes\n  rolearn: b\n");
    cluster.takeRequests();

    assertThatThrownBy(() -> platform.tenants().plan(Tenants.payments()))
        .isInstanceOf(BackendException.class).hasMessageContaining("mapRoles of ConfigMap kube-system/aws-auth")
        .hasMessageContaining("anchors");
    assertThat(cluster.takeRequests()).noneMatch(MockCluster.Request::isWrite);
  }

  @Test
  void anAwsAuthItCannotEditDoesNotStopTenantsThatDoNotWriteToIt() {
    seed("- &nodes\n  rolearn: a\n  groups: [x]\n- <<: *nodes\n  rolearn: b\n");
    Platform accessEntries = Platform.builder().kubernetes(raw).aws(InMemoryStore.aws()).build();

    accessEntries.tenants().apply(Tenants.payments());

    assertThat(accessEntries.tenants().plan(Tenants.payments()).isEmpty()).isTrue();
    assertThat(backend.list("AwsAuthMapping", Map.of())).extracting(r -> r.ref().name()).containsExactly("a", "b");
  }

  private Platform platform(KubernetesBackend kubernetes) {
    return Platform.builder().kubernetes(kubernetes).iamAccess(IamAccess.AWS_AUTH_CONFIGMAP)
        .retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO)).sleeper(d -> { }).build();
  }

  private void seed(String mapRoles) {
    cluster.client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("aws-auth").withNamespace("kube-system").addToAnnotations("owner", "platform-team").endMetadata()
        .addToData("mapRoles", mapRoles).addToData("mapUsers", MAP_USERS).build()).create();
  }

  private ConfigMap awsAuth() {
    return cluster.client.configMaps().inNamespace("kube-system").withName("aws-auth").get();
  }
}
