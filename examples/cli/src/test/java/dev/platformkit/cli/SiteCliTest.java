package dev.platformkit.cli;

import static dev.platformkit.cli.Cli.SPECS;
import static dev.platformkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.cli.Cli.Run;
import dev.platformkit.testkit.InMemoryPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sites through the CLI on the embedded backend, whose simulation issues certificates and provisions load balancers. */
class SiteCliTest {

  @TempDir
  Path dir;

  private String state() {
    return dir.resolve("state").toString();
  }

  private long applications() {
    return InMemoryPlatform.restore(dir.resolve("state").resolve("state.json")).kubernetes().all().stream()
        .filter(r -> r.ref().kind().equals("Application")).count();
  }

  @Test
  void applyOfTenantAndSiteThenPlanHasNoChanges() {
    Run apply = run("apply", "--state", state(), SPECS.toString());
    Run plan = run("plan", "--state", state(), SPECS.toString());
    Run again = run("apply", "--state", state(), SPECS.toString());

    assertThat(apply.status()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("plan for 1 tenant(s)").contains("plan for 1 site(s)")
        .contains("+ aws Certificate").contains("(known after apply)").doesNotContain("Site/UpgradePlan");
    assertThat(apply.err()).as("progress of the waits").contains("waiting for");
    assertThat(plan.status()).as(plan.out() + plan.err()).isZero();
    assertThat(again.status()).isZero();
    assertThat(again.out()).doesNotContainPattern("applied \\d+ change");
    assertThat(applications()).isEqualTo(2);
  }

  @Test
  void planOnAFreshStateSaysTheSitesArePlannedOnceTheTenantsAreApplied() {
    Run plan = run("plan", "--state", state(), SPECS.toString());

    assertThat(plan.status()).as(plan.err()).isEqualTo(Main.CHANGES);
    assertThat(plan.out()).contains("site(s) are planned once the tenants' changes are applied");
  }

  @Test
  void previewPrintsItsUrlAndAgainChangesNothing() {
    run("apply", "--state", state(), SPECS.toString());
    String[] preview = {"site", "preview", "--state", state(), "--tenant", "payments", "--from", "pay",
        "--branch", "feature/JIRA-1234_new-checkout-flow", "--ttl", "3d", "--user", "Alice", "-f", SPECS.toString()};

    Run first = run(preview);
    Run second = run(preview);

    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out()).containsPattern("https://pay-alice-feature-jira-1234-new-checkout-flow[-a-z0-9]*\\.example\\.com")
        .contains("+ Application");
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.out()).contains("no changes").doesNotContainPattern("applied \\d+ change")
        .containsPattern("https://pay-alice-feature-jira-1234-new-checkout-flow[-a-z0-9]*\\.example\\.com");
    assertThat(applications()).isEqualTo(4);
  }

  @Test
  void expireRemovesAPreviewOnceItsTimeToLiveIsOver() throws Exception {
    run("apply", "--state", state(), SPECS.toString());
    Run preview = run("site", "preview", "--state", state(), "--tenant", "payments", "--from", "pay", "--branch", "main",
        "--ttl", "3d", "--user", "bob", "-f", SPECS.toString());
    assertThat(preview.status()).as(preview.err()).isZero();

    Run early = run("sites", "expire", "--dry-run", "--state", state());
    // the state's clock moved past the time to live
    InMemoryPlatform memory = InMemoryPlatform.restore(dir.resolve("state").resolve("state.json"));
    memory.clock().advance(java.time.Duration.ofDays(3).plusMinutes(1));
    memory.snapshot(dir.resolve("state").resolve("state.json"));
    Run dryRun = run("sites", "expire", "--dry-run", "--state", state());
    Run expire = run("sites", "expire", "--state", state());
    Run again = run("sites", "expire", "--state", state());

    assertThat(early.status()).as(early.out() + early.err()).isZero();
    assertThat(early.out()).contains("0 expired site(s)");
    assertThat(dryRun.status()).as(dryRun.err()).isEqualTo(Main.CHANGES);
    assertThat(dryRun.out()).contains("1 expired site(s)").contains("pay-bob-main").contains("- Application");
    assertThat(expire.status()).as(expire.err()).isZero();
    assertThat(expire.out()).contains("removed 1 expired site: pay-bob-main");
    assertThat(again.status()).isZero();
    assertThat(again.out()).contains("0 expired site(s)");
    assertThat(applications()).as("the brand site stays").isEqualTo(2);
  }

  @Test
  void expireAtAnInstantAfterTheTimeToLive() {
    run("apply", "--state", state(), SPECS.toString());
    run("site", "preview", "--state", state(), "--tenant", "payments", "--from", "pay", "--branch", "main",
        "--ttl", "1d", "--user", "bob", "-f", SPECS.toString());

    Run expire = run("sites", "expire", "--at", "2027-01-01T00:00:00Z", "--state", state());

    assertThat(expire.status()).as(expire.err()).isZero();
    assertThat(expire.out()).contains("removed 1 expired site: pay-bob-main");
  }

  @Test
  void deleteOfASiteRemovesItsApplicationsAndLeavesTheTenant() throws Exception {
    run("apply", "--state", state(), SPECS.toString());

    Run delete = run("delete", "--state", state(), SPECS.resolve("site-pay.yaml").toString());
    Run plan = run("plan", "--state", state(), SPECS.toString());

    assertThat(delete.status()).as(delete.err()).isZero();
    assertThat(delete.out()).contains("deletion plan for 1 site(s)").contains("- Application")
        .doesNotContain("tenant(s)");
    assertThat(applications()).isZero();
    assertThat(plan.status()).isEqualTo(Main.CHANGES);
    assertThat(plan.out()).contains("plan for 1 site(s)").contains("+ Application").doesNotContain("+ Namespace");
  }

  @Test
  void jsonOutputOfASitePlan() throws Exception {
    run("apply", "--state", state(), SPECS.resolve("tenant-payments.yaml").toString());

    Run plan = run("plan", "--output", "json", "--state", state(), SPECS.toString());

    assertThat(plan.status()).as(plan.err()).isEqualTo(Main.CHANGES);
    JsonNode doc = new ObjectMapper().readTree(plan.out());
    JsonNode changes = doc.get("sites").get("plan").get("changes");
    assertThat(changes).isNotEmpty();
    assertThat(changes.findValuesAsText("kind")).contains("Certificate", "Application", "DnsRecord");
    assertThat(plan.out()).contains("(known after apply)");
    assertThat(doc.get("changes").asBoolean()).isTrue();
  }

  @Test
  void savedPlanOfASiteIsAppliedExactly() {
    run("apply", "--state", state(), SPECS.resolve("tenant-payments.yaml").toString());
    Path file = dir.resolve("site.plan");

    Run plan = run("plan", "-out", file.toString(), "--state", state(), SPECS.toString());
    Run apply = run("apply", "--state", state(), file.toString());
    Run after = run("plan", "--state", state(), SPECS.toString());

    assertThat(plan.status()).as(plan.err()).isEqualTo(Main.CHANGES);
    assertThat(apply.status()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("plan for 1 site(s)").containsPattern("applied \\d+ changes");
    assertThat(after.status()).as(after.out()).isZero();
    assertThat(applications()).isEqualTo(2);
  }

  @Test
  void aHostTheTenantDoesNotAllowIsAnError() throws Exception {
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Files.copy(SPECS.resolve("tenant-payments.yaml"), specs.resolve("tenant-payments.yaml"));
    Files.writeString(specs.resolve("site.yaml"), Files.readString(SPECS.resolve("site-pay.yaml"))
        .replace("- pay.example.com", "- www.shop.example.com").replace("host: pay.example.com", "host: www.shop.example.com"));
    run("apply", "--state", state(), specs.resolve("tenant-payments.yaml").toString());

    Run apply = run("apply", "--state", state(), specs.toString());

    assertThat(apply.status()).isEqualTo(Main.INVALID);
    assertThat(apply.err()).contains("\"www.shop.example.com\" is not allowed by tenant \"payments\"");
    assertThat(applications()).isZero();
  }

  @Test
  void previewOfASiteThatIsNotInTheSpecsIsAnError() {
    Run run = run("site", "preview", "--state", state(), "--tenant", "payments", "--from", "shop", "--branch", "main",
        "--ttl", "3d", "-f", SPECS.toString());

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains("no Site \"shop\"").contains("sites there: pay");
  }

  @Test
  void aSiteOnARealClusterWithoutAwsIsAnError() throws Exception {
    Path kubeconfig = Cli.kubeconfig(dir.resolve("kubeconfig"), "none", "https://127.0.0.1:9");

    Run run = run("plan", "--kubeconfig", kubeconfig.toString(), SPECS.resolve("site-pay.yaml").toString());

    assertThat(run.status()).isEqualTo(Main.ERROR);
    assertThat(run.err()).contains("site pay needs AWS").contains("--region");
    assertThat(Map.of()).isEmpty();
  }
}
