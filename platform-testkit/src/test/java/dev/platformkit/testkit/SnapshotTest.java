package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  @TempDir
  Path dir;

  private static Tenant payments() {
    return Tenant.builder().name("payments")
        .addNamespaces(Namespace.of("payments-dev"), Namespace.of("payments-stage"))
        .addMembers(Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build(),
            Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/payments-oncall").role(Role.ADMIN).build())
        .putQuota("requests.cpu", "8").putQuota("limits.memory", "32Gi").build();
  }

  private static InMemoryPlatform applied() {
    InMemoryPlatform memory = InMemoryPlatform.create();
    memory.platform().tenants().apply(payments());
    memory.clock().advance(Duration.ofHours(3));
    return memory;
  }

  private static void assertSameState(InMemoryPlatform restored, InMemoryPlatform original) {
    assertThat(restored.kubernetes().all()).isEqualTo(original.kubernetes().all());
    assertThat(restored.aws().all()).isEqualTo(original.aws().all()).isNotEmpty();
    assertThat(restored.clock().instant()).isEqualTo(original.clock().instant());
  }

  @Test
  void aSnapshotRestoresTheSameStateInJsonAndInYaml() {
    InMemoryPlatform memory = applied();
    memory.snapshot(dir.resolve("state.json"));
    memory.snapshot(dir.resolve("state.yaml"));

    InMemoryPlatform fromJson = InMemoryPlatform.restore(dir.resolve("state.json"));
    InMemoryPlatform fromYaml = InMemoryPlatform.restore(dir.resolve("state.yaml"));

    assertSameState(fromJson, memory);
    assertSameState(fromYaml, memory);
    assertThat(fromYaml.platform().tenants().plan(payments()).isEmpty()).as("the restored state is current").isTrue();
    assertThat(InMemoryPlatform.restore(memory.snapshot(StateFormat.YAML)).kubernetes().all()).isEqualTo(memory.kubernetes().all());
    assertThat(InMemoryPlatform.restore(memory.snapshot(StateFormat.JSON)).kubernetes().all()).isEqualTo(memory.kubernetes().all());
  }

  @Test
  void versionsGoOnAfterARestore() {
    InMemoryPlatform memory = applied();
    InMemoryPlatform restored = InMemoryPlatform.restore(memory.snapshot(StateFormat.JSON));

    restored.platform().tenants().apply(payments().toBuilder().putQuota("pods", "10").build());

    long max = restored.kubernetes().all().stream().mapToLong(r -> Long.parseLong(r.version())).max().orElseThrow();
    long before = memory.kubernetes().all().stream().mapToLong(r -> Long.parseLong(r.version())).max().orElseThrow();
    assertThat(max).isGreaterThan(before);
  }

  @Test
  void yamlKeepsStringsThatLookLikeOtherTypesAsStrings() {
    InMemoryPlatform memory = InMemoryPlatform.create();
    Map<String, String> labels = Map.of("a", "true", "b", "8", "c", "null", "d", "01", "e", "1e3", "f", "~", "g", "yes", "h", "");
    // the AWS store keeps what it is given as it is (no API server defaulting)
    memory.aws().create(Kind.aws("Thing"), Resource.desired(ResourceRef.aws("Thing", "x"),
        labels, Map.of("note", "a: b # c\nsecond line"), Map.of("data", Map.of("n", 3, "s", "3", "flag", false, "list", List.of("x", 1.5)))));

    InMemoryPlatform restored = InMemoryPlatform.restore(memory.snapshot(StateFormat.YAML));

    assertThat(restored.aws().all()).isEqualTo(memory.aws().all()).hasSize(1);
  }

  @Test
  void aHandWrittenYamlFixtureNeedsOnlyKindsAndNames() {
    InMemoryPlatform memory = InMemoryPlatform.restore("""
        format: platformkit/in-memory-state/v1
        clock: "2026-03-02T22:00:00Z"
        stores:
          kubernetes:
            objects:
              - {kind: Namespace, name: shop-dev}
              - kind: Deployment
                namespace: shop-dev
                name: web
                body: {spec: {replicas: 3}}
        """);

    List<Resource> objects = memory.kubernetes().all();
    assertThat(objects).extracting(r -> r.ref().toString()).containsExactly("Deployment shop-dev/web", "Namespace shop-dev");
    assertThat(objects).extracting(Resource::version).containsExactly("2", "1"); // numbered in the order written
    assertThat(objects.get(0).body()).isEqualTo(Map.of("spec", Map.of("replicas", 3)));
    assertThat(memory.clock().instant()).isEqualTo(Instant.parse("2026-03-02T22:00:00Z"));
    assertThat(memory.aws().all()).isEmpty();
  }

  @Test
  void aDamagedFileIsOneLineNamingItAndWhatIsWrongAndLeavesTheStoresEmpty() throws IOException {
    Path file = dir.resolve("state.json");
    InMemoryPlatform memory = applied();
    memory.snapshot(file);
    String whole = Files.readString(file);
    Files.writeString(file, whole.substring(0, whole.length() / 2));

    assertThatThrownBy(() -> memory.restoreFrom(file)).isInstanceOf(PlatformException.class)
        .hasMessageStartingWith("cannot read state from " + file + ": not valid JSON at line ")
        .hasMessageEndingWith("(delete it to start over)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(memory.kubernetes().all()).isEmpty();
    assertThat(memory.aws().all()).isEmpty();
  }

  @Test
  void whatIsWrongIsNamedByItsPath() throws IOException {
    assertThat(damage("{\"stores\": {\"kubernetes\": {\"objects\": [{\"kind\": \"Namespace\"}]}}}"))
        .contains(": stores.kubernetes.objects[0].name is missing");
    assertThat(damage("{\"stores\": {\"kubernetes\": {\"objects\": [null]}}}")).contains(": stores.kubernetes.objects[0] is empty");
    assertThat(damage("{\"format\": \"v0\", \"stores\": {}}")).contains(": format is \"v0\", expected \"platformkit/in-memory-state/v1\"");
    assertThat(damage("{\"version\": 1, \"objects\": []}")).contains(": it holds no \"stores\" map");
    assertThat(damage("{\"clock\": \"tomorrow\", \"stores\": {}}")).contains(": clock is not an instant");
    assertThat(damage("{\"stores\": {\"gcp\": {\"objects\": []}}}")).contains(": stores.gcp is not a store of this platform");
    assertThat(damage("{\"stores\": {\"kubernetes\": {\"objects\": [{\"kind\": \"Namespace\", \"name\": \"a\","
        + " \"labels\": {\"x\": {\"y\": 1}}}]}}}")).contains(": stores.kubernetes.objects[0].labels[\"x\"] is not a string");
    assertThat(damage("")).contains(": it is empty");
    assertThatThrownBy(() -> InMemoryPlatform.restore(dir.resolve("absent.yaml"))).hasMessage("cannot read state from "
        + dir.resolve("absent.yaml") + ": it does not exist (delete it to start over)");
  }

  private String damage(String json) throws IOException {
    Path file = dir.resolve("damaged.json");
    Files.writeString(file, json);
    try {
      InMemoryPlatform.restore(file);
    } catch (PlatformException e) {
      assertThat(e.getMessage()).startsWith("cannot read state from " + file + ": ").doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("restored " + json);
  }

  @Test
  void theStoreSavesAndLoadsItsPartOfTheSameDocument() {
    InMemoryPlatform memory = applied();
    memory.snapshot(dir.resolve("platform.yaml"));
    memory.kubernetes().save(dir.resolve("kubernetes.yaml"));

    InMemoryStore fromPlatform = InMemoryStore.kubernetes();
    fromPlatform.load(dir.resolve("platform.yaml"));
    InMemoryPlatform fromStore = InMemoryPlatform.restore(dir.resolve("kubernetes.yaml"));

    assertThat(fromPlatform.all()).isEqualTo(memory.kubernetes().all());
    assertThat(fromStore.kubernetes().all()).isEqualTo(memory.kubernetes().all());
    assertThat(fromStore.aws().all()).isEmpty();
  }

  /**
   * Writers in threads each write their own whole state, over and over, to one file while readers read it:
   * every read finds a whole document (one of those written), and no temporary file is left.
   */
  @Test
  void concurrentWritersNeverLeaveABrokenFile() throws Exception {
    Path file = dir.resolve("state").resolve("state.json");
    int writers = 4;
    List<InMemoryPlatform> states = new ArrayList<>();
    Set<String> written = ConcurrentHashMap.newKeySet();
    for (int w = 0; w < writers; w++) {
      InMemoryPlatform memory = InMemoryPlatform.create();
      for (int t = 0; t <= w; t++) {
        memory.platform().tenants().apply(Tenant.builder().name("team-" + w + "-" + t).putQuota("pods", "1" + w).build());
      }
      states.add(memory);
      written.add(memory.snapshot(StateFormat.JSON));
    }
    states.get(0).snapshot(file);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (InMemoryPlatform memory : states) {
        writes.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < 30; i++) {
            memory.snapshot(file);
          }
          return null;
        }));
      }
      List<Future<Integer>> reads = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        reads.add(pool.submit(() -> {
          go.await();
          int n = 0;
          do {
            String text = Files.readString(file);
            assertThat(written).as("a whole document, one of those written").contains(text);
            InMemoryPlatform.restore(file);
            n++;
          } while (writing.get());
          return n;
        }));
      }
      go.countDown();
      for (Future<?> w : writes) {
        w.get(2, TimeUnit.MINUTES);
      }
      writing.set(false);
      for (Future<Integer> r : reads) {
        assertThat(r.get(2, TimeUnit.MINUTES)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(written).contains(Files.readString(file));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }
}
