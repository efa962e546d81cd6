package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's snippets are copies of code that is compiled and run: each code block after a
 * {@code <!-- snippet: PATH -->} line must equal the file PATH (relative to the repository root), or the
 * region of it between a line containing {@code README: begin} and one containing {@code README: end}.
 * Editing the source without the README (or the other way round) fails here.
 */
class ReadmeSnippetsTest {
  private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

  // the repository root: the module's parent, which holds the README and examples/
  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("examples/consumer")))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root, above " + Path.of("").toAbsolutePath()).isNotNull();
    return dir;
  }

  static String region(String source) {
    List<String> lines = source.lines().toList();
    int begin = -1;
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      if (begin < 0 && lines.get(i).contains("README: begin")) {
        begin = i;
      } else if (begin >= 0 && lines.get(i).contains("README: end")) {
        end = i;
        break;
      }
    }
    return String.join("\n", lines.subList(begin + 1, end)).stripTrailing();
  }

  @Test
  void everySnippetEqualsItsSource() throws IOException {
    Path root = root();
    String readme = Files.readString(root.resolve("README.md"));
    Matcher m = SNIPPET.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (m.find()) {
      Path source = root.resolve(m.group(1));
      assertThat(source).as("the source of a README snippet").isRegularFile();
      assertThat(m.group(2)).as("README snippet of " + m.group(1) + " (copy the source's region into the README)")
          .isEqualTo(region(Files.readString(source)));
      checked.add(m.group(1));
    }
    assertThat(checked).as("the snippets of the sections on using platformkit").contains(
        "examples/consumer/src/main/java/com/example/onboarding/Onboarding.java",
        "examples/consumer/src/main/java/com/example/onboarding/OnboardingTool.java",
        "examples/jenkins-shared-library/Jenkinsfile",
        "examples/consumer/src/test/java/com/example/onboarding/TestkitExampleTest.java",
        "examples/consumer/src/test/resources/com/example/onboarding/argo-owns-payments-dev.yaml");
  }

  @Test
  void theReadmeLinksNothingOutsideTheRepository() throws IOException {
    Path root = root();
    String readme = Files.readString(root.resolve("README.md"));
    // markdown links and images: [text](target); a target is a file of the repository or an anchor
    Matcher link = Pattern.compile("\\]\\(([^)\\s]+)\\)").matcher(readme);
    List<String> targets = new ArrayList<>();
    while (link.find()) {
      targets.add(link.group(1));
    }
    assertThat(targets).allSatisfy(t -> {
      assertThat(t).doesNotContain("://");
      if (!t.startsWith("#")) {
        assertThat(root.resolve(t.replaceAll("#.*", ""))).as("README link " + t).exists();
      }
    });
    assertThat(readme).as("bare URLs").doesNotContainPattern("<https?://");
  }

  @Test
  void aRegionIsWhatLiesBetweenItsMarkersOrTheWholeFile() {
    assertThat(region("package a;\n// README: begin\nclass A {\n}\n// README: end\n")).isEqualTo("class A {\n}");
    assertThat(region("a: 1\nb: 2\n")).isEqualTo("a: 1\nb: 2");
  }
}
