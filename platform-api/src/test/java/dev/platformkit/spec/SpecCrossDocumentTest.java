package dev.platformkit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import dev.platformkit.tenant.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules between documents (tenants claiming one namespace or IAM role) reported with both locations. */
class SpecCrossDocumentTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/teams/a/oncall";
  private static final String TEAM_A = """
      apiVersion: platformkit.dev/v1alpha1
      kind: Tenant
      metadata:
        name: team-a
      spec:
        namespaces:
        - name: team-a-dev
        - name: shared
        members:
        - kind: IamRole
          name: arn:aws:iam::123456789012:role/teams/a/oncall
          role: admin
      """;

  private final SpecReader reader = SpecReader.create();

  @TempDir
  Path dir;

  private String write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file.toString();
  }

  private List<String> problems(Path... paths) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> reader.read(List.of(paths)));
    assertThat(e).as("must be refused").isNotNull();
    assertThat(e.violations()).allSatisfy(v -> assertThat(e.getMessage()).contains(v.toString()));
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void aNamespaceClaimedByTwoTenantsInTwoFilesNamesBothEntries() throws IOException {
    String a = write("team-a.yaml", TEAM_A);
    String b = write("team-b.yaml", """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team-b
        spec:
          namespaces:
            - name: team-b-dev
            - name: shared
        """);

    assertThat(problems(dir)).containsExactly(
        b + ":8:7: spec.namespaces[1]: namespace \"shared\" is also claimed by tenant \"team-a\" (" + a + ":8:5)");
  }

  @Test
  void anIamRoleGivenByTwoTenantsNamesBothMembersExactlyOrWithoutPathAndCase() throws IOException {
    String a = write("team-a.yaml", TEAM_A);
    String b = write("team-b.yaml", """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team-b
        spec:
          members:
            - kind: Group
              name: team-b-devs
            - kind: IamRole
              name: arn:aws:iam::123456789012:role/teams/a/oncall
            - {kind: IamRole, name: "arn:aws:iam::123456789012:role/platform/OnCall"}
            - {kind: IamRole, name: "arn:aws:iam::123456789012:role/teams/a/other"}
        """);

    assertThat(problems(dir)).containsExactly(
        b + ":9:7: spec.members[1]: IAM role " + ROLE + " is also given by tenant \"team-a\" (" + a + ":10:5);"
            + " an IAM role gets one mapping per cluster, so give it to one tenant with one role",
        b + ":11:7: spec.members[2]: IAM role arn:aws:iam::123456789012:role/platform/OnCall is also given by tenant"
            + " \"team-a\" as " + ROLE + " (" + a + ":10:5); aws-auth matches roles without their path and case, and IAM"
            + " role names are unique in an account whatever both: these name one role, and an IAM role gets one"
            + " mapping per cluster, so give it to one tenant with one role");
  }

  @Test
  void theNamespaceNamedAfterATenantWithoutNamespacesIsLocatedAtItsName() throws IOException {
    String a = write("a.yaml", TEAM_A);
    // sorted after a.yaml: its default namespace clashes with team-a's first one
    String b = write("b.yaml", """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team-a-dev
        """);
    // within one file too: team-d is read after team-c, which lists its default namespace
    String c = write("c.yaml", """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata: {name: team-c}
        spec:
          namespaces: [{name: team-d}]
        ---
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata: {name: team-d}
        """);

    assertThat(problems(dir)).containsExactly(
        b + ":4:9: metadata.name: the tenant lists no namespaces, so it gets one named after it: namespace \"team-a-dev\","
            + " which is also claimed by tenant \"team-a\" (" + a + ":7:5)",
        c + ":9:18: metadata.name: the tenant lists no namespaces, so it gets one named after it: namespace \"team-d\","
            + " which is also claimed by tenant \"team-c\" (" + c + ":5:16)");
  }

  @Test
  void aTenantClaimingTheDefaultNamespaceOfAnEarlierOneSaysSo() throws IOException {
    String a = write("a.yaml", "apiVersion: platformkit.dev/v1alpha1\nkind: Tenant\nmetadata: {name: team-a}\n");
    String b = write("b.json", """
        {"apiVersion": "platformkit.dev/v1alpha1", "kind": "Tenant", "metadata": {"name": "team-b"},
         "spec": {"namespaces": [{"name": "team-a"}]}}
        """);

    assertThat(problems(dir)).containsExactly(b + ":2:26: spec.namespaces[0]: namespace \"team-a\" is also claimed by tenant"
        + " \"team-a\" as its default namespace (" + a + ":3:18)");
  }

  @Test
  void conflictsAreReportedWithTheProblemsOfEachFile() throws IOException {
    String a = write("a.yaml", TEAM_A);
    String b = write("b.yaml", """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team-b
        spec:
          namespaces: [{name: shared}]
          qouta: {}
        """);
    String c = write("c.yaml", """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team-c
        spec:
          namespaces: [{name: shared}]
        """);

    // b has a problem of its own, so it is not read: c's claim conflicts with a only
    assertThat(problems(dir)).containsExactly(
        b + ":7:3: spec.qouta: unknown field \"qouta\"; did you mean \"quota\"?",
        c + ":6:16: spec.namespaces[0]: namespace \"shared\" is also claimed by tenant \"team-a\" (" + a + ":8:5)");
  }

  @Test
  void aTenantDefinedTwiceIsReportedOnceByName() throws IOException {
    String a = write("a.yaml", TEAM_A);
    String b = write("b.yaml", TEAM_A);

    assertThat(problems(dir)).containsExactly(
        b + ":4:9: metadata.name: Tenant \"team-a\" is defined twice; first at " + a + ":1:1");
  }

  @Test
  void tenantsThatShareNothingAreReadTogether() throws IOException {
    write("a.yaml", TEAM_A);
    write("b.yaml", """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team-b
        spec:
          namespaces: [{name: team-b-dev}]
          members:
          - {kind: IamRole, name: "arn:aws:iam::123456789012:role/teams/b/b-oncall"}
          - {kind: IamRole, name: "arn:aws:iam::210987654321:role/teams/a/oncall"}
          - {kind: Group, name: "arn:aws:iam::123456789012:role/teams/a/oncall"}
        """);

    assertThat(reader.read(dir).tenants()).extracting(Tenant::name).containsExactly("team-a", "team-b");
  }
}
