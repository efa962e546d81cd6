package dev.platformkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlanTest {

  @Test
  void rendersLikeTerraform() {
    Plan plan = new Plan(List.of(), false, List.of(
        new Change(Change.Action.CREATE, ResourceRef.kubernetes("Namespace", "payments"),
            List.of(new FieldDiff("metadata.labels[\"platformkit.dev/tenant\"]", null, "payments"))),
        new Change(Change.Action.UPDATE, ResourceRef.kubernetes("ResourceQuota", "payments", "platformkit"),
            List.of(new FieldDiff("spec.hard.pods", "10", "20"))),
        new Change(Change.Action.DELETE, ResourceRef.aws("AccessEntry", "arn:aws:iam::1:role/x"), List.of())));

    assertThat(plan.render()).isEqualTo("""
        + Namespace payments
            + metadata.labels["platformkit.dev/tenant"]: payments
        ~ ResourceQuota payments/platformkit
            ~ spec.hard.pods: 10 -> 20
        - aws AccessEntry arn:aws:iam::1:role/x
        1 to create, 1 to update, 1 to delete""");
    assertThat(plan.isEmpty()).isFalse();
  }

  @Test
  void anEmptyPlanSaysSo() {
    Plan plan = new Plan(List.of(), false, List.of());
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.render()).isEqualTo("no changes");
    assertThat(new ApplyResult(List.of(), Duration.ZERO)).hasToString("no changes");
  }

  @Test
  void retryDelaysAreBoundedAndJittered() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1));
    Random random = new Random(1);
    for (int attempt = 1; attempt <= 40; attempt++) {
      Duration d = policy.delay(attempt, random);
      long cap = Math.min(100L << Math.min(attempt - 1, 30), 1000);
      assertThat(d.toMillis()).isBetween(0L, cap);
    }
    assertThat(RetryPolicy.NONE.delay(1, random)).isZero();
  }

  @Test
  void ownershipIsReadFromLabelsOrTags() {
    assertThat(Ownership.ownerOf(Ownership.labels("tenant.a"))).contains("tenant.a");
    assertThat(Ownership.ownerOf(Ownership.tags("tenant.a"))).contains("tenant.a");
    assertThat(Ownership.ownerOf(java.util.Map.of(Ownership.MANAGED_BY_LABEL, "Helm"))).contains("managed-by=Helm");
    assertThat(Ownership.ownerOf(java.util.Map.of())).isEmpty();
    assertThat(Ownership.isOwnedBy(Ownership.labels("tenant.a"), "tenant.b")).isFalse();
  }
}
