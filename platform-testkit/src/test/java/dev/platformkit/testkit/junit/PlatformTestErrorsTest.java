package dev.platformkit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.Platform;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/** What a test that asks for the platform where there is no one test's platform gets: a message that says so. */
class PlatformTestErrorsTest {
  private static final String RUN = "platformkit.samples";

  private static List<Throwable> failures(Class<?> sample) {
    System.setProperty(RUN, "true");
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(DiscoverySelectors.selectClass(sample)).build();
      Launcher launcher = LauncherFactory.create();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      launcher.execute(request, listener);
      return listener.getSummary().getFailures().stream().map(TestExecutionSummary.Failure::getException).toList();
    } finally {
      System.clearProperty(RUN);
    }
  }

  @Test
  void aConstructorParameterIsRefusedSayingWhereToAsk() {
    assertThat(failures(InTheConstructor.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
        .contains("@PlatformTest gives each test its own in-memory platform: ask for Platform in a test, @BeforeEach"
            + " or @AfterEach method or a field, not in"));
  }

  @Test
  void aBeforeAllParameterIsRefused() {
    assertThat(failures(InBeforeAll.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
        .contains("ask for Platform in a test"));
  }

  @Test
  void aMissingFixtureIsNamed() {
    assertThat(failures(MissingFixture.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
        .isEqualTo("@PlatformTest(state = \"absent.yaml\"): no such resource on the classpath, looked up from "
            + MissingFixture.class.getName()));
  }

  @Test
  void aDamagedFixtureSaysWhatIsWrong() {
    assertThat(failures(DamagedFixture.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
        .startsWith("@PlatformTest(state = \"PlatformTestErrorsTest.class\"): cannot read state: "));
  }

  @Test
  void theSamplesPassWhereTheyAskRightly() {
    assertThat(failures(Fine.class)).isEmpty();
  }

  // samples, run by the tests above only
  @EnabledIfSystemProperty(named = RUN, matches = "true")
  @PlatformTest
  static class InTheConstructor {
    InTheConstructor(Platform platform) {
    }

    @Test
    void test() {
    }
  }

  @EnabledIfSystemProperty(named = RUN, matches = "true")
  @PlatformTest
  static class InBeforeAll {
    @BeforeAll
    static void before(Platform platform) {
    }

    @Test
    void test() {
    }
  }

  @EnabledIfSystemProperty(named = RUN, matches = "true")
  @PlatformTest(state = "absent.yaml")
  static class MissingFixture {
    @Test
    void test(Platform platform) {
    }
  }

  // a class file is no state document
  @EnabledIfSystemProperty(named = RUN, matches = "true")
  @PlatformTest(state = "PlatformTestErrorsTest.class")
  static class DamagedFixture {
    @Test
    void test(Platform platform) {
    }
  }

  @EnabledIfSystemProperty(named = RUN, matches = "true")
  @PlatformTest
  static class Fine {
    @Test
    void test(Platform platform) {
      assertThat(platform).isNotNull();
    }
  }
}
