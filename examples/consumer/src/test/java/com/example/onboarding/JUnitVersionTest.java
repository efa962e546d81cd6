package com.example.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tests run on the JUnit the build chose (5.11 in the consumer, 6 in junit6/), not one the testkit forced. */
class JUnitVersionTest {

  @Test
  void theJUnitOnTheClasspathIsTheOneThisBuildAskedFor() throws ClassNotFoundException {
    String expected = System.getProperty("expected.junit.version");
    assertThat(expected).as("set by the surefire configuration of the pom").isNotBlank();

    assertThat(Test.class.getPackage().getImplementationVersion()).as("junit-jupiter-api").isEqualTo(expected);
    assertThat(Class.forName("org.junit.jupiter.engine.JupiterTestEngine").getPackage().getImplementationVersion())
        .as("junit-jupiter-engine").isEqualTo(expected);
  }
}
