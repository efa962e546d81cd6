package dev.platformkit.cli;

import static dev.platformkit.cli.Cli.SPECS;
import static dev.platformkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.cli.Cli.Run;
import dev.platformkit.testkit.InMemoryPlatform;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platform site weights} and {@code platform site shift} on the embedded backend, with the example
 * tenant and its site made weighted ({@code dns.setIdentifier: blue}); the embedded backend is one cluster,
 * so only {@code blue} exists there.
 */
class SiteShiftCliTest {

  @TempDir
  Path dir;

  private Path specs;

  @BeforeEach
  void applyAWeightedSite() throws IOException {
    specs = Files.createDirectories(dir.resolve("specs"));
    Files.copy(SPECS.resolve("tenant-payments.yaml"), specs.resolve("tenant-payments.yaml"));
    String site = Files.readString(SPECS.resolve("site-pay.yaml"));
    String weighted = site.replace("    hostedZone: example.com\n", "    hostedZone: example.com\n    setIdentifier: blue\n"
        + "    weight: 100\n");
    assertThat(weighted).as("the example site's dns block").isNotEqualTo(site);
    Files.writeString(specs.resolve("site-pay.yaml"), weighted);
    Run apply = run("apply", "--state", state(), specs.toString());
    assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
  }

  private String state() {
    return dir.resolve("state").toString();
  }

  /** The weights of the weighted alias records in the saved state, as "host type identifier weight". */
  private List<String> records() {
    return InMemoryPlatform.restore(dir.resolve("state").resolve("state.json")).aws().all().stream()
        .filter(r -> r.body().get("setIdentifier") != null)
        .map(r -> r.body().get("name") + " " + r.body().get("type") + " " + r.body().get("setIdentifier") + " "
            + r.body().get("weight"))
        .sorted().toList();
  }

  private Run shift(String... more) {
    String[] args = {"site", "shift", "--state", state(), "--site", "pay", "-f", specs.toString()};
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return run(all);
  }

  @Test
  void weightsPrintsEachIdentifierWithItsWeightAndShareAndTheSiteHealth() {
    Run weights = run("site", "weights", "--state", state(), "--site", "pay", "-f", specs.toString());

    assertThat(weights.status()).as(weights.err()).isZero();
    assertThat(weights.err()).isEmpty();
    assertThat(weights.out()).containsPattern("(?m)^  blue  100  100%$")
        // applied and provisioned in an earlier run: the state document keeps it serving
        .containsPattern("(?m)^healthy: site pay serves from the embedded in-memory backend");
  }

