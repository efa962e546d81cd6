package dev.platformkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Change;
import dev.platformkit.ConflictException;
import dev.platformkit.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default {@link ResourceStore#write}: the single calls, in order, stopping at the first failure. */
class ResourceStoreWriteTest {
  static final Kind RECORD = Kind.aws("DnsRecord");

  /** Records the single calls; fails the one named by {@code failOn}. */
  static final class Recording implements ResourceStore {
    final List<String> calls = new ArrayList<>();
    String failOn;

    @Override
    public String provider() {
      return ResourceRef.AWS;
    }

    @Override
    public boolean supports(Kind kind) {
      return true;
    }

    @Override
    public List<Resource> list(Kind kind, Map<String, String> selector) {
      return List.of();
    }

    @Override
    public Optional<Resource> get(Kind kind, ResourceRef ref) {
      return Optional.empty();
    }

    private void call(String what) {
      if (what.equals(failOn)) {
        throw new ConflictException(what + " failed");
      }
      calls.add(what);
    }

    @Override
    public void create(Kind kind, Resource desired) {
      call("create " + desired.ref().name());
    }

    @Override
    public void update(Kind kind, Resource current, ResourceUpdate update) {
      call("update " + current.ref().name() + " " + update.body());
    }

    @Override
    public void delete(Kind kind, Resource current) {
      call("delete " + current.ref().name());
    }
  }

  static Resource record(String name) {
    return new Resource(ResourceRef.aws("DnsRecord", name), Map.of(), Map.of(), Map.of("ttl", 300), "1");
  }

  static final ResourceUpdate TTL_60 = new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("ttl", 60));

  @Test
  void theDefaultMakesTheWritesOneByOneInOrder() {
    Recording store = new Recording();

    store.write(RECORD, List.of(
        new Write(Change.Action.CREATE, null, record("a"), null),
        new Write(Change.Action.UPDATE, record("b"), record("b"), TTL_60),
        new Write(Change.Action.DELETE, record("c"), null, null)));

    assertThat(store.calls).containsExactly("create a", "update b {ttl=60}", "delete c");
  }

  @Test
  void theDefaultStopsAtTheFirstFailureWithItsError() {
    Recording store = new Recording();
    store.failOn = "delete b";

    assertThatThrownBy(() -> store.write(RECORD, List.of(
        new Write(Change.Action.CREATE, null, record("a"), null),
        new Write(Change.Action.DELETE, record("b"), null, null),
        new Write(Change.Action.CREATE, null, record("c"), null))))
        .isInstanceOf(ConflictException.class).hasMessage("delete b failed");

    assertThat(store.calls).containsExactly("create a");
  }

  @Test
  void anEmptyBatchWritesNothing() {
    Recording store = new Recording();

    store.write(RECORD, List.of());

    assertThat(store.calls).isEmpty();
  }

  @Test
  void aWriteMustCarryWhatItsActionNeeds() {
    assertThatThrownBy(() -> new Write(Change.Action.CREATE, null, null, null)).hasMessage("desired");
    assertThatThrownBy(() -> new Write(Change.Action.UPDATE, record("a"), null, null)).hasMessage("update");
    assertThatThrownBy(() -> new Write(Change.Action.DELETE, null, record("a"), null)).hasMessage("current");
    assertThat(new Write(Change.Action.DELETE, record("a"), null, null).ref().name()).isEqualTo("a");
  }
}
