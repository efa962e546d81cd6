package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.RetryPolicy;
import dev.platformkit.spi.Resource;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private final InMemoryPlatform memory = InMemoryPlatform.create();
  private final Platform platform = memory.platform();
  private final Faults faults = memory.faults();
  private final Instant start = memory.clock().instant();

  private static Tenant payments() {
    return Tenant.builder().name("payments")
        .addNamespaces(Namespace.of("payments-dev"), Namespace.of("payments-stage"))
        .addMembers(Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build())
        .putQuota("pods", "10").build();
  }

  private boolean exists(ResourceRef ref) {
    return StoreClient.of(memory.kubernetes()).get(ref).isPresent();
  }

  @Test
  void throttledCreatesOfOneKindAreRetriedAndTheOthersGoThrough() {
    faults.failNext(2, Operation.CREATE, "ResourceQuota", Fault.throttling());

    platform.tenants().apply(payments());

    assertThat(faults.injected()).isEqualTo(2);
    assertThat(faults.pending()).isZero();
    assertThat(exists(ResourceRef.kubernetes("ResourceQuota", "payments-dev", "platformkit"))).isTrue();
    assertThat(memory.clock().instant()).as("the retries backed off on the fake clock").isAfter(start);
    assertThat(platform.tenants().plan(payments()).isEmpty()).isTrue();
  }

  @Test
  void aConflictOnUpdateIsReadAgainAndRetried() {
    platform.tenants().apply(payments());
    faults.failNext(1, Operation.UPDATE, Fault.conflict());

    platform.tenants().apply(payments().toBuilder().putQuota("pods", "20").build());

    assertThat(faults.injected()).isEqualTo(1);
    assertThat(platform.tenants().plan(payments().toBuilder().putQuota("pods", "20").build()).isEmpty()).isTrue();
  }

  @Test
  void notFoundIsNotRetriedAndItsMessageNamesTheCall() {
    faults.failNext(3, Operation.LIST, "RoleBinding", Fault.notFound());

    assertThatThrownBy(() -> platform.tenants().plan(payments())).isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("list of RoleBinding").hasMessageContaining("HTTP 404")
        .hasMessageContaining("fault injected by the testkit");
    assertThat(faults.pending()).as("not retried").isEqualTo(2);
  }

  @Test
  void aFailedWriteChangesNothing() {
    faults.failNext(1, Operation.CREATE, "Namespace", Fault.status(403));

    assertThatThrownBy(() -> platform.tenants().apply(payments())).isInstanceOf(BackendException.class)
        .hasMessage("create of Namespace payments-dev failed: HTTP 403: error (fault injected by the testkit)")
        .satisfies(e -> assertThat(((BackendException) e).retryable()).isFalse());
    assertThat(memory.kubernetes().all()).isEmpty();
  }

  @Test
  void aTimeoutTakesItsTimeOnTheClockAndIsRetried() {
    faults.failNext(2, Operation.LIST, Fault.timeout(Duration.ofSeconds(5)));

    assertThat(platform.tenants().plan(payments()).isEmpty()).isFalse();

    assertThat(Duration.between(start, memory.clock().instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(faults.injected()).isEqualTo(2);
  }

  @Test
  void aTimeoutIsARetryableBackendExceptionWithoutStatus() {
    faults.failNext(1, Operation.GET, Fault.timeout(Duration.ofMillis(1500)));
    FaultyStore store = new FaultyStore(memory.kubernetes(), faults);

    assertThatThrownBy(() -> StoreClient.of(store).get(ResourceRef.kubernetes("Namespace", "x")))
        .isInstanceOf(BackendException.class).hasMessage("get of Namespace x failed: timed out after PT1.5S (fault injected by the testkit)")
        .hasCauseInstanceOf(SocketTimeoutException.class)
        .satisfies(e -> assertThat(((BackendException) e).retryable()).isTrue())
        .satisfies(e -> assertThat(((BackendException) e).status()).isEmpty());
    assertThat(memory.clock().instant()).isEqualTo(start.plusMillis(1500));
  }

  @Test
  void retriesOfAnEndlessFaultAreBounded() {
    faults.failNextWrites(50, Fault.status(503));

    assertThatThrownBy(() -> platform.tenants().apply(payments())).isInstanceOf(BackendException.class)
        .hasMessageContaining("HTTP 503");
    assertThat(faults.injected()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
    faults.clear();
    assertThat(faults.pending()).isZero();
    platform.tenants().apply(payments());
  }

  @Test
  void slowCallsMoveTheClockByTheirTimeEachCall() {
    CountingStore counting = new CountingStore(InMemoryStore.kubernetes());
    Faults slow = new Faults(memory.clock());
    StoreClient store = StoreClient.of(new FaultyStore(counting, slow));
    slow.slowDown(Operation.LIST, Duration.ofSeconds(2)).slowDown(Operation.CREATE, "Namespace", Duration.ofMillis(300));

    store.list("Namespace", Map.of());
    store.list("RoleBinding", Map.of());
    store.create(Resource.desired(ResourceRef.kubernetes("Namespace", "a"), Map.of(), Map.of(), Map.of()));
    store.get(ResourceRef.kubernetes("Namespace", "a"));

    assertThat(counting.lists()).isEqualTo(2);
    assertThat(memory.clock().instant()).isEqualTo(start.plusSeconds(4).plusMillis(300));
    slow.clear();
    store.list("Namespace", Map.of());
    assertThat(memory.clock().instant()).isEqualTo(start.plusSeconds(4).plusMillis(300));
  }

  @Test
  void aSlowPlatformPlanTakesSimulatedTimeOnly() {
    faults.slowDown(Operation.LIST, Duration.ofSeconds(1));

    platform.tenants().plan(payments());

    Duration took = Duration.between(start, memory.clock().instant());
    assertThat(took).isPositive();
    assertThat(took.toMillis() % 1000).as("whole seconds: one per list").isZero();
  }

  @Test
  void failuresAreUsedUpInTheOrderTheyWereScripted() {
    StoreClient store = StoreClient.of(new FaultyStore(memory.kubernetes(), faults));
    faults.failNext(1, Operation.LIST, Fault.conflict()).failNextReads(1, Fault.throttling());

    assertThatThrownBy(() -> store.list("Namespace", Map.of())).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.list("Namespace", Map.of())).isInstanceOf(BackendException.class)
        .hasMessageContaining("HTTP 429");
    assertThat(store.list("Namespace", Map.of())).isEmpty();
  }

  @Test
  void badScriptsAreRefusedNamingWhatIsWrong() {
    FaultyStore noClock = new FaultyStore(InMemoryStore.kubernetes());

    assertThatThrownBy(() -> faults.failNext(-1, Operation.GET, Fault.notFound()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("count:");
    assertThatThrownBy(() -> faults.slowDown(Operation.GET, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("perCall:");
    assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("status:");
    assertThatThrownBy(() -> noClock.faults().failNext(1, Operation.LIST, Fault.timeout(Duration.ofSeconds(1))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("FakeClock");
    assertThatThrownBy(() -> noClock.faults().slowDown(Operation.LIST, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("FakeClock");
  }

  @Test
  void theOldFaultyStoreMethodsStillWork() {
    FaultyStore store = new FaultyStore(InMemoryStore.kubernetes());
    store.failNextWrites(1, () -> new ConflictException("modified")).failNextReads(1, () -> new NotFoundException("gone"));

    assertThat(store.pendingFaults()).isEqualTo(2);
    assertThatThrownBy(() -> StoreClient.of(store).list("Namespace", Map.of())).hasMessage("gone");
    assertThatThrownBy(() -> StoreClient.of(store).create(Resource.desired(ResourceRef.kubernetes("Namespace", "a"),
        Map.of(), Map.of(), Map.of()))).hasMessage("modified");
    assertThat(store.pendingFaults()).isZero();
  }
}
