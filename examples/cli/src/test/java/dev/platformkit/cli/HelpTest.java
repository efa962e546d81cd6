package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.cli.Cli.Run;
import static dev.platformkit.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** {@code platform help}, {@code platform help CMD}, {@code CMD --help} and {@code CMD -h}: help on stdout, exit 0. */
class HelpTest {

  /** Every command, as the words that name it on the command line. */
  private static final List<String> COMMANDS = List.of("validate", "plan", "apply", "delete", "schedule",
      "schedule show", "schedule reconcile", "schedule manifests", "schema", "upgrade", "upgrade plan", "upgrade run", "site",
      "site weights", "site shift");

  @Test
  void topLevelHelpListsTheOptionsAndTheCommands() {
    for (String[] args : List.of(new String[] {"help"}, new String[] {"--help"}, new String[] {"-h"})) {
      Run run = run(args);

      assertThat(run.status()).as(String.join(" ", args) + ": " + run.err()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).as(String.join(" ", args))
          .contains("Usage: platform")
          .contains("-h, --help").contains("-V, --version")
          .contains("validate").contains("plan").contains("apply").contains("delete").contains("schedule").contains("help")
          .contains("Exit status:").contains("platform help COMMAND")
          .contains("0   done; for plan: no changes").contains("1   an error").contains("2   plan: there are changes")
          .contains("--auto-approve").contains("The embedded in-memory backend asks nothing");
    }
  }

  @Test
  void everyCommandPrintsItsHelpWithHelpDashDashHelpAndDashH() {
    for (String command : COMMANDS) {
      String[] words = command.split(" ");
      String usage = "Usage: platform " + command;
      String[] helpWord = concat(words.length == 1 ? new String[] {"help"} : new String[] {words[0], "help"},
          words.length == 1 ? words : new String[] {words[1]});
      for (String[] args : List.of(helpWord, concat(words, "--help"), concat(words, "-h"))) {
        Run run = run(args);

        String given = String.join(" ", args);
        assertThat(run.status()).as(given + ": " + run.err()).isZero();
        assertThat(run.err()).as(given).isEmpty();
        assertThat(run.out()).as(given).contains(usage).contains("-h, --help");
      }
    }
  }

  @Test
  void specCommandsListTheirOptionsInTheirHelp() {
    assertThat(run("plan", "--help").out()).contains("--detailed-exitcode").contains("--state").contains("--kubeconfig")
        .contains("PATH");
    assertThat(run("plan", "--help").out()).contains("-out, --out=FILE").contains("--output=FORMAT").contains("--no-color")
        .contains("Exit status 0 when there are no changes, 2 when there are, 1 on any error.");
    assertThat(run("help", "apply").out()).contains("--delete-foreign-objects").contains("--state")
        .contains("--auto-approve").contains("The embedded in-memory backend needs no confirmation")
        .contains("'platform apply FILE'").contains("--output=FORMAT");
    assertThat(run("help", "delete").out()).contains("--auto-approve").contains("asks for 'yes' first");
    assertThat(run("validate", "--help").out()).contains("--output=FORMAT");
    assertThat(run("schedule", "show", "-h").out()).contains("--at").contains("--count");
    assertThat(run("schedule", "help", "manifests").out()).contains("--image");
    assertThat(run("site", "shift", "-h").out()).contains("--weight=ID=W").contains("--dry-run").contains("--auto-approve")
        .contains("--site=NAME").contains("--state").contains("--kubeconfig").contains("--output=FORMAT");
    assertThat(run("site", "help", "weights").out()).contains("--detailed-exitcode").contains("--site=NAME");
    assertThat(run("site", "--help").out()).contains("preview").contains("weights").contains("shift");
    assertThat(run("upgrade", "--help").out()).contains("plan").contains("run");
    assertThat(run("upgrade", "run", "-h").out()).contains("--cluster=NAME").contains("--to=VERSION").contains("--auto-approve")
        .contains("--jobs-deadline=DURATION").contains("--timeout=KIND=DURATION").contains("--poll=DURATION")
        .contains("--output=FORMAT").contains("UpgradeExecutor.builder().sites(...)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "plan", "apply", "delete", "schedule show", "schedule reconcile", "schedule manifests"})
  void helpNeedsNoPathsAndTouchesNoBackend(String command) {
    // PATH is required, yet --help wins over the missing parameter; --kubeconfig to nowhere is never read
    Run run = run(concat(concat(command.split(" "), "--help"), "--kubeconfig", "/nonexistent/kubeconfig"));

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("Usage: platform " + command);
  }

  @Test
  void everyCommandPrintsTheVersionOfTheBuild() throws Exception {
    String version = "platform " + pomVersion();

    assertThat(run("--version").out()).isEqualTo(version + System.lineSeparator());
    assertThat(run("plan", "-V").out()).isEqualTo(version + System.lineSeparator());
    assertThat(run("schedule", "show", "--version").out()).isEqualTo(version + System.lineSeparator());
  }

  /** The version this module is built as: its own, or its parent's when it inherits it (as now). */
  private static String pomVersion() throws Exception {
    Path pom = Files.exists(Path.of("pom.xml")) && Files.isDirectory(Path.of("src")) ? Path.of("pom.xml")
        : Path.of("examples/cli/pom.xml");
    Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    String own = childText(project, "version");
    return own != null ? own : childText((Element) project.getElementsByTagName("parent").item(0), "version");
  }

  private static String childText(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return null;
  }

  @Test
  void helpForAnUnknownCommandIsAUsageError() {
    Run run = run("help", "bogus");

    assertThat(run.status()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("bogus");
  }

  @Test
  void noCommandAtAllIsAUsageErrorThatShowsTheHelp() {
    Run none = run();
    Run scheduleAlone = run("schedule");

    assertThat(none.status()).isEqualTo(Main.USAGE);
    assertThat(none.err()).contains("Usage: platform");
    assertThat(scheduleAlone.status()).isEqualTo(Main.USAGE);
    assertThat(scheduleAlone.err()).contains("Usage: platform schedule");
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
