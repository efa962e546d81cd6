package dev.platformkit.cli;

import static dev.platformkit.cli.Cli.SPECS;
import static dev.platformkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.cli.Cli.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan -out FILE} and {@code apply FILE} on the embedded backend. */
class CliSavedPlanTest {

  @TempDir
  Path dir;

  private String state() {
    return dir.resolve("state").toString();
  }

  @Test
  void applyingASavedPlanAppliesExactlyItAndThenNothingIsLeft() throws IOException {
    Path file = dir.resolve("plans/payments.plan");

    Run plan = run("plan", "-out", file.toString(), "--state", state(), SPECS.toString());
    Run apply = run("apply", "--state", state(), file.toString());
    // the site is planned against its tenant as applied: its plan is saved once the tenant is there
    Run sitePlan = run("plan", "-out", file.toString(), "--state", state(), SPECS.toString());
    Run siteApply = run("apply", "--state", state(), file.toString());
    Run again = run("plan", "--state", state(), SPECS.toString());

    assertThat(plan.status()).as(plan.err()).isEqualTo(2);
    assertThat(plan.out()).contains("site(s) are planned once the tenants' changes are applied");
    assertThat(plan.out()).contains("saved the plan to " + file.toAbsolutePath());
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    assertThat(lines.get(0)).isEqualTo("platformkit-plan 1");
    @SuppressWarnings("unchecked")
    Map<String, Object> header = new ObjectMapper().readValue(lines.get(1), Map.class);
    assertThat(header).containsEntry("formatVersion", 1).containsEntry("platformVersion", Main.version())
        .containsEntry("target", "embedded in-memory backend (state in " + dir.resolve("state").toAbsolutePath() + ")")
        .containsKey("createdAt");
    assertThat((Integer) header.get("changes")).isPositive();
    assertThat(apply.status()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("saved plan " + file.toAbsolutePath()).contains("+ Namespace payments-dev")
        .containsPattern("applied \\d+ changes");
    assertThat(sitePlan.status()).as(sitePlan.err()).isEqualTo(2);
    assertThat(sitePlan.out()).contains("plan for 1 site(s)").contains("+ Application argocd/pay-web");
    assertThat(siteApply.status()).as(siteApply.err()).isZero();
    assertThat(siteApply.out()).contains("plan for 1 site(s)").containsPattern("applied \\d+ changes");
    assertThat(again.status()).as(again.out()).isZero();
    assertThat(again.out()).contains("no changes");
  }

  @Test
  void aSavedPlanTheStateDriftedFromIsRefusedAndChangesNothing() {
    Path file = dir.resolve("payments.plan");
    run("plan", "-out", file.toString(), "--state", state(), SPECS.toString());
    run("apply", "--state", state(), SPECS.resolve("tenant-payments.yaml").toString()); // someone applied meanwhile

    Run stale = run("apply", "--state", state(), file.toString());

    assertThat(stale.status()).isEqualTo(1);
    assertThat(stale.err()).contains("error: the saved plan is stale: the state changed since the plan was made; plan again")
        .doesNotContain("\tat ");
  }

  @Test
  void aSavedPlanForAnotherBackendIsRefused() {
    Path file = dir.resolve("payments.plan");
    run("plan", "-out", file.toString(), "--state", state(), SPECS.toString());
    Path other = dir.resolve("other");

    Run refused = run("apply", "--state", other.toString(), file.toString());

    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("was made for embedded in-memory backend (state in " + dir.resolve("state").toAbsolutePath())
        .contains("and this is embedded in-memory backend (state in " + other.toAbsolutePath()).contains("plan again here");
    assertThat(other.resolve("kubernetes.json")).doesNotExist();
  }

  @Test
  void aDamagedOrForeignPlanFileIsOneLineNamingIt() throws IOException {
    Path damaged = dir.resolve("damaged.plan");
    Files.writeString(damaged, "platformkit-plan 1\n{\"platformVersion\":\"" + Main.version() + "\"}\nnot java serialization");
    Path future = dir.resolve("future.plan");
    Files.writeString(future, "platformkit-plan 2\n{}\n");
    Path older = dir.resolve("older.plan");
    Files.writeString(older, "platformkit-plan 1\n{\"platformVersion\":\"0.0.1\"}\n");

    Run d = run("apply", "--state", state(), damaged.toString());
    Run f = run("apply", "--state", state(), future.toString());
    Run o = run("apply", "--state", state(), older.toString());

    assertThat(d.status()).isEqualTo(1);
    assertThat(d.err()).startsWith("error: cannot read the saved plan " + damaged.toAbsolutePath() + ": it is damaged").hasLineCount(1);
    assertThat(f.err()).contains("a plan file of another format version");
    assertThat(o.err()).contains("it was made by platform 0.0.1 and this is platform " + Main.version() + "; plan again");
  }

  @Test
  void aSavedPlanHoldingOtherClassesIsNotDeserialized() throws IOException {
    Path file = dir.resolve("evil.plan");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write(("platformkit-plan 1\n{\"platformVersion\":\"" + Main.version() + "\"}\n").getBytes(StandardCharsets.UTF_8));
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(new java.net.URL("http://example.invalid/"));
    }
    Files.write(file, bytes.toByteArray());

    Run run = run("apply", "--state", state(), file.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read the saved plan").contains("a class that a plan does not");
  }

  @Test
  void aSavedPlanIsAppliedOnItsOwn() {
    Path file = dir.resolve("payments.plan");
    run("plan", "-out", file.toString(), "--state", state(), SPECS.toString());

    Run run = run("apply", "--state", state(), file.toString(), SPECS.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("is applied on its own: platform apply FILE");
  }
}
