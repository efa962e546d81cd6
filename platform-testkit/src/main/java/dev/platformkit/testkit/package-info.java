/**
 * In-memory backends, `InMemoryPlatform`, `FakeClock`, fault injection and call counting for tests.
 */
package dev.platformkit.testkit;
