/**
 * AssertJ entry points for what tests of platformkit users check most, so that no test digs through
 * untyped maps: {@link dev.platformkit.testkit.assertions.PlatformAssertions#assertThat(dev.platformkit.testkit.InMemoryPlatform)}
 * for a tenant's namespaces, quota and bindings and a workload's replicas and sleep record, and
 * {@link dev.platformkit.testkit.assertions.PlatformAssertions#assertThat(dev.platformkit.Plan)} for a
 * plan's changes. AssertJ is a provided dependency of the testkit: your tests bring it (3.x).
 *
 * <p>Adding assertions for another primitive (Site: its DNS records and certificate) means one class here
 * like {@link dev.platformkit.testkit.assertions.TenantAssert}, reached from a method of
 * {@link dev.platformkit.testkit.assertions.InMemoryPlatformAssert} (such as {@code site(String name)}),
 * reading the objects through {@link dev.platformkit.testkit.assertions.InMemoryPlatformAssert#objects()}
 * and checking single objects with {@link dev.platformkit.testkit.assertions.ResourceAssert}.
 */
package dev.platformkit.testkit.assertions;
