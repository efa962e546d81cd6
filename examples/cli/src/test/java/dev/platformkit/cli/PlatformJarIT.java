package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The shaded {@code platform.jar} (built in the package phase, before Failsafe runs) carries no test library. */
class PlatformJarIT {

  @Test
  void theJarCarriesNeitherJUnitNorAssertJNorTheTestkitsTestSupport() throws IOException {
    Path jar = Path.of("target/platform.jar");
    assertThat(jar).as("the shade plugin writes it in the package phase").exists();

    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> names = file.stream().map(ZipEntry::getName).toList();

      assertThat(names).contains("dev/platformkit/cli/Main.class", "dev/platformkit/testkit/InMemoryStore.class");
      // what `platform schema` prints, for editors that load schemas from the jar
      assertThat(names).contains("dev/platformkit/spec/schema/Tenant.json", "dev/platformkit/spec/schema/Schedule.json",
          "dev/platformkit/spec/schema/Site.json", "dev/platformkit/spec/schema/UpgradePlan.json");
      assertThat(names).filteredOn(n -> n.startsWith("org/junit/") || n.startsWith("org/assertj/")
          || n.startsWith("org/opentest4j/") || n.contains("junit")
          || n.startsWith("dev/platformkit/testkit/contract/") || n.startsWith("dev/platformkit/testkit/assertions/")).isEmpty();
    }
  }
}
