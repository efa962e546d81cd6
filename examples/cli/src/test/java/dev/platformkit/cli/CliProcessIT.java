package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user runs it: {@code java -jar target/platform.jar} (the shaded jar of the package phase) in
 * a process of its own, on the example specs, with the embedded backend in a temporary directory.
 */
class CliProcessIT {
  private static final Path JAR = Path.of("target/platform.jar").toAbsolutePath();
  private static final Path SPECS = Path.of("../specs").toAbsolutePath().normalize();
  private static final String ESC = "\u001b[";

  @TempDir
  Path dir;

  private String state;

  record Result(int status, String out, String err) {}

  @BeforeEach
  void jar() {
    assertThat(JAR).as("the shade plugin writes it in the package phase").exists();
    state = dir.resolve("state").toString();
  }

  private Result platform(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
    builder.environment().remove("NO_COLOR");
    builder.environment().remove("CLICOLOR_FORCE");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close(); // no one at a terminal: standard input is at its end
    // a bound on a hung process, not a wait for something to happen
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("platform " + String.join(" ", args) + " finished").isTrue();
    return new Result(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  private Result platform(String... args) throws IOException, InterruptedException {
    return platform(Map.of(), args);
  }

  @Test
  void validatePlanApplyPlanAgainDeleteOnTheExampleSpecs() throws Exception {
    Result validate = platform("validate", SPECS.toString());
    Result plan = platform("plan", "--state", state, SPECS.toString());
    Result apply = platform("apply", "--state", state, SPECS.toString());
    Result again = platform("plan", "--state", state, SPECS.toString());
    Result delete = platform("delete", "--state", state, SPECS.toString());
    Result afterDelete = platform("plan", "--state", state, SPECS.toString());

    assertThat(validate.status()).as(validate.err()).isZero();
    assertThat(validate.out()).contains("ok  Tenant payments").contains("documents valid");
    assertThat(plan.status()).as(plan.err()).isEqualTo(2);
    assertThat(plan.out()).contains("(state in " + dir.resolve("state").toAbsolutePath() + ")")
        .contains("+ Namespace payments-dev").doesNotContain(ESC);
    assertThat(apply.status()).as(apply.err()).isZero();
    assertThat(apply.out()).containsPattern("applied \\d+ changes");
    assertThat(again.status()).as(again.out()).isZero();
    assertThat(again.out()).contains("no changes");
    assertThat(delete.status()).as(delete.err()).isZero();
    assertThat(delete.out()).contains("- Namespace payments-dev");
    assertThat(afterDelete.status()).isEqualTo(2);
  }

  @Test
  void jsonOutputForPlansAndErrors() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Result plan = platform("plan", "--output", "json", "--state", state, SPECS.toString());
    Result error = platform("plan", "--output", "json", "--state", state, dir.resolve("missing.yaml").toString());

    assertThat(plan.status()).as(plan.err()).isEqualTo(2);
    JsonNode doc = json.readTree(plan.out());
    assertThat(doc.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("tenants").get("plan").get("changes").get(0).get("action").asText()).isEqualTo("create");
    assertThat(error.status()).isEqualTo(1);
    assertThat(json.readTree(error.out()).get("error").get("message").asText()).contains("does not exist");
    assertThat(error.err()).isEmpty();
  }

  @Test
  void colourOnlyWhenForcedAndNeverWithNoColor() throws Exception {
    Result pipe = platform("plan", "--state", state, SPECS.toString());
    Result forced = platform(Map.of("CLICOLOR_FORCE", "1"), "plan", "--state", state, SPECS.toString());
    Result noColor = platform(Map.of("CLICOLOR_FORCE", "1", "NO_COLOR", "1"), "plan", "--state", state, SPECS.toString());

    assertThat(pipe.out()).as("standard output is not a terminal").doesNotContain(ESC);
    assertThat(forced.out()).contains(ESC + "32m+ Namespace payments-dev");
    assertThat(noColor.out()).contains("+ Namespace payments-dev").doesNotContain(ESC);
  }

  @Test
  void aSavedPlanIsAppliedByASecondProcess() throws Exception {
    Path file = dir.resolve("payments.plan");
    Result plan = platform("plan", "-out", file.toString(), "--state", state, SPECS.toString());
    Result apply = platform("apply", "--state", state, file.toString());
    Result stale = platform("apply", "--state", state, file.toString());

    assertThat(plan.status()).as(plan.err()).isEqualTo(2);
    assertThat(apply.status()).as(apply.err()).isZero();
    assertThat(stale.status()).isEqualTo(1);
    assertThat(stale.err()).contains("stale");
  }
}
