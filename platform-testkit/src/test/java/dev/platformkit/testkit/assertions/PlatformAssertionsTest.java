package dev.platformkit.testkit.assertions;

import static dev.platformkit.testkit.assertions.PlatformAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Plan;
import dev.platformkit.ResourceRef;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.InMemoryPlatform;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlatformAssertionsTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/payments-oncall";
  private static final Instant NIGHT = Instant.parse("2026-01-06T23:00:00Z");
  // a fixture: one team's namespace and workloads, deployed days ago
  private static final String SHOP = """
      format: platformkit/in-memory-state/v1
      stores:
        kubernetes:
          objects:
            - {kind: Namespace, name: shop-dev}
            - kind: Deployment
              namespace: shop-dev
              name: web
              created: "2026-01-01T00:00:00Z"
              body:
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: "nginx:1.27"}]}
            - kind: CronJob
              namespace: shop-dev
              name: report
              created: "2026-01-01T00:00:00Z"
              body:
                spec:
                  schedule: "0 * * * *"
                  suspend: false
                  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: job, image: "busybox:1.36"}]}}}}
      """;

  private static Tenant payments() {
    return Tenant.builder().name("payments")
        .addNamespaces(Namespace.of("payments-dev"), Namespace.builder().name("payments-stage").putQuota("requests.cpu", "16").build())
        .addMembers(Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build(),
            Member.builder().kind(MemberKind.User).name("alice@example.com").role(Role.VIEW).build(),
            Member.builder().kind(MemberKind.IamRole).name(ROLE).role(Role.ADMIN).build())
        .putQuota("requests.cpu", "8").putQuota("limits.memory", "32Gi").build();
  }

  private static Schedule nightly() {
    return Schedule.builder().name("nightly").timeZone("UTC").addWindows(Window.parse("Mon-Fri 08:00-20:00"))
        .targets(Targets.builder().addNamespaces("shop-dev").build()).gracePeriod(Duration.ZERO).build();
  }

  private static InMemoryPlatform onboarded() {
    InMemoryPlatform memory = InMemoryPlatform.create();
    memory.platform().tenants().apply(payments());
    return memory;
  }

  @Test
  void aTenantsNamespacesQuotaAndBindings() {
    InMemoryPlatform memory = onboarded();

    assertThat(memory).tenant("payments").hasNamespaces("payments-stage", "payments-dev")
        .hasQuota("limits.memory", "32Gi").hasQuota("limits.memory", "32768Mi")
        .hasQuotaIn("payments-dev", "requests.cpu", "8").hasQuotaIn("payments-stage", "requests.cpu", "16000m")
        .hasBinding("platformkit-edit", "group:payments-devs").hasBinding("platformkit-view", "User:alice@example.com")
        .hasNoBinding("platformkit-admin").hasAccessEntry(ROLE);
    assertThat(memory).tenant("search").hasNamespaces();
  }

  @Test
  void tenantFailuresSayWhatIsThereInstead() {
    InMemoryPlatform memory = onboarded();

    assertThatThrownBy(() -> assertThat(memory).tenant("payments").hasNamespaces("payments-dev", "payments-prod"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expecting tenant payments to have the namespaces [payments-dev, payments-prod], but it has"
            + " [payments-dev, payments-stage]; missing: [payments-prod]; not expected: [payments-stage]");
    assertThatThrownBy(() -> assertThat(memory).tenant("payments").hasQuota("requests.cpu", "8"))
        .hasMessage("Expecting tenant payments to have the quota requests.cpu=8 in every namespace, but payments-stage"
            + " has requests.cpu=16");
    assertThatThrownBy(() -> assertThat(memory).tenant("payments").hasQuota("pods", "10"))
        .hasMessageContaining("but payments-dev has no pods in its quota");
    assertThatThrownBy(() -> assertThat(memory).tenant("payments").hasBinding("platformkit-edit", "group:payments-ops"))
        .hasMessage("Expecting tenant payments to have the RoleBinding platformkit-edit binding [group:payments-ops] in every"
            + " namespace, but payments-dev binds [group:payments-devs]; payments-stage binds [group:payments-devs]");
    assertThatThrownBy(() -> assertThat(memory).tenant("payments").hasBinding("platformkit-admin", "group:x"))
        .hasMessageContaining("but payments-dev has no RoleBinding platformkit-admin; payments-stage has no RoleBinding");
    assertThatThrownBy(() -> assertThat(memory).tenant("search").hasQuota("pods", "1"))
        .hasMessage("Expecting tenant search to have a quota, but it has no namespaces (none is labelled"
            + " platformkit.dev/tenant=search)");
    assertThatThrownBy(() -> assertThat(memory).tenant("payments").hasAccessEntry("arn:aws:iam::1:role/x"))
        .hasMessage("Expecting tenant payments to have an EKS access entry for arn:aws:iam::1:role/x, but its access"
            + " entries are [" + ROLE + "]");
    assertThatThrownBy(() -> assertThat(memory).tenant("payments").hasBinding("platformkit-edit", "payments-devs"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group:NAME");
  }

  @Test
  void aWorkloadsReplicasAndSleepRecord() {
    InMemoryPlatform memory = InMemoryPlatform.restore(SHOP);
    assertThat(memory).workload("shop-dev", "Deployment", "web").hasReplicas(3).isAwake();

    memory.platform().schedules().reconcile(nightly(), NIGHT);

    assertThat(memory).workload("shop-dev", "Deployment", "web").hasReplicas(0).isAsleep().isAsleepUnder("nightly")
        .hasSleepRecord("nightly", 3);
    assertThat(memory).workload("shop-dev", "CronJob", "report").isSuspended().isAsleepUnder("nightly");
    assertThatThrownBy(() -> assertThat(memory).workload("shop-dev", "Deployment", "web").hasSleepRecord("nightly", 2))
        .hasMessage("Expecting Deployment shop-dev/web to have the sleep record {schedule: nightly, replicas: 2}, but it is"
            + " {\"schedule\":\"nightly\",\"replicas\":3}");
    assertThatThrownBy(() -> assertThat(memory).workload("shop-dev", "Deployment", "web").isAwake())
        .hasMessage("Expecting Deployment shop-dev/web to be awake, but it has the sleep record"
            + " {\"schedule\":\"nightly\",\"replicas\":3}");

    memory.platform().schedules().reconcile(nightly(), NIGHT.plus(Duration.ofHours(10)));

    assertThat(memory).workload("shop-dev", "Deployment", "web").hasReplicas(3).isAwake();
    assertThat(memory).workload("shop-dev", "CronJob", "report").isNotSuspended();
    assertThatThrownBy(() -> assertThat(memory).workload("shop-dev", "Deployment", "web").hasReplicas(0))
        .hasMessage("Expecting Deployment shop-dev/web to have 0 replicas, but it has 3");
    assertThatThrownBy(() -> assertThat(memory).workload("shop-dev", "Deployment", "web").isAsleep())
        .hasMessage("Expecting Deployment shop-dev/web to be asleep (annotated platformkit.dev/sleep), but it has no sleep record");
    assertThatThrownBy(() -> assertThat(memory).workload("shop-dev", "Deployment", "api"))
        .hasMessage("Expecting Deployment shop-dev/api to exist, but it does not; the Deployment objects in namespace"
            + " shop-dev are: web");
  }

  @Test
  void aPlansChanges() {
    InMemoryPlatform memory = InMemoryPlatform.create();
    Plan plan = memory.platform().tenants().plan(payments());

    assertThat(plan).creates("Namespace payments-dev").creates("RoleBinding payments-stage/platformkit-edit")
        .creates("aws AccessEntry " + ROLE).doesNotChange("Namespace payments").hasNoWarnings()
        .hasChanges(plan.changes().size());
    assertThatThrownBy(() -> assertThat(plan).hasNoChanges())
        .hasMessageStartingWith("Expecting the plan to have no changes, but it has " + plan.changes().size() + " ("
            + plan.summary() + "):\n  + Namespace payments-dev\n");
    assertThatThrownBy(() -> assertThat(plan).deletes("Namespace payments-dev"))
        .hasMessageStartingWith("Expecting the plan to delete Namespace payments-dev, but it will create it; the plan:\n  + ");
    assertThatThrownBy(() -> assertThat(plan).updates("Namespace payments"))
        .hasMessageStartingWith("Expecting the plan to update Namespace payments, but it does not change it; the plan:");

    memory.platform().tenants().apply(plan);
    Plan again = memory.platform().tenants().plan(payments());
    assertThat(again).hasNoChanges().hasChanges(0);
    assertThat(memory.platform().tenants().plan(payments().toBuilder().putQuota("pods", "10").build()))
        .updates("ResourceQuota payments-dev/platformkit").hasChanges(2);
    assertThat(memory.platform().tenants().planDelete(payments())).deletes("Namespace payments-stage");
  }

  @Test
  void objectsAndTheirFields() {
    InMemoryPlatform memory = onboarded();
    ResourceRef edit = ResourceRef.kubernetes("RoleBinding", "payments-dev", "platformkit-edit");

    assertThat(memory).hasObject(edit).doesNotHaveObject(ResourceRef.kubernetes("Namespace", "payments"))
        .object(edit).isOwnedBy("tenant.payments").hasLabel("platformkit.dev/tenant", "payments")
        .doesNotHaveLabel("team").hasBodyValue("roleRef.name", "edit").hasBodyValue("subjects.0.name", "payments-devs")
        .doesNotHaveAnnotation("x");
    assertThatThrownBy(() -> assertThat(memory).object(edit).hasBodyValue("subjects.1.name", "x"))
        .hasMessageStartingWith("Expecting RoleBinding payments-dev/platformkit-edit to have subjects.1.name = x, but it has"
            + " nothing there");
    assertThatThrownBy(() -> assertThat(memory).object(edit).hasLabel("platformkit.dev/tenant", "search"))
        .hasMessage("Expecting RoleBinding payments-dev/platformkit-edit to have the label platformkit.dev/tenant=search,"
            + " but it is platformkit.dev/tenant=payments");
    assertThatThrownBy(() -> assertThat(memory).doesNotHaveObject(edit))
        .hasMessageStartingWith("Expecting RoleBinding payments-dev/platformkit-edit not to exist, but it does");
  }
}
