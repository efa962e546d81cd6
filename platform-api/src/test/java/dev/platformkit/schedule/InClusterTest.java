package dev.platformkit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.spec.SpecReader;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InClusterTest {
  private static final String IMAGE = "registry.example.com/platform:0.1.0";

  private static Schedule schedule() {
    return Schedule.builder().name("payments-nonprod").timeZone("Europe/Berlin")
        .addWindows(Window.parse("Mon-Fri 07:30-20:30"))
        .targets(Targets.builder().addNamespaces("payments-dev", "payments-stage", "payments-prod")
            .addExcludeNamespaces("payments-prod").build())
        .build();
  }

  private static List<String> kinds(List<Map<String, Object>> objects) {
    return objects.stream().map(o -> (String) o.get("kind")).toList();
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object o, String... path) {
    Object v = o;
    for (String key : path) {
      v = ((Map<String, Object>) v).get(key);
    }
    return (T) v;
  }

  @Test
  void rendersACronJobWithItsAccountConfigAndARolePerTargetNamespace() {
    List<Map<String, Object>> objects = InCluster.render(schedule(), IMAGE, "platformkit");

    assertThat(kinds(objects)).containsExactly("ServiceAccount", "ConfigMap", "Role", "RoleBinding", "Role", "RoleBinding",
        "ClusterRole", "ClusterRoleBinding", "CronJob");
    assertThat(objects).filteredOn(o -> o.get("kind").toString().startsWith("Role"))
        .extracting(o -> at(o, "metadata", "namespace")).containsExactly("payments-dev", "payments-dev", "payments-stage", "payments-stage");

    Map<String, Object> cron = objects.get(objects.size() - 1);
    assertThat(at(cron, "metadata", "namespace").toString()).isEqualTo("platformkit");
    assertThat(at(cron, "spec", "schedule").toString()).isEqualTo("*/5 * * * *");
    assertThat(at(cron, "spec", "timeZone").toString()).isEqualTo("Europe/Berlin");
    assertThat(at(cron, "spec", "concurrencyPolicy").toString()).isEqualTo("Forbid");
    assertThat((Object) at(cron, "spec", "startingDeadlineSeconds")).isEqualTo(240L);
    List<Map<String, Object>> containers = at(cron, "spec", "jobTemplate", "spec", "template", "spec", "containers");
    assertThat(containers.get(0)).containsEntry("image", IMAGE)
        .containsEntry("args", List.of("schedule", "reconcile", "--in-cluster", "/etc/platformkit/schedule.yaml"));
    assertThat(at(cron, "spec", "jobTemplate", "spec", "template", "spec", "serviceAccountName").toString())
        .isEqualTo("platformkit-schedule-payments-nonprod");
  }

  @Test
  void theConfigMapHoldsTheScheduleAsASpecDocument() {
    Map<String, Object> configMap = InCluster.render(schedule(), IMAGE, "platformkit").get(1);

    String yaml = at(configMap, "data", "schedule.yaml");

    assertThat(SpecReader.create().read("schedule.yaml", yaml).schedules()).containsExactly(schedule());
  }

  @Test
  void workloadPermissionsAreNamespaceScopedAndOnlyGetListPatch() {
    List<Map<String, Object>> objects = InCluster.render(schedule(), IMAGE, "platformkit");

    Map<String, Object> role = objects.get(2);
    assertThat((List<Object>) at(role, "rules")).containsExactly(
        Map.of("apiGroups", List.of("apps"), "resources", List.of("deployments", "statefulsets"), "verbs", List.of("get", "list", "patch")),
        Map.of("apiGroups", List.of("autoscaling"), "resources", List.of("horizontalpodautoscalers"), "verbs", List.of("get", "list", "patch")),
        Map.of("apiGroups", List.of("batch"), "resources", List.of("cronjobs"), "verbs", List.of("get", "list", "patch")),
        Map.of("apiGroups", List.of("policy"), "resources", List.of("poddisruptionbudgets"), "verbs", List.of("list")));
    Map<String, Object> clusterRole = objects.get(6);
    assertThat((List<Object>) at(clusterRole, "rules")).as("cluster-wide: only listing Argo CD Applications").containsExactly(
        Map.of("apiGroups", List.of("argoproj.io"), "resources", List.of("applications"), "verbs", List.of("list")));
    assertThat(objects).filteredOn(o -> o.get("kind").toString().endsWith("Binding"))
        .extracting(o -> at(o, "subjects")).containsOnly(
            List.of(Map.of("kind", "ServiceAccount", "name", "platformkit-schedule-payments-nonprod", "namespace", "platformkit")));
  }

  @Test
  void onlyTheTargetedKindsAreGranted() {
    Schedule cronJobsOnly = schedule().withTargets(schedule().targets().withKinds(EnumSet.of(WorkloadKind.CronJob)));

    Map<String, Object> role = InCluster.render(cronJobsOnly, IMAGE, "platformkit").get(2);

    assertThat((List<Map<String, Object>>) at(role, "rules")).extracting(r -> r.get("resources"))
        .containsExactly(List.of("cronjobs"), List.of("poddisruptionbudgets"));
  }

  @Test
  void aLongNameIsCutForTheCronJobAndStaysUnique() {
    String name = "a".repeat(Schedule.MAX_NAME_LENGTH);
    Schedule s = schedule().withName(name);

    Map<String, Object> cron = InCluster.render(s, IMAGE, "platformkit").get(8);
    String cronName = at(cron, "metadata", "name");

    assertThat(cronName).hasSizeLessThanOrEqualTo(52).startsWith("platformkit-schedule-aaa");
    assertThat(InCluster.fit("platformkit-schedule-" + name, 52)).isEqualTo(cronName)
        .isNotEqualTo(InCluster.fit("platformkit-schedule-" + name.substring(1) + "b", 52));
  }

  @Test
  void tenantTargetsAreRefusedNamingTheField() {
    Schedule tenants = schedule().withTargets(Targets.builder().addTenants("payments").build());

    assertThatThrownBy(() -> InCluster.render(tenants, IMAGE, "platformkit"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets.tenants [payments]")
        .hasMessageContaining("targets.namespaces");
  }

  @Test
  void awsTargetsAndBadArgumentsAreRefused() {
    Schedule aws = schedule().withTargets(schedule().targets().withRdsInstances("payments-dev-db"));

    assertThatThrownBy(() -> InCluster.render(aws, IMAGE, "platformkit")).hasMessageContaining("rdsInstances");
    assertThatThrownBy(() -> InCluster.render(schedule(), " ", "platformkit")).hasMessageContaining("image");
    assertThatThrownBy(() -> InCluster.render(schedule(), IMAGE, "Platform_Kit")).hasMessageContaining("namespace: \"Platform_Kit\"");
  }
}
