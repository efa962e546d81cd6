package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.tenant.Tenant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A namespace being deleted is not current state, and nothing can be created in it until it is gone. */
class TerminatingNamespaceTest {
  private final FakeClock clock = FakeClock.standard();
  private final InMemoryStore k8s = InMemoryStore.kubernetes().namespaceDeletion(Duration.ofSeconds(5), clock);
  private final StoreClient store = StoreClient.of(k8s);
  private final Platform platform = Platform.builder().kubernetes(k8s).aws(InMemoryStore.aws())
      .clock(clock).sleeper(clock.sleeper()).build();
  private final Tenant team = Tenant.builder().name("team-a").putQuota("pods", "10").build();

  @Test
  void aPlanThatWouldCreateInATerminatingNamespaceSaysSo() {
    platform.tenants().apply(team);
    platform.tenants().delete(team);

    assertThat(store.get(ResourceRef.kubernetes("Namespace", "team-a"))).as("get treats it like list").isEmpty();
    assertThat(store.list("Namespace", Map.of())).isEmpty();
    assertThatThrownBy(() -> platform.tenants().plan(team)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("Namespace team-a cannot be created yet: namespace team-a is still being deleted (Terminating since")
        .hasMessageContaining("plan again once it is gone");

    clock.advance(Duration.ofSeconds(5));
    assertThat(platform.tenants().plan(team).summary()).isEqualTo("5 to create, 0 to update, 0 to delete");
  }

  @Test
  void createsInATerminatingNamespaceAreForbiddenButUpdatesStillWork() {
    platform.tenants().apply(team);
    Resource quota = store.get(ResourceRef.kubernetes("ResourceQuota", "team-a", "platformkit")).orElseThrow();
    store.delete(store.get(ResourceRef.kubernetes("Namespace", "team-a")).orElseThrow());

    assertThatThrownBy(() -> store.create(Resource.desired(ResourceRef.kubernetes("RoleBinding", "team-a", "x"), Map.of(), Map.of(), Map.of())))
        .isInstanceOf(BackendException.class).hasMessageContaining("being terminated")
        .satisfies(e -> assertThat(((BackendException) e).status()).hasValue(403));
    store.update(quota, new dev.platformkit.spi.ResourceUpdate(Map.of("x", "y"), java.util.Set.of(), Map.of(), java.util.Set.of(), Map.of()));
    clock.advance(Duration.ofSeconds(5));
    assertThat(k8s.all()).as("gone with its namespace").isEmpty();
  }
}