  @Test
  void shiftChangesTheWeightAndTheSameShiftAgainChangesNothing() {
    assertThat(records()).containsExactly("pay.example.com A blue 100", "pay.example.com AAAA blue 100");

    Run first = shift("--weight", "blue=40");
    Run second = shift("--weight", "blue=40");
    Run weights = run("site", "weights", "--state", state(), "--site", "pay", "-f", specs.toString());
    Run plan = run("plan", "--state", state(), specs.toString());

    assertThat(first.status()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("shift plan for site pay on the embedded in-memory backend")
        .contains("~ aws DnsRecord").contains("weight: 100 -> 40").containsPattern("applied 2 changes?")
        .contains("weights of site pay after the shift:").containsPattern("(?m)^  blue   40  100%$");
    assertThat(records()).containsExactly("pay.example.com A blue 40", "pay.example.com AAAA blue 40");
    assertThat(second.status()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("no changes").doesNotContainPattern("applied \\d+ change")
        .containsPattern("(?m)^  blue   40  100%$");
    assertThat(weights.out()).containsPattern("(?m)^  blue   40  100%$");
    // applying the same specs again keeps the shifted weight (dns.weight did not change)
    assertThat(plan.status()).as(plan.out()).isZero();
    assertThat(records()).containsExactly("pay.example.com A blue 40", "pay.example.com AAAA blue 40");
  }

  @Test
  void dryRunExitsWithTwoWhenTheShiftWouldChangeSomethingAndWritesNothing() {
    Run changes = shift("--weight", "blue=40", "--dry-run");
    Run none = shift("--weight", "blue=100", "--dry-run");

    assertThat(changes.status()).as(changes.out() + changes.err()).isEqualTo(Main.CHANGES);
    assertThat(changes.out()).contains("weight: 100 -> 40").doesNotContainPattern("applied \\d+ change")
        .doesNotContain("after the shift");
    assertThat(none.status()).as(none.out() + none.err()).isZero();
    assertThat(none.out()).contains("no changes");
    assertThat(records()).containsExactly("pay.example.com A blue 100", "pay.example.com AAAA blue 100");
  }

  @Test
  void anIdentifierWithoutRecordsIsAnErrorNamingItAndNothingIsWritten() {
    Run run = shift("--weight", "green=10");

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.out()).doesNotContain("after the shift");
    assertThat(run.err()).contains("weights.green").contains("no weighted record \"green\"")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(records()).containsExactly("pay.example.com A blue 100", "pay.example.com AAAA blue 100");
  }

  @Test
  void weightsThatWouldAllBeZeroAreAnErrorNamingWeights() {
    Run run = shift("--weight", "blue=0");
    Run outOfRange = shift("--weight", "blue=256");

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains("weights:").contains("evenly").doesNotContain("\tat ");
    assertThat(outOfRange.status()).isEqualTo(Main.INVALID);
    assertThat(outOfRange.err()).contains("weights.blue").contains("out of range");
    assertThat(records()).containsExactly("pay.example.com A blue 100", "pay.example.com AAAA blue 100");
  }

  @Test
  void aWeightThatIsNotIdEqualsANumberIsAUsageErrorNamingTheOption() {
    for (String bad : List.of("blue", "blue=ten", "=10", "blue=99999999999")) {
      Run run = shift("--weight", bad);

      assertThat(run.status()).as(bad).isEqualTo(Main.USAGE);
      assertThat(run.err()).as(bad).contains("--weight").contains("'" + bad + "'").doesNotContain("\tat ");
    }
    Run twice = shift("--weight", "blue=10", "--weight", "blue=20");
    Run missing = run("site", "shift", "--state", state(), "--site", "pay", "-f", specs.toString());

    assertThat(twice.status()).isEqualTo(Main.USAGE);
    assertThat(twice.err()).contains("--weight: set identifier blue is given twice");
    assertThat(missing.status()).isEqualTo(Main.USAGE);
    assertThat(missing.err()).contains("--weight");
    assertThat(records()).containsExactly("pay.example.com A blue 100", "pay.example.com AAAA blue 100");
  }

  @Test
  void aSiteThatIsNotInTheSpecsIsAnError() {
    Run run = run("site", "weights", "--state", state(), "--site", "shop", "-f", specs.toString());

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains("no Site \"shop\"").contains("sites there: pay").contains("--site");
  }

  @Test
  void jsonOutputOfWeightsAndShift() throws Exception {
    ObjectMapper json = new ObjectMapper();

    JsonNode weights = json.readTree(run("site", "weights", "--output", "json", "--state", state(), "--site", "pay",
        "-f", specs.toString()).out());
    Run dryRun = shift("--weight", "blue=40", "--dry-run", "--output", "json");
    JsonNode planned = json.readTree(dryRun.out());
    JsonNode shifted = json.readTree(shift("--weight", "blue=40", "--output", "json").out());
    JsonNode refused = json.readTree(shift("--weight", "green=10", "--output", "json").out());

    assertThat(weights.get("site").asText()).isEqualTo("pay");
    assertThat(weights.get("weights").get("blue").asInt()).isEqualTo(100);
    assertThat(weights.get("shares").get("blue").decimalValue()).isEqualByComparingTo("100");
    assertThat(weights.get("healthy").isBoolean()).isTrue();
    assertThat(weights.get("unhealthy").isArray()).isTrue();
    assertThat(weights.get("healthy").asBoolean()).isTrue();
    assertThat(weights.get("unhealthy").isEmpty()).isTrue();
    assertThat(weights.get("exitCode").asInt()).isZero();
    assertThat(dryRun.status()).isEqualTo(Main.CHANGES);
    assertThat(planned.get("changes").asBoolean()).isTrue();
    assertThat(planned.get("plan").get("summary").get("update").asInt()).isEqualTo(2);
    assertThat(planned.get("result").isNull()).isTrue();
    assertThat(planned.get("exitCode").asInt()).isEqualTo(Main.CHANGES);
    assertThat(shifted.get("result").get("applied")).hasSize(2);
    assertThat(shifted.get("weights").get("blue").asInt()).isEqualTo(40);
    assertThat(shifted.get("exitCode").asInt()).isZero();
    assertThat(refused.get("exitCode").asInt()).isEqualTo(Main.INVALID);
    assertThat(refused.get("error").get("violations").findValuesAsText("path")).contains("weights.green");
  }

  @Test
  void sharesAreEachWeightOverTheSumOrAnEvenSplitWhenEveryWeightIsZero() {
    assertThat(SiteTraffic.shares(Map.of("blue", 90, "green", 10)))
        .containsEntry("blue", new BigDecimal("90")).containsEntry("green", new BigDecimal("10"));
    assertThat(SiteTraffic.shares(new java.util.TreeMap<>(Map.of("a", 1, "b", 1, "c", 1))))
        .containsEntry("a", new BigDecimal("33.3"));
    assertThat(SiteTraffic.shares(Map.of("blue", 0, "green", 0))).containsEntry("blue", new BigDecimal("50"));
    assertThat(SiteTraffic.shares(Map.of("blue", 40))).containsEntry("blue", new BigDecimal("100"));
  }

  @Test
  void weightsOfASiteWithoutWeightedRecordsSaySo() throws IOException {
    Files.writeString(specs.resolve("site-pay.yaml"), Files.readString(SPECS.resolve("site-pay.yaml")));
    Path other = dir.resolve("other-state");
    run("apply", "--state", other.toString(), specs.toString());

    Run run = run("site", "weights", "--state", other.toString(), "--site", "pay", "-f", specs.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("site pay has no weighted records");
  }

  @Test
  void weightsWithDetailedExitCodeIsTwoWhenTheSiteDoesNotServeFromThisCluster() {
    // a backend with the tenant but not the site: its Applications do not exist there
    Path fresh = dir.resolve("fresh");
    run("apply", "--state", fresh.toString(), specs.resolve("tenant-payments.yaml").toString());

    Run unhealthy = run("site", "weights", "--detailed-exitcode", "--state", fresh.toString(), "--site", "pay",
        "-f", specs.toString());

    assertThat(unhealthy.status()).as(unhealthy.err()).isEqualTo(Main.CHANGES);
    assertThat(unhealthy.out()).contains("site pay has no weighted records")
        .contains("unhealthy: site pay does not serve from the embedded in-memory backend")
        .contains("Application argocd/pay-web does not exist on this cluster");
  }

  @Test
  void onARealClusterWithoutAwsTheShiftIsRefusedBeforeAnythingIsRead() throws IOException {
    Path kubeconfig = Cli.kubeconfig(dir.resolve("kubeconfig"), "prod", "https://127.0.0.1:9");

    Run shift = run("site", "shift", "--kubeconfig", kubeconfig.toString(), "--site", "pay", "--weight", "blue=40",
        "--auto-approve", "-f", specs.toString());
    Run weights = run("site", "weights", "--kubeconfig", kubeconfig.toString(), "--site", "pay", "-f", specs.toString());
    Run regionOnEmbedded = run("site", "weights", "--region", "eu-west-1", "--state", state(), "--site", "pay",
        "-f", specs.toString());

    assertThat(shift.status()).isEqualTo(Main.ERROR);
    assertThat(shift.err()).contains("site pay needs AWS").contains("--region").doesNotContain("\tat ");
    assertThat(weights.status()).isEqualTo(Main.ERROR);
    assertThat(weights.err()).contains("site pay needs AWS");
    assertThat(regionOnEmbedded.status()).isEqualTo(Main.USAGE);
    assertThat(regionOnEmbedded.err()).contains("--region needs a cluster connection");
  }
}
