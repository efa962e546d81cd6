package dev.platformkit.schedule;

import static dev.platformkit.schedule.EvaluationFixtures.at;
import static dev.platformkit.schedule.EvaluationFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SavingsTest {
  private static final String OFFICE = "Mon-Fri 08:00-20:00";
  // Monday 2026-01-05 00:00 in Berlin: no clock change, no holiday that week
  private static final java.time.Instant PLAIN_WEEK = at("2026-01-05T00:00:00+01:00");

  @Test
  void officeHoursKeep108Of168HoursDown() {
    Schedule office = schedule("Europe/Berlin", OFFICE).build();

    assertThat(Savings.downtimePerWeek(office, PLAIN_WEEK)).isEqualTo(Duration.ofHours(108));
    assertThat(Savings.downHoursPerWeek(office, PLAIN_WEEK)).isEqualByComparingTo("108");
  }

  @Test
  void theWeekIs168HoursFromTheGivenInstantWhereverItStarts() {
    Schedule office = schedule("Europe/Berlin", OFFICE).build();

    // starting mid-window (Wednesday noon) still covers each window once
    assertThat(Savings.downtimePerWeek(office, at("2026-01-07T12:00:00+01:00"))).isEqualTo(Duration.ofHours(108));
  }

  @Test
  void aWindowOverTheSpringForwardNightIsAnHourShorter() {
    // 2026-03-29 02:00 CET -> 03:00 CEST: Sat 20:00 to Sun 08:00 is 11 hours, not 12
    Schedule s = schedule("Europe/Berlin", OFFICE, "Sat 20:00-08:00").build();

    assertThat(Savings.downHoursPerWeek(s, PLAIN_WEEK)).isEqualByComparingTo("96");
    assertThat(Savings.downHoursPerWeek(s, at("2026-03-23T00:00:00+01:00"))).isEqualByComparingTo("97");
    // office hours alone do not cross the change: 108 in that week too
    assertThat(Savings.downHoursPerWeek(schedule("Europe/Berlin", OFFICE).build(), at("2026-03-23T00:00:00+01:00")))
        .isEqualByComparingTo("108");
  }

  @Test
  void aWindowOverTheFallBackNightIsAnHourLonger() {
    // 2026-10-25 03:00 CEST -> 02:00 CET: Sat 20:00 to Sun 08:00 is 13 hours
    Schedule s = schedule("Europe/Berlin", OFFICE, "Sat 20:00-08:00").build();

    assertThat(Savings.downHoursPerWeek(s, at("2026-10-19T00:00:00+02:00"))).isEqualByComparingTo("95");
  }

  @Test
  void holidaysAreDownAllDay() {
    Schedule s = schedule("Europe/Berlin", OFFICE)
        .addHolidays(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25)).build();

    // Mon 21 to Sun 27 December: three office days of 12 hours up
    assertThat(Savings.downHoursPerWeek(s, at("2026-12-21T00:00:00+01:00"))).isEqualByComparingTo("132");
  }

  @Test
  void halfHourWindowsGiveFractionalHours() {
    Schedule s = schedule("Europe/Berlin", "Mon-Fri 07:30-20:30").build();

    assertThat(Savings.downHoursPerWeek(s, PLAIN_WEEK)).isEqualByComparingTo("103");
    assertThat(Savings.downHoursPerWeek(schedule("UTC", "Mon-Fri 07:30-20:00").build(), at("2026-01-05T00:00:00Z")))
        .isEqualByComparingTo("105.5");
  }

  @Test
  void anOverrideInForceCounts() {
    Schedule s = schedule("Europe/Berlin", OFFICE)
        .override(ScheduleOverride.up(at("2026-01-10T08:00:00+01:00"))) // Saturday until 08:00
        .build();

    // up from the start of the week until Saturday 08:00, then down until Monday: 40 hours
    assertThat(Savings.downHoursPerWeek(s, PLAIN_WEEK)).isEqualByComparingTo("40");
  }

  @Test
  void estimatesResourceHoursAndCostPerWeekAndPerMonth() {
    Schedule office = schedule("Europe/Berlin", OFFICE).build();

    SavingsEstimate e = Savings.estimate(office, PLAIN_WEEK,
        List.of(Savings.Workload.of("api", 3, "500m", "1Gi"), Savings.Workload.of("worker", 2, "250m", "512Mi")),
        List.of(new Savings.Instances("shared-nonprod/payments-workers", "m6i.large", 2, new BigDecimal("0.107")),
            new Savings.Instances("payments-dev-db", "db.t4g.medium", 1, new BigDecimal("0.073"))));

    assertThat(e.downHours()).isEqualByComparingTo("108");
    assertThat(e.downPercent()).isEqualByComparingTo("64.3");
    assertThat(e.cpuCoreHours()).isEqualByComparingTo("216");          // (3 x 0.5 + 2 x 0.25) x 108
    assertThat(e.memoryGibHours()).isEqualByComparingTo("432");        // (3 x 1 + 2 x 0.5) x 108
    assertThat(e.instanceHours()).isEqualByComparingTo("324");         // (2 + 1) x 108
    assertThat(e.cost()).isEqualByComparingTo("30.996");               // 216 x 0.107 + 108 x 0.073
    // a month is 365.25 / 12 / 7 weeks
    assertThat(e.downHoursPerMonth()).isEqualByComparingTo("469.61");
    assertThat(e.cpuCoreHoursPerMonth()).isEqualByComparingTo("939.21");
    assertThat(e.memoryGibHoursPerMonth()).isEqualByComparingTo("1878.43");
    assertThat(e.instanceHoursPerMonth()).isEqualByComparingTo("1408.82");
    assertThat(e.costPerMonth()).isEqualByComparingTo("134.78");
    assertThat(e.costPerMonth().scale()).isEqualTo(2);
  }

  @Test
  void replicasKeptDuringDowntimeSaveNothing() {
    Schedule office = schedule("Europe/Berlin", OFFICE).downtimeReplicas(1).build();

    SavingsEstimate e = Savings.estimate(office, PLAIN_WEEK,
        List.of(Savings.Workload.of("api", 3, "500m", null), Savings.Workload.of("worker", 1, "250m", null)), List.of());

    assertThat(e.cpuCoreHours()).isEqualByComparingTo("108");          // 2 x 0.5 x 108; the worker keeps its one
    assertThat(e.memoryGibHours()).isEqualByComparingTo("0");
    assertThat(e.cost()).isEqualByComparingTo("0");
  }

  @Test
  void aWorkloadIsReadFromItsSpecOrItsSleepRecord() {
    Map<String, Object> template = Map.of("spec", Map.of("containers", List.of(
        Map.of("name", "app", "resources", Map.of("requests", Map.of("cpu", "250m", "memory", "256Mi"))),
        Map.of("name", "sidecar", "resources", Map.of("requests", Map.of("cpu", "0.25", "memory", "256Mi"))),
        Map.of("name", "no-requests"))));
    Resource awake = new Resource(ResourceRef.kubernetes("Deployment", "payments-dev", "api"), Map.of(), Map.of(),
        Map.of("spec", Map.of("replicas", 4, "template", template)), "1");
    Resource asleep = new Resource(ResourceRef.kubernetes("StatefulSet", "payments-dev", "db"), Map.of(),
        Map.of(Sleep.RECORD, "{\"schedule\":\"other\",\"replicas\":2}"),
        Map.of("spec", Map.of("replicas", 0, "template", template)), "1");
    Resource defaulted = new Resource(ResourceRef.kubernetes("Deployment", "payments-dev", "bare"), Map.of(), Map.of(),
        Map.of("spec", Map.of()), "1");

    assertThat(Savings.Workload.of(awake))
        .isEqualTo(new Savings.Workload("Deployment payments-dev/api", 4, new BigDecimal("0.500"), new BigDecimal(512L << 20)));
    assertThat(Savings.Workload.of(asleep).replicas()).isEqualTo(2);
    assertThat(Savings.Workload.of(defaulted))
        .isEqualTo(new Savings.Workload("Deployment payments-dev/bare", 1, BigDecimal.ZERO, BigDecimal.ZERO));
  }

  @Test
  void onlyWorkloadsTheScheduleScalesCount() {
    Schedule s = schedule("UTC", OFFICE).targets(Targets.builder().addNamespaces("dev").addExcludeNames("ledger")
        .putLabelSelector("env", "dev").kinds(java.util.EnumSet.of(WorkloadKind.Deployment, WorkloadKind.CronJob)).build()).build();
    Map<String, String> dev = Map.of("env", "dev");

    assertThat(Savings.isTargeted(s, workload("Deployment", "api", dev, Map.of()))).isTrue();
    assertThat(Savings.isTargeted(s, workload("Deployment", "api", dev, Map.of(Sleep.RECORD, "{\"schedule\":\"test\",\"replicas\":2}"))))
        .as("asleep under this schedule").isTrue();
    assertThat(Savings.isTargeted(s, workload("Deployment", "api", Map.of(), Map.of()))).as("selector").isFalse();
    assertThat(Savings.isTargeted(s, workload("Deployment", "ledger", dev, Map.of()))).as("excluded by name").isFalse();
    assertThat(Savings.isTargeted(s, workload("Deployment", "api", dev, Map.of(Sleep.EXCLUDE, "true")))).as("opted out").isFalse();
    assertThat(Savings.isTargeted(s, workload("Deployment", "api", dev, Map.of(Sleep.RECORD, "{\"schedule\":\"other\"}"))))
        .as("asleep under another schedule").isFalse();
    assertThat(Savings.isTargeted(s, workload("StatefulSet", "db", dev, Map.of()))).as("kind not targeted").isFalse();
    assertThat(Savings.isTargeted(s, workload("CronJob", "report", dev, Map.of()))).as("not scaled").isFalse();
  }

  private static Resource workload(String kind, String name, Map<String, String> labels, Map<String, String> annotations) {
    return new Resource(ResourceRef.kubernetes(kind, "dev", name), labels, annotations, Map.of("spec", Map.of("replicas", 1)), "1");
  }

  @Test
  void badNumbersAreRefusedNamingTheWorkload() {
    assertThatThrownBy(() -> Savings.Workload.of("api", 1, "half a core", "1Gi"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api: cpu request \"half a core\"");
    assertThatThrownBy(() -> Savings.Workload.of("api", -1, "1", "1Gi"))
        .hasMessageContaining("api: replicas -1 is negative");
    assertThatThrownBy(() -> new Savings.Instances("ng", "m6i.large", 1, new BigDecimal("-0.1")))
        .hasMessageContaining("ng: hourlyPrice -0.1 is negative");
  }
}
