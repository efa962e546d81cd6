/**
 * The JUnit Jupiter extension: {@code @PlatformTest} ({@link dev.platformkit.testkit.junit.InMemoryPlatformExtension})
 * gives each test a fresh {@code InMemoryPlatform} and injects it, its {@code Platform}, {@code FakeClock}
 * and {@code Faults}. Works on JUnit Jupiter 5.10 and later, and 6; the testkit brings no JUnit of its own.
 */
package dev.platformkit.testkit.junit;
