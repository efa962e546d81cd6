package dev.platformkit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad documents under {@code spec/bad}: each file states the problems it must produce,
 * one line each, as {@code # expect: LINE:COLUMN PATH MESSAGE} ({@code -} for an empty path; the
 * message is a part of the actual one). JSON files, which have no comments, keep the lines in a
 * {@code .expect} file next to them. Exactly the expected problems must be reported, in order.
 */
class SpecCorpusTest {
  private static final String PREFIX = "# expect: ";

  static Stream<String> badDocuments() throws IOException {
    try (Stream<Path> files = Files.list(corpus())) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".expect")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDocuments")
  void reportsEveryProblemAtItsLineColumnAndPath(String name) throws IOException {
    byte[] bytes = Files.readAllBytes(corpus().resolve(name));
    List<Expected> expected = expectations(name, bytes);
    assertThat(expected).as("expectations of %s", name).isNotEmpty();

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> SpecReader.create().read(name, bytes));

    assertThat(e).as("%s must be refused", name).isNotNull();
    assertThat(e.violations().stream().map(v -> v.line() + ":" + v.column() + " " + (v.path().isEmpty() ? "-" : v.path())))
        .as("locations and paths in %s, got:%n%s", name, e.getMessage())
        .containsExactlyElementsOf(expected.stream().map(x -> x.location + " " + x.path).toList());
    for (int i = 0; i < expected.size(); i++) {
      Violation v = e.violations().get(i);
      assertThat(v.message()).as("message %d of %s", i + 1, name).contains(expected.get(i).message);
      assertThat(v.file()).contains(name);
      assertThat(e.getMessage()).contains(v.toString());
    }
  }

  @Test
  void theCorpusCoversEveryKind() throws IOException {
    List<String> names = badDocuments().toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(60);
    for (String prefix : List.of("tenant-", "schedule-", "site-", "upgradeplan-", "envelope-")) {
      assertThat(names).filteredOn(n -> n.startsWith(prefix)).as(prefix).hasSizeGreaterThanOrEqualTo(10);
    }
  }

  private record Expected(String location, String path, String message) {}

  private static List<Expected> expectations(String name, byte[] bytes) throws IOException {
    String text = name.endsWith(".json")
        ? Files.readString(corpus().resolve(name + ".expect"))
        : new String(bytes, StandardCharsets.UTF_8);
    List<Expected> expected = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith(PREFIX)) {
        String[] parts = line.substring(PREFIX.length()).split(" ", 3);
        expected.add(new Expected(parts[0], parts[1], parts.length > 2 ? parts[2] : ""));
      }
    }
    return expected;
  }

  private static Path corpus() {
    try {
      return Path.of(SpecCorpusTest.class.getResource("/spec/bad").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
