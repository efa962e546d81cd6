package dev.platformkit.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantTest {

  private static Tenant.Builder valid() {
    return Tenant.builder().name("payments");
  }

  private static List<String> violations(Tenant.Builder builder) {
    try {
      builder.build();
    } catch (ValidationException e) {
      return e.violations().stream().map(v -> v.path() + ": " + v.message()).toList();
    }
    throw new AssertionError("expected a ValidationException");
  }

  @Test
  void defaultsToOneNamespaceNamedAfterTheTenant() {
    Tenant t = valid().build();

    assertThat(t.effectiveNamespaces()).extracting(Namespace::name).containsExactly("payments");
    assertThat(t.owner()).isEqualTo("tenant.payments");
    assertThat(t.network().defaultDeny()).isTrue();
    assertThat(t.podSecurity().enforce()).isEqualTo(PodSecurityLevel.BASELINE);
    assertThat(t.preventDeletion()).isFalse();
  }

  @Test
  void reportsEveryViolationAtOnceWithItsPath() {
    List<String> found = violations(Tenant.builder()
        .name("Payments_Team")
        .addNamespaces(Namespace.of("dev"), Namespace.of("dev"))
        .putQuota("requests.cpu", "8 cores")
        .putQuota("Bad Key", "1")
        .addMembers(Member.builder().kind(MemberKind.IamRole).name("payments-admins").build())
        .addMembers(Member.builder().name("x").build())
        .addHostnames("shop.example.com", "*.shop.example.com", "Bad_Host.example.com", "shop.example.com")
        .putLabels("platformkit.dev/tenant", "other"));

    assertThat(found).contains(
        "name: \"Payments_Team\" is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)",
        "namespaces[1].name: namespace \"dev\" is listed twice",
        "quota[\"requests.cpu\"]: \"8 cores\" is not a quantity (examples: 500m, 2, 16Gi, 1e3)",
        "members[0].name: \"payments-admins\" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
        "members[1].kind: is required",
        "hostnames[3]: \"shop.example.com\" is listed twice",
        "labels[\"platformkit.dev/tenant\"]: label \"platformkit.dev/tenant\" is set by platformkit and cannot be given in a spec");
    assertThat(found).anyMatch(s -> s.startsWith("quota[\"Bad Key\"]: "));
    assertThat(found).anyMatch(s -> s.startsWith("hostnames[2]: \"Bad_Host.example.com\" is not a valid host name"));
  }

  @Test
  void aMissingNameIsAViolationNotANullPointer() {
    assertThat(violations(Tenant.builder())).containsExactly("name: is required");
  }

  @Test
  void explicitNullsInDefaultedPartsAreViolations() {
    assertThat(violations(valid().network(null).podSecurity(null)))
        .containsExactlyInAnyOrder("network: is required", "podSecurity: is required");
    assertThat(violations(valid().podSecurity(PodSecurity.builder().enforce(null).version("v2").build())))
        .containsExactlyInAnyOrder("podSecurity.enforce: is required",
            "podSecurity.version: \"v2\" is not a Pod Security version (latest or v1.<minor>)");
  }

  @Test
  void namesMustLeaveRoomForTheOwnerLabel() {
    String longest = "a".repeat(Tenant.MAX_NAME_LENGTH);
    assertThat(Tenant.builder().name(longest).addNamespaces(Namespace.of("ns")).build().owner()).hasSize(63);
    assertThat(violations(Tenant.builder().name(longest + "a").addNamespaces(Namespace.of("ns"))))
        .singleElement().asString().contains("57 characters; at most 56");
    assertThat(violations(valid().addNamespaces(Namespace.of("n".repeat(64))))).singleElement().asString()
        .startsWith("namespaces[0].name:");
  }

  @Test
  void limitsMustBeConsistent() {
    List<String> found = violations(valid().limits(ContainerLimits.builder()
        .putDefaultRequest("cpu", "2").putDefaultLimit("cpu", "1").putMax("gpu", "1").putMin("memory", "1Gi").putMax("memory", "512Mi").build()));

    assertThat(found).containsExactlyInAnyOrder(
        "limits.max[\"gpu\"]: \"gpu\" is not a container resource (cpu, memory or ephemeral-storage)",
        "limits.defaultRequest[\"cpu\"]: 2 is more than defaultLimit 1",
        "limits.min[\"memory\"]: 1Gi is more than max 512Mi");
  }

  @Test
  void limitsAreDefaultedAsTheApiServerDoes() {
    ContainerLimits l = ContainerLimits.builder().putMin("cpu", "10m").putDefaultLimit("memory", "512Mi")
        .putMax("memory", "1Gi").putMax("ephemeral-storage", "2Gi").putDefaultRequest("ephemeral-storage", "1Gi").build();

    // default <- max; defaultRequest <- default, then <- min
    assertThat(l.effectiveDefaultLimit()).containsOnly(entry("memory", "512Mi"), entry("ephemeral-storage", "2Gi"));
    assertThat(l.effectiveDefaultRequest()).containsOnly(
        entry("memory", "512Mi"), entry("ephemeral-storage", "1Gi"), entry("cpu", "10m"));
  }

  @Test
  void boundsAreCheckedOnTheDefaultedLimits() {
    List<String> found = violations(valid().limits(ContainerLimits.builder()
        .putMin("cpu", "500m").putDefaultLimit("cpu", "250m").build()));

    // the request defaults to the limit (250m), below the minimum: the API server would refuse it
    assertThat(found).containsExactly(
        "limits.min[\"cpu\"]: 500m is more than defaultRequest 250m (as the API server defaults it)");
  }

  @Test
  void allowFromIsCheckedForRepeatsAndForHavingAnEffect() {
    assertThat(violations(valid().network(NetworkIsolation.builder().addAllowFrom("monitoring", "monitoring").build())))
        .containsExactly("network.allowFrom[1]: \"monitoring\" is listed twice");
    assertThat(violations(valid().network(NetworkIsolation.builder().defaultDeny(false).addAllowFrom("monitoring").build())))
        .containsExactly("network.allowFrom: has no effect without defaultDeny: everything may reach the tenant already");
  }

  @Test
  void quotasAreCheckedAsTheApiServerChecksThem() {
    List<String> found = violations(valid()
        .putQuota("requests.cpus", "8")
        .putQuota("services", "-1")
        .putQuota("pods", "500m")
        .putQuota("count/deployments.apps", "2.5")
        .putQuota("requests.nvidia.com/gpu", "4")
        .putQuota("gold.storageclass.storage.k8s.io/requests.storage", "500Gi")
        .putQuota("requests.hugepages-2Mi", "1Gi")
        .putQuota("limits.memory", "1e99999"));

    assertThat(found).containsExactlyInAnyOrder(
        "quota[\"requests.cpus\"]: \"requests.cpus\" is not a quota resource (such as requests.cpu, limits.memory, pods, count/deployments.apps); did you mean \"requests.cpu\"?",
        "quota[\"services\"]: \"-1\" is negative",
        "quota[\"pods\"]: \"500m\" is not a whole number, and pods counts objects",
        "quota[\"count/deployments.apps\"]: \"2.5\" is not a whole number, and count/deployments.apps counts objects",
        "quota[\"limits.memory\"]: \"1e99999\" is not a quantity (examples: 500m, 2, 16Gi, 1e3)");
  }

  @Test
  void bindingEveryoneIsRefused() {
    assertThat(violations(valid().addMembers(
        Member.builder().kind(MemberKind.Group).name("system:unauthenticated").role(Role.ADMIN).build(),
        Member.builder().kind(MemberKind.Group).name("system:serviceaccounts:ci").role(Role.EDIT).build())))
        .containsExactly("members[0].name: \"system:unauthenticated\" stands for everyone of its kind on the cluster; name the people or groups instead");
  }

  @Test
  void trackingAnnotationsAreReserved() {
    assertThat(violations(valid().addNamespaces(Namespace.builder().name("a").putAnnotations("platformkit.dev/managed-labels", "x").build())))
        .containsExactly("namespaces[0].annotations[\"platformkit.dev/managed-labels\"]: annotation \"platformkit.dev/managed-labels\" is set by platformkit and cannot be given in a spec");
  }

  @Test
  void membersAreCheckedByKind() {
    List<String> found = violations(valid()
        .addMembers(Member.builder().kind(MemberKind.User).name("alice").namespace("ns").build())
        .addMembers(Member.builder().kind(MemberKind.ServiceAccount).name("Deployer").build())
        .addMembers(Member.builder().kind(MemberKind.Group).name("devs").role(Role.EDIT).build())
        .addMembers(Member.builder().kind(MemberKind.Group).name("devs").role(Role.VIEW).build()));

    assertThat(found).containsExactlyInAnyOrder(
        "members[0].namespace: only a ServiceAccount member has a namespace",
        "members[1].name: \"Deployer\" is not a valid Kubernetes name (DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters)",
        "members[3]: Group \"devs\" is listed twice; give each member one role");
  }

  @Test
  void acceptsRealisticIamRoleArns() {
    Tenant t = valid().addMembers(
        Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/teams/payments-admins").role(Role.ADMIN).build(),
        Member.builder().kind(MemberKind.IamRole).name("arn:aws-us-gov:iam::123456789012:role/ro").build()).build();
    assertThat(t.members()).hasSize(2);
  }

  @Test
  void hostsMatchExactlyOrOneLevelUnderAWildcard() {
    Tenant t = valid().addHostnames("shop.example.com", "*.preview.example.com").build();

    assertThat(t.allowsHost("shop.example.com")).isTrue();
    assertThat(t.allowsHost("jdoe.preview.example.com")).isTrue();
    assertThat(t.allowsHost("a.b.preview.example.com")).isFalse();
    assertThat(t.allowsHost("preview.example.com")).isFalse();
    assertThat(t.allowsHost("evilpreview.example.com")).isFalse();
  }

  @Test
  void namespaceQuotaReplacesTenantEntries() {
    Namespace prod = Namespace.builder().name("payments-prod").putQuota("requests.cpu", "32").build();
    Tenant t = valid().putQuota("requests.cpu", "8").putQuota("pods", "100").addNamespaces(prod).build();

    assertThat(t.quotaFor(prod)).containsEntry("requests.cpu", "32").containsEntry("pods", "100");
  }

  @Test
  void copiesWithWithersAndToBuilder() {
    Tenant t = valid().build();
    Tenant guarded = t.withPreventDeletion(true);

    assertThat(guarded.preventDeletion()).isTrue();
    assertThat(t.preventDeletion()).isFalse();
    assertThat(guarded.toBuilder().preventDeletion(false).build()).isEqualTo(t);
    assertThatThrownBy(() -> t.withName("NOPE")).isInstanceOf(ValidationException.class);
  }

  @Test
  void isSerializableForJenkinsPipelines() throws Exception {
    Tenant t = valid().addMembers(Member.builder().kind(MemberKind.Group).name("devs").build())
        .limits(ContainerLimits.builder().putMax("cpu", "2").build()).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(t);
    }
  }

  @Test
  void violationsRenderWithTheirLocation() {
    Violation v = Violation.of("quota[\"pods\"]", "\"x\" is not a quantity").under("spec").at("tenants.yaml", 12, 7);

    assertThat(v).hasToString("tenants.yaml:12:7: spec.quota[\"pods\"]: \"x\" is not a quantity");
    assertThat(Violation.of("[0]", "m").under("spec.items").path()).isEqualTo("spec.items[0]");
  }
}
