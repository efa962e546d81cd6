package dev.platformkit.cli;

import static dev.platformkit.cli.Cli.SPECS;
import static dev.platformkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.cli.Cli.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output a person reads and output a tool reads: exit statuses, colours, --output json, progress, the state path. */
class CliOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ESC = "\u001b[";

  @TempDir
  Path dir;

  private String state() {
    return dir.resolve("state").toString();
  }

  private static JsonNode json(Run run) throws IOException {
    return JSON.readTree(run.out());
  }

  @Test
  void exitStatusesAreZeroForNoChangesTwoForChangesOneForEveryError() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: platformkit.dev/v1alpha1\nkind: Tenant\nmetadata: {name: Bad}\n");

    assertThat(run("plan", "--state", state(), SPECS.toString()).status()).as("plan with changes").isEqualTo(2);
    assertThat(run("apply", "--state", state(), SPECS.toString()).status()).as("apply that made changes").isZero();
    assertThat(run("apply", "--state", state(), SPECS.toString()).status()).as("apply without changes").isZero();
    assertThat(run("plan", "--state", state(), SPECS.toString()).status()).as("plan without changes").isZero();
    assertThat(run("validate", bad.toString()).status()).as("invalid spec").isEqualTo(1);
    assertThat(run("plan", "--bogus", SPECS.toString()).status()).as("usage").isEqualTo(1);
    assertThat(run("plan", "--kubeconfig", dir.resolve("none").toString(), SPECS.toString()).status()).as("backend").isEqualTo(1);
    assertThat(run("plan", dir.resolve("missing.yaml").toString()).status()).as("missing path").isEqualTo(1);
    assertThat(run("delete", "--state", state(), SPECS.toString()).status()).as("delete").isZero();
  }

  @Test
  void theEmbeddedStateDirectoryIsPrintedInFull() {
    Run run = run("plan", "--state", "relative/state", SPECS.toString());

    assertThat(run.out()).contains("(state in " + Path.of("relative/state").toAbsolutePath().normalize() + ")");
  }

  @Test
  void theDiffIsColouredOnlyOnATerminalWithoutNoColorOrNoColorFlag() {
    String[] plan = {"plan", "--state", state(), SPECS.toString()};

    Run terminal = run(new Cli.Person(Map.of()), plan);
    Run noColorEnv = run(new Cli.Person(Map.of("NO_COLOR", "1")), plan);
    Run noColorFlag = run(new Cli.Person(Map.of()), "plan", "--no-color", "--state", state(), SPECS.toString());
    Run pipe = run(Terminal.none(Map.of()), plan);
    Run forced = run(Terminal.none(Map.of("CLICOLOR_FORCE", "1")), plan);
    Run forcedButNoColor = run(Terminal.none(Map.of("CLICOLOR_FORCE", "1", "NO_COLOR", "x")), plan);

    assertThat(terminal.out()).contains(ESC + "32m+ Namespace payments-dev" + ESC + "0m")
        .contains(ESC + "32m    + metadata.labels[\"cost-center\"]: cc-1234" + ESC + "0m")
        .contains("plan for 1 tenant(s)").doesNotContain(ESC + "32mplan for");
    assertThat(forced.out()).contains(ESC + "32m+ Namespace");
    for (Run plain : new Run[] {noColorEnv, noColorFlag, pipe, forcedButNoColor}) {
      assertThat(plain.out()).contains("+ Namespace payments-dev").doesNotContain(ESC);
    }
  }

  @Test
  void updatesAreYellowAndDeletionsRed() {
    assertThat(Report.colour("~ RoleBinding a/b\n    - subjects: User jane\n    + subjects: Group devs\nno changes"))
        .isEqualTo(ESC + "33m~ RoleBinding a/b" + ESC + "0m\n" + ESC + "31m    - subjects: User jane" + ESC + "0m\n"
            + ESC + "32m    + subjects: Group devs" + ESC + "0m\nno changes");
  }

  @Test
  void planAsJsonIsOneDocumentOnStdout() throws IOException {
    Run run = run("plan", "--output", "json", "--state", state(), SPECS.toString());

    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).isEmpty();
    JsonNode doc = json(run);
    assertThat(doc.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("command").asText()).isEqualTo("plan");
    assertThat(doc.get("exitCode").asInt()).isEqualTo(2);
    assertThat(doc.get("changes").asBoolean()).isTrue();
    assertThat(doc.get("target").asText()).contains(dir.resolve("state").toAbsolutePath().toString());
    JsonNode plan = doc.get("tenants").get("plan");
    assertThat(plan.get("deletion").asBoolean()).isFalse();
    assertThat(plan.get("summary").get("create").asInt()).isEqualTo(plan.get("changes").size()).isPositive();
    JsonNode first = plan.get("changes").get(0);
    assertThat(first.get("action").asText()).isEqualTo("create");
    assertThat(first.get("target").get("kind").asText()).isEqualTo("Namespace");
    assertThat(first.get("target").get("name").asText()).isEqualTo("payments-dev");
    assertThat(first.get("target").get("display").asText()).isEqualTo("Namespace payments-dev");
    assertThat(first.get("diff").get(0).get("path").asText()).isEqualTo("metadata.labels[\"cost-center\"]");
    assertThat(first.get("diff").get(0).get("before").isNull()).isTrue();
    assertThat(first.get("diff").get(0).get("after").asText()).isEqualTo("cc-1234");
    assertThat(doc.get("tenants").get("result").isNull()).isTrue();
    assertThat(doc.get("schedules").get("plan").get("changes").isArray()).isTrue();
    assertThat(doc.get("notes").get(0).asText()).contains("site(s) are planned once the tenants' changes are applied");
    assertThat(doc.get("notes").get(1).asText()).contains("1 UpgradePlan document(s) validated");
  }

  @Test
  void applyAsJsonCarriesThePlanAndWhatWasApplied() throws IOException {
    Run apply = run("apply", "--output", "json", "--state", state(), SPECS.toString());
    Run again = run("apply", "--output=json", "--state", state(), SPECS.toString());

    assertThat(apply.status()).as(apply.out()).isZero();
    JsonNode doc = json(apply);
    assertThat(doc.get("command").asText()).isEqualTo("apply");
    assertThat(doc.get("tenants").get("result").get("applied").size())
        .isEqualTo(doc.get("tenants").get("plan").get("changes").size()).isPositive();
    assertThat(doc.get("tenants").get("result").get("elapsedMillis").isNumber()).isTrue();
    assertThat(json(again).get("tenants").get("plan").get("changes").size()).isZero();
    assertThat(json(again).get("tenants").get("result").isNull()).isTrue();
  }

  @Test
  void errorsAsJsonAreOnStdoutWithTheirViolations() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: Payments
        spec:
          qouta: {}
        """);

    Run invalid = run("plan", "--output", "json", "--state", state(), bad.toString());
    Run usage = run("plan", "--output", "json", "--bogus", SPECS.toString());
    Run backend = run("apply", "--output", "json", "--kubeconfig", dir.resolve("none").toString(),
        "--iam-access", "AWS_AUTH_CONFIGMAP", SPECS.toString());

    assertThat(invalid.status()).isEqualTo(1);
    assertThat(invalid.err()).isEmpty();
    JsonNode error = json(invalid).get("error");
    assertThat(error.get("exitCode").asInt()).isEqualTo(1);
    assertThat(error.get("message").asText()).contains("Payments");
    assertThat(error.get("violations")).extracting(v -> v.get("path").asText()).contains("metadata.name", "spec.qouta");
    JsonNode qouta = error.get("violations").findParents("path").stream()
        .filter(v -> v.get("path").asText().equals("spec.qouta")).findFirst().orElseThrow();
    assertThat(qouta.get("file").asText()).isEqualTo(bad.toString());
    assertThat(qouta.get("line").asInt()).isEqualTo(6);
    assertThat(qouta.get("message").asText()).contains("did you mean \"quota\"");
    assertThat(usage.status()).isEqualTo(1);
    assertThat(usage.err()).isEmpty();
    assertThat(json(usage).get("error").get("message").asText()).contains("--bogus");
    assertThat(backend.status()).isEqualTo(1);
    assertThat(json(backend).get("error").get("message").asText()).contains("(--kubeconfig) does not exist");
  }

  @Test
  void validateAsJsonListsTheDocuments() throws IOException {
    Run run = run("validate", "--output", "json", SPECS.toString());

    assertThat(run.status()).isZero();
    JsonNode doc = json(run);
    assertThat(doc.get("documents")).extracting(d -> d.get("kind").asText() + "/" + d.get("name").asText())
        .contains("Tenant/payments", "Schedule/payments-nonprod");
    assertThat(doc.get("counts").get("Tenant").asInt()).isEqualTo(1);
  }

  @Test
  void longWaitsAndRetriesAreReportedOnStandardError() {
    StringWriter err = new StringWriter();
    var listener = Target.progress(new PrintWriter(err, true));

    listener.waiting("certificate for pay.example.com", "PENDING_VALIDATION", Duration.ofSeconds(30), Duration.ofMinutes(10));
    listener.waiting("EKS update 42", "InProgress", Duration.ZERO, Duration.ofSeconds(90));

    assertThat(err.toString()).isEqualTo(
        "  waiting for certificate for pay.example.com: PENDING_VALIDATION (30s of 10m)" + System.lineSeparator()
        + "  waiting for EKS update 42: InProgress (0s of 90s)" + System.lineSeparator());
  }

  @Test
  void roleBindingSubjectChangesReadAsAdditionsAndRemovals() throws IOException {
    run("apply", "--state", state(), SPECS.resolve("tenant-payments.yaml").toString());
    Path changed = Files.writeString(dir.resolve("tenant.yaml"),
        Files.readString(SPECS.resolve("tenant-payments.yaml")).replace("name: payments-devs", "name: devs"));

    Run plan = run("plan", "--state", state(), changed.toString());

    assertThat(plan.out()).contains("~ RoleBinding payments-dev/platformkit-edit\n    - subjects: Group payments-devs\n"
        + "    + subjects: Group devs").doesNotContain("subjects[0].name");
  }
}
