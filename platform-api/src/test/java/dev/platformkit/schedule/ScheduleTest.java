package dev.platformkit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  private static Schedule.Builder valid() {
    return Schedule.builder()
        .name("payments-office-hours")
        .timeZone("Europe/Berlin")
        .addWindows(Window.parse("Mon-Fri 07:30-20:30"))
        .targets(Targets.builder().addTenants("payments").build());
  }

  /** Every part set to something other than its default. */
  private static Schedule full() {
    return valid()
        .addWindows(Window.parse("Sat,Sun 10:00-14:00"), Window.parse("Mon-Fri 22:00-06:00"))
        .addHolidays(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26))
        .override(ScheduleOverride.builder()
            .mode(OverrideMode.UP)
            .start(Instant.parse("2025-06-07T07:00:00Z"))
            .until(Instant.parse("2025-06-07T15:00:00Z"))
            .reason("customer demo")
            .build())
        .targets(Targets.builder()
            .addTenants("payments")
            .addNamespaces("shared-dev")
            .addExcludeNamespaces("payments-prod")
            .putLabelSelector("env", "dev")
            .kinds(EnumSet.of(WorkloadKind.Deployment, WorkloadKind.CronJob))
            .addExcludeNames("payments-ledger")
            .addNodeGroups(NodeGroup.of("dev-cluster", "batch-workers"))
            .addRdsInstances("payments-dev-db")
            .addAutoScalingGroups("legacy-workers")
            .build())
        .downtimeReplicas(1)
        .gracePeriod(Duration.ofMinutes(30))
        .manualChanges(ManualChangePolicy.ENFORCE)
        .suspended(true)
        .build();
  }

  private static List<String> violations(Schedule.Builder builder) {
    ValidationException e = catchThrowableOfType(ValidationException.class, builder::build);
    assertThat(e).as("build() should fail").isNotNull();
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void defaults() {
    Schedule s = valid().build();

    assertThat(s.holidays()).isEmpty();
    assertThat(s.override()).isEmpty();
    assertThat(s.targets().kinds()).containsExactly(WorkloadKind.Deployment, WorkloadKind.StatefulSet, WorkloadKind.CronJob);
    assertThat(s.downtimeReplicas()).isZero();
    assertThat(s.gracePeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(s.manualChanges()).isEqualTo(ManualChangePolicy.RESPECT);
    assertThat(s.suspended()).isFalse();
    assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(s.owner()).isEqualTo("schedule.payments-office-hours");
  }

  @Test
  void copiesWithChanges() {
    Schedule s = valid().build();

    assertThat(s.withSuspended(true).suspended()).isTrue();
    assertThat(s.toBuilder().build()).isEqualTo(s);
    assertThatThrownBy(() -> s.withDowntimeReplicas(-1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("downtimeReplicas: -1 is negative; use 0 or more");
  }

  @Test
  void awsResourcesAloneAreEnoughTargets() {
    Schedule s = valid().targets(Targets.builder().addRdsInstances("reporting-db").build()).build();

    assertThat(s.targets().hasWorkloads()).isFalse();
    assertThat(s.targets().hasAwsResources()).isTrue();
  }

  @Test
  void missingRequiredFieldsAreReportedTogether() {
    assertThat(violations(Schedule.builder())).containsExactly(
        "name: is required",
        "timeZone: is required",
        "windows: at least one window is required (such as Mon-Fri 07:30-20:30); without one the targets would never be up",
        "targets: is required");
  }

  @Test
  void everyViolationIsReportedWithItsPath() {
    Schedule.Builder b = Schedule.builder()
        .name("Payments_Dev")
        .timeZone("Europe/Berln")
        .addWindows(Window.parse("Mon-Fri 07:30-20:30"), Window.parse("Sat 10:00-12:00"), Window.parse("mon-fri 7:30-20:30"))
        .addHolidays(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 25))
        .override(ScheduleOverride.builder()
            .mode(OverrideMode.DOWN)
            .start(Instant.parse("2025-06-08T00:00:00Z"))
            .until(Instant.parse("2025-06-07T00:00:00Z"))
            .build())
        .targets(Targets.builder()
            .addTenants("payments", "payments")
            .addNamespaces("Bad_NS")
            .putLabelSelector("env", "not valid")
            .kinds(EnumSet.noneOf(WorkloadKind.class))
            .addExcludeNames("ledger_db")
            .addNodeGroups(NodeGroup.of("-dev", "workers"), NodeGroup.of("dev", "workers"), NodeGroup.of("dev", "workers"))
            .addRdsInstances("1db", "a--b", "db-")
            .addAutoScalingGroups(" ", "tab\there")
            .build())
        .downtimeReplicas(-1)
        .gracePeriod(Duration.ofMinutes(-5));

    assertThat(violations(b)).containsExactly(
        "name: \"Payments_Dev\" is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)",
        "timeZone: \"Europe/Berln\" is not an IANA time zone (such as Europe/Berlin, America/New_York or UTC)",
        "windows[2]: \"Mon-Fri 07:30-20:30\" is listed twice (also windows[0])",
        "holidays[1]: \"2025-12-25\" is listed twice (also holidays[0])",
        "override.start: 2025-06-08T00:00:00Z is not before until 2025-06-07T00:00:00Z",
        "targets.tenants[1]: \"payments\" is listed twice (also targets.tenants[0])",
        "targets.namespaces[0]: \"Bad_NS\" is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)",
        "targets.labelSelector[\"env\"]: \"not valid\" is not a valid label value (at most 63 characters of letters, digits, '-', '_' and '.')",
        "targets.kinds: at least one kind is required (Deployment, StatefulSet, CronJob)",
        "targets.excludeNames[0]: \"ledger_db\" is not a valid Kubernetes name (DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters)",
        "targets.nodeGroups[0].cluster: \"-dev\" is not an EKS cluster name (letters, digits, '-' and '_', starting with a letter or digit, at most 100)",
        "targets.nodeGroups[2]: \"dev/workers\" is listed twice (also targets.nodeGroups[1])",
        "targets.rdsInstances[0]: \"1db\" is not a DB instance identifier (letters, digits and '-', starting with a letter, at most 63, no '--' and no '-' at the end)",
        "targets.rdsInstances[1]: \"a--b\" is not a DB instance identifier (letters, digits and '-', starting with a letter, at most 63, no '--' and no '-' at the end)",
        "targets.rdsInstances[2]: \"db-\" is not a DB instance identifier (letters, digits and '-', starting with a letter, at most 63, no '--' and no '-' at the end)",
        "targets.autoScalingGroups[0]: \" \" is not an Auto Scaling group name (1 to 255 characters, no control characters)",
        "targets.autoScalingGroups[1]: \"tab\there\" is not an Auto Scaling group name (1 to 255 characters, no control characters)",
        "downtimeReplicas: -1 is negative; use 0 or more",
        "gracePeriod: PT-5M is negative; use PT0S or more");
  }

  @Test
  void theExceptionNamesTheSchedule() {
    assertThatThrownBy(() -> valid().downtimeReplicas(-2).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("invalid Schedule payments-office-hours (1 problem):\n  downtimeReplicas: -2 is negative; use 0 or more");
  }

  @Test
  void nothingTargeted() {
    assertThat(violations(valid().targets(Targets.builder().build()))).containsExactly(
        "targets: nothing is targeted; list tenants or namespaces (for workloads), nodeGroups, rdsInstances or autoScalingGroups");
  }

  @Test
  void aLabelSelectorNeedsTenantsOrNamespacesToSelectIn() {
    Targets clusterWide = Targets.builder().putLabelSelector("env", "dev").addRdsInstances("reporting-db").build();

    assertThat(violations(valid().targets(clusterWide))).containsExactly(
        "targets.labelSelector: selects workloads only in the listed tenants and namespaces; list some");
  }

  @Test
  void theNameLeavesRoomForTheOwnerLabel() {
    String longest = "a".repeat(Schedule.MAX_NAME_LENGTH);

    assertThat(Schedule.MAX_NAME_LENGTH).isEqualTo(54);
    assertThat(("schedule." + longest).length()).isEqualTo(63);
    assertThat(valid().name(longest).build().name()).isEqualTo(longest);
    assertThat(violations(valid().name(longest + "a"))).containsExactly(
        "name: \"" + longest + "a\" is 55 characters; at most 54 are allowed");
  }

  @Test
  void aTimeZoneInTheWrongCaseGetsASuggestion() {
    assertThat(violations(valid().timeZone("europe/berlin"))).containsExactly(
        "timeZone: \"europe/berlin\" is not an IANA time zone; did you mean Europe/Berlin?");
  }

  @Test
  void aFixedOffsetIsNotATimeZone() {
    assertThat(violations(valid().timeZone("+02:00"))).containsExactly(
        "timeZone: \"+02:00\" is not an IANA time zone (such as Europe/Berlin, America/New_York or UTC)");
    assertThat(valid().timeZone("UTC").build().zone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void anOverrideNeedsModeAndUntil() {
    assertThat(violations(valid().override(ScheduleOverride.builder().build()))).containsExactly(
        "override.mode: is required",
        "override.until: is required");
  }

  @Test
  void aNodeGroupNeedsClusterAndName() {
    Targets t = Targets.builder().addNodeGroups(NodeGroup.builder().build()).build();

    assertThat(violations(valid().targets(t))).containsExactly(
        "targets.nodeGroups[0].cluster: is required",
        "targets.nodeGroups[0].name: is required");
  }

  @Test
  void javaSerializationKeepsEverything() throws Exception {
    Schedule s = full();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Schedule back = (Schedule) in.readObject();
      assertThat(back).isEqualTo(s);
      assertThat(back.isUp(Instant.parse("2025-06-07T08:00:00Z"))).isTrue();
    }
  }

  @Test
  void jsonRoundTrip() throws Exception {
    Schedule s = full();

    String text = json.writeValueAsString(s);

    assertThat(json.readValue(text, Schedule.class)).isEqualTo(s);
    assertThat(text)
        .contains("\"windows\":[\"Mon-Fri 07:30-20:30\",\"Sat,Sun 10:00-14:00\",\"Mon-Fri 22:00-06:00\"]")
        .contains("\"holidays\":[\"2025-12-25\",\"2025-12-26\"]")
        .contains("\"mode\":\"up\"", "\"start\":\"2025-06-07T07:00:00Z\"", "\"until\":\"2025-06-07T15:00:00Z\"")
        .contains("\"kinds\":[\"Deployment\",\"CronJob\"]")
        .contains("\"nodeGroups\":[{\"cluster\":\"dev-cluster\",\"name\":\"batch-workers\"}]")
        .contains("\"gracePeriod\":\"PT30M\"", "\"manualChanges\":\"enforce\"", "\"suspended\":true")
        .doesNotContain("zone\"", "owner", "hasWorkloads", "activeAt");
  }

  @Test
  void readsASpecWrittenByHand() throws Exception {
    String spec = """
        {"name": "payments-nights", "timeZone": "America/New_York",
         "windows": ["Mon-Fri 07:30-20:30"], "holidays": ["2025-11-27"],
         "override": {"mode": "down", "until": "2025-12-01T12:00:00Z"},
         "targets": {"namespaces": ["payments-dev"], "kinds": ["Deployment"]},
         "gracePeriod": "PT15M", "manualChanges": "respect"}
        """;

    Schedule s = json.readValue(spec, Schedule.class);

    assertThat(s.holidays()).containsExactly(LocalDate.of(2025, 11, 27));
    assertThat(s.override()).contains(ScheduleOverride.down(Instant.parse("2025-12-01T12:00:00Z")));
    assertThat(s.targets().kinds()).containsExactly(WorkloadKind.Deployment);
    assertThat(s.gracePeriod()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.downtimeReplicas()).isZero();
  }

  @Test
  void aBadTimeZoneInASpecIsAViolationOfTimeZone() {
    String spec = """
        {"name": "x", "timeZone": "Mars/Olympus_Mons", "windows": ["Mon 08:00-09:00"], "targets": {"namespaces": ["dev"]}}
        """;

    Throwable thrown = catchThrowableOfType(Exception.class, () -> json.readValue(spec, Schedule.class));

    assertThat(thrown).hasRootCauseInstanceOf(ValidationException.class);
    ValidationException e = (ValidationException) rootCause(thrown);
    assertThat(e.violations()).extracting(Violation::path).containsExactly("timeZone");
  }

  @Test
  void aBadWindowInASpecNamesTheWindow() {
    String spec = """
        {"name": "x", "timeZone": "UTC", "windows": ["Mon-Fry 08:00-09:00"], "targets": {"namespaces": ["dev"]}}
        """;

    assertThatThrownBy(() -> json.readValue(spec, Schedule.class))
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("\"Mon-Fry 08:00-09:00\": unknown day \"Fry\" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
  }

  @Test
  void enumsUseTheSpecSpelling() throws Exception {
    assertThat(json.readValue("\"ENFORCE\"", ManualChangePolicy.class)).isEqualTo(ManualChangePolicy.ENFORCE);
    assertThat(json.writeValueAsString(OverrideMode.DOWN)).isEqualTo("\"down\"");
    assertThatThrownBy(() -> ManualChangePolicy.of("sometimes"))
        .hasMessage("\"sometimes\" is not a manual change policy (respect or enforce)");
    assertThatThrownBy(() -> OverrideMode.of("sideways"))
        .hasMessage("\"sideways\" is not an override mode (up or down)");
  }

  @Test
  void transitionsSerializeToo() throws Exception {
    Transition t = new Transition(Instant.parse("2025-06-02T05:30:00Z"), true);

    assertThat(json.readValue(json.writeValueAsString(t), Transition.class)).isEqualTo(t);
    assertThat(t).hasToString("up at 2025-06-02T05:30:00Z");
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
