/**
 * The JUnit 5 extension that injects a fresh `InMemoryPlatform` into each test.
 */
package dev.platformkit.testkit.junit;
