package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.schedule.InCluster;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.tenant.ContainerLimits;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.NetworkIsolation;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.ProgressListener;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every object a tenant renders must be a valid object of its API kind. The fabric8 model classes are
 * generated from the Kubernetes OpenAPI schema: an object that binds to them with no unknown field at
 * any depth, and writes back to the same JSON, has the schema's field names and types. (The CRUD mock
 * server accepts anything, so this is where a misspelled field would be caught.)
 */
class GeneratedObjectsSchemaTest {
  private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
      "Namespace", io.fabric8.kubernetes.api.model.Namespace.class,
      "ResourceQuota", ResourceQuota.class,
      "LimitRange", LimitRange.class,
      "NetworkPolicy", NetworkPolicy.class,
      "RoleBinding", RoleBinding.class);
  private static final Map<String, String> API_VERSIONS = Map.of(
      "Namespace", "v1", "ResourceQuota", "v1", "LimitRange", "v1",
      "NetworkPolicy", "networking.k8s.io/v1", "RoleBinding", "rbac.authorization.k8s.io/v1");

  private static Tenant everything() {
    return Tenant.builder().name("payments")
        .addNamespaces(Namespace.builder().name("payments-dev").putAnnotations("team", "payments").build(),
            Namespace.builder().name("payments-prod").putQuota("requests.cpu", "32").build())
        .addMembers(
            Member.builder().kind(MemberKind.User).name("alice@example.com").role(Role.ADMIN).build(),
            Member.builder().kind(MemberKind.Group).name("devs").role(Role.EDIT).build(),
            Member.builder().kind(MemberKind.ServiceAccount).name("deployer").namespace("ci").role(Role.EDIT).build(),
            Member.builder().kind(MemberKind.Group).name("auditors").role(Role.VIEW).build(),
            Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/oncall").role(Role.ADMIN).build())
        .putQuota("requests.cpu", "8").putQuota("limits.memory", "32Gi").putQuota("count/deployments.apps", "50")
        .limits(ContainerLimits.builder().putDefaultRequest("cpu", "100m").putDefaultLimit("memory", "512Mi")
            .putMax("cpu", "4").putMin("memory", "16Mi").build())
        .network(NetworkIsolation.builder().addAllowFrom("ingress-nginx").build())
        .build();
  }

  @Test
  void everyRenderedObjectMatchesTheKubernetesSchema() {
    InMemoryPlatform memory = InMemoryPlatform.of(InMemoryStore.kubernetes(), InMemoryStore.aws(),
        IamAccess.AWS_AUTH_CONFIGMAP, ProgressListener.NONE);
    memory.platform().tenants().apply(everything());

    List<String> kinds = new ArrayList<>();
    for (Resource r : memory.kubernetes().all()) {
      if (!MODELS.containsKey(r.ref().kind())) {
        continue; // AwsAuthMapping is an entry of a ConfigMap, checked by the aws-auth tests
      }
      kinds.add(r.ref().kind());
      Map<String, Object> json = asObject(r);
      String text = Serialization.asJson(json);

      HasMetadata typed = Serialization.unmarshal(text, MODELS.get(r.ref().kind()));

      assertNoUnknownFields(typed, r.ref().toString());
      assertThat(Serialization.jsonMapper().convertValue(typed, Map.class)).as(r.ref().toString()).isEqualTo(json);
    }
    assertThat(kinds).contains("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy", "RoleBinding");
  }

  private static final Map<String, Class<? extends HasMetadata>> IN_CLUSTER_MODELS = Map.of(
      "ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class,
      "ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
      "Role", io.fabric8.kubernetes.api.model.rbac.Role.class,
      "RoleBinding", RoleBinding.class,
      "ClusterRole", io.fabric8.kubernetes.api.model.rbac.ClusterRole.class,
      "ClusterRoleBinding", io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class,
      "CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class);

  @Test
  void everyInClusterObjectOfAScheduleMatchesTheKubernetesSchema() {
    Schedule schedule = Schedule.builder().name("payments-nonprod").timeZone("Europe/Berlin")
        .addWindows(Window.parse("Mon-Fri 07:30-20:30"))
        .targets(Targets.builder().addNamespaces("payments-dev", "payments-stage").build())
        .downtimeReplicas(1)
        .build();

    List<Map<String, Object>> objects = InCluster.render(schedule, "registry.example.com/platform:0.1.0", "platformkit");

    List<String> kinds = new ArrayList<>();
    for (Map<String, Object> object : objects) {
      String kind = (String) object.get("kind");
      String where = kind + " " + ((Map<?, ?>) object.get("metadata")).get("name");
      assertThat(IN_CLUSTER_MODELS).as(where).containsKey(kind);
      kinds.add(kind);
      String text = Serialization.asJson(object);
      Map<?, ?> json = Serialization.unmarshal(text, Map.class);

      HasMetadata typed = Serialization.unmarshal(text, IN_CLUSTER_MODELS.get(kind));

      assertThat(typed.getApiVersion()).as(where).isEqualTo(object.get("apiVersion"));
      assertNoUnknownFields(typed, where);
      // through JSON text on both sides: int64 fields (startingDeadlineSeconds) come back as Long otherwise
      assertThat(Serialization.unmarshal(Serialization.asJson(typed), Map.class)).as(where).isEqualTo(json);
    }
    assertThat(kinds).containsExactly("ServiceAccount", "ConfigMap", "Role", "RoleBinding", "Role", "RoleBinding",
        "ClusterRole", "ClusterRoleBinding", "CronJob");
  }

  private static Map<String, Object> asObject(Resource r) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", r.ref().name());
    if (r.ref().namespace() != null) {
      metadata.put("namespace", r.ref().namespace());
    }
    metadata.put("labels", r.labels());
    metadata.put("annotations", r.annotations());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("apiVersion", API_VERSIONS.get(r.ref().kind()));
    json.put("kind", r.ref().kind());
    json.put("metadata", metadata);
    json.putAll(r.body());
    return Serialization.jsonMapper().convertValue(json, Map.class);
  }

  // fabric8 models keep unknown fields in additionalProperties instead of failing: look at every level
  private static void assertNoUnknownFields(Object o, String path) {
    if (o == null || o instanceof IntOrString || o instanceof io.fabric8.kubernetes.api.model.Quantity) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        assertNoUnknownFields(item, path + "[" + i++ + "]");
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> assertNoUnknownFields(v, path + "." + k));
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : o.getClass().getMethods()) {
      if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(o);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new AssertionError(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        assertThat((Map<?, ?>) value).as("unknown fields at " + path).isNullOrEmpty();
      } else {
        assertNoUnknownFields(value, path + "." + getter.getName().substring(3));
      }
    }
  }
}
