package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.cli.Cli.Run;
import static dev.platformkit.cli.Cli.SPECS;
import static dev.platformkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platformkit.Platform;
import dev.platformkit.ValidationException;
import dev.platformkit.spec.SpecReader;
import dev.platformkit.testkit.InMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in the CLI's words: its options, one line saying why, exit statuses as documented, traces only with --debug. */
class CliErrorsTest {

  @TempDir
  Path dir;

  /** A kubeconfig for a server nothing listens on: the checks below fail before anything connects. */
  private Path kubeconfig() throws IOException {
    return Cli.kubeconfig(dir.resolve("kubeconfig"), "gone", "https://127.0.0.1:1");
  }

  private static void assertNamesTheCliOptionsNotTheJavaApi(Run run) {
    assertThat(run.status()).as(run.err()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains("members[3]").contains("IamRole members need an AWS backend")
        .contains("--cluster NAME").contains("--iam-access AWS_AUTH_CONFIGMAP")
        .contains("tenant-payments.yaml:")
        .doesNotContain("Platform.builder").doesNotContain("iamAccess(").doesNotContain("\tat ");
  }

  @Test
  void anIamRoleMemberOnAClusterWithoutAnEksClusterNamesTheCliOptions() throws IOException {
    String kubeconfig = kubeconfig().toString();

    assertNamesTheCliOptionsNotTheJavaApi(run("plan", "--kubeconfig", kubeconfig, SPECS.toString()));
    // --region alone gives an AWS backend but no cluster to hold access entries
    assertNamesTheCliOptionsNotTheJavaApi(run("apply", "--kubeconfig", kubeconfig, "--region", "eu-west-1",
        SPECS.toString()));
    Run delete = run("delete", "--kubeconfig", kubeconfig, SPECS.toString());
    assertNamesTheCliOptionsNotTheJavaApi(delete);
    assertThat(delete.err()).contains("deleting would leave the tenant's access entries behind");
  }

  @Test
  void theLibrarysIamMessageIsTranslatedWhereTheCliDidNotCheckFirst() {
    // the library's own check, as a platform without an AWS backend reports it
    Platform platform = Platform.builder().kubernetes(InMemoryStore.kubernetes()).build();
    ValidationException e = catchThrowableOfType(
        () -> platform.tenants().plan(SpecReader.create().read(SPECS).tenants()), ValidationException.class);

    assertThat(e.getMessage()).contains("Platform.builder().aws(...)").contains("iamAccess(AWS_AUTH_CONFIGMAP)");
    assertThat(SpecCommand.cli(e.getMessage())).contains("members[3]").contains("--cluster NAME")
        .contains("--iam-access AWS_AUTH_CONFIGMAP").doesNotContain("Platform.builder").doesNotContain("iamAccess(");
  }

  @Test
  void clusterOrRegionWithoutAClusterConnectionIsAUsageErrorOfOneLine() {
    Path state = dir.resolve("state");

    Run cluster = run("apply", "--state", state.toString(), "--cluster", "prod", SPECS.toString());
    Run region = run("plan", "--region", "eu-west-1", SPECS.toString());
    Run both = run("schedule", "reconcile", "--cluster", "prod", "--region", "eu-west-1", SPECS.toString());

    assertThat(cluster.status()).isEqualTo(Main.USAGE);
    assertThat(cluster.err()).isEqualTo("error: --cluster needs a cluster connection (--kubeconfig, --context or"
        + " --in-cluster); the embedded backend has no EKS cluster or AWS region" + System.lineSeparator());
    assertThat(cluster.out()).isEmpty();
    assertThat(state).as("nothing applied").doesNotExist();
    assertThat(region.status()).isEqualTo(Main.USAGE);
    assertThat(region.err()).startsWith("error: --region needs a cluster connection").hasLineCount(1);
    assertThat(both.status()).isEqualTo(Main.USAGE);
    assertThat(both.err()).startsWith("error: --cluster and --region need a cluster connection").hasLineCount(1);
    Run profile = run("apply", "--state", state.toString(), "--profile", "prod-admin", SPECS.toString());
    assertThat(profile.status()).isEqualTo(Main.USAGE);
    assertThat(profile.err()).startsWith("error: --profile needs a cluster connection").hasLineCount(1);
    assertThat(state).as("nothing applied").doesNotExist();
  }

  @Test
  void aMissingKubeconfigSaysItDoesNotExist() {
    Path missing = dir.resolve("no-such-kubeconfig");

    Run run = run("plan", "--kubeconfig", missing.toString(), "--iam-access", "AWS_AUTH_CONFIGMAP", SPECS.toString());

    assertThat(run.status()).isEqualTo(Main.FAILED);
    assertThat(run.err()).isEqualTo("error: kubeconfig " + missing.toAbsolutePath() + " (--kubeconfig) does not exist"
        + System.lineSeparator());
  }

  @Test
  void aKubeconfigThatIsADirectorySaysSo() {
    Run run = run("plan", "--kubeconfig", dir.toString(), "--iam-access", "AWS_AUTH_CONFIGMAP", SPECS.toString());

    assertThat(run.status()).isEqualTo(Main.FAILED);
    assertThat(run.err()).contains("kubeconfig " + dir.toAbsolutePath() + " (--kubeconfig) is a directory").hasLineCount(1);
  }

  @Test
  void aSpecPathThatDoesNotExistIsBadInputOfOneLine() {
    Path missing = dir.resolve("tenants.yaml");

    Run run = run("plan", "--state", dir.resolve("state").toString(), SPECS.toString(), missing.toString());

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).isEqualTo("error: spec path " + missing + " does not exist" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void stackTracesOnlyWithDebug() {
    String missing = dir.resolve("no-such-kubeconfig").toString();
    String specs = SPECS.toString();

    Run quiet = run("plan", "--kubeconfig", missing, "--iam-access", "AWS_AUTH_CONFIGMAP", specs);
    Run debugAfter = run("plan", "--kubeconfig", missing, "--iam-access", "AWS_AUTH_CONFIGMAP", "--debug", specs);
    Run debugBefore = run("--debug", "plan", "--kubeconfig", missing, "--iam-access", "AWS_AUTH_CONFIGMAP", specs);

    assertThat(quiet.status()).isEqualTo(Main.FAILED);
    assertThat(quiet.err()).doesNotContain("\tat ").doesNotContain("Exception").hasLineCount(1);
    for (Run debug : new Run[] {debugAfter, debugBefore}) {
      assertThat(debug.status()).isEqualTo(Main.FAILED);
      assertThat(debug.err()).startsWith("error: kubeconfig ").contains("PlatformException")
          .contains("\tat dev.platformkit.cli.Target");
    }
  }

  @Test
  void aDamagedStateFileIsOneLineNamingItAndItsStackTraceOnlyWithDebug() throws IOException {
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    Files.writeString(state.resolve("state.json"), "{\"stores\": {\"kubernetes\": {\"version\": 1, \"objects\": [null]}}}");

    Run quiet = run("plan", "--state", state.toString(), SPECS.toString());
    Run debug = run("plan", "--debug", "--state", state.toString(), SPECS.toString());

    assertThat(quiet.status()).as(quiet.err()).isEqualTo(Main.FAILED);
    assertThat(quiet.err()).startsWith("error: cannot read state from " + state.resolve("state.json"))
        .contains("stores.kubernetes.objects[0] is empty").hasLineCount(1).doesNotContain("\tat ");
    assertThat(debug.status()).isEqualTo(Main.FAILED);
    assertThat(debug.err()).startsWith("error: cannot read state from").contains("\tat ");
  }

  @Test
  void debugIsListedInTheHelp() {
    assertThat(run("--help").out()).contains("--debug");
    assertThat(run("plan", "--help").out()).contains("--debug");
  }
}
