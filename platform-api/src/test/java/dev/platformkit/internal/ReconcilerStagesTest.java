package dev.platformkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.ApplyResult;
import dev.platformkit.Change;
import dev.platformkit.ConflictException;
import dev.platformkit.FieldDiff;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.RetryPolicy;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import dev.platformkit.spi.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the engine offers steps of several stages: stage scopes, replace-on-change, batched writes, (known after apply). */
class ReconcilerStagesTest {
  static final Kind CERT = Kind.aws("Certificate");
  static final Kind RECORD = Kind.aws("DnsRecord");
  static final String OWNER = "site.shop";

  /** An AWS-like store on a map: tags, no record, versions; counts batches. */
  static final class MapStore implements ResourceStore {
    final TreeMap<ResourceRef, Resource> objects = new TreeMap<>();
    final List<Integer> batches = new ArrayList<>();
    int conflictsOnBatch;
    long version;

    @Override
    public String provider() {
      return ResourceRef.AWS;
    }

    @Override
    public boolean supports(Kind kind) {
      return kind.provider().equals(ResourceRef.AWS);
    }

    @Override
    public Marks marks() {
      return Marks.TAGS;
    }

    @Override
    public Tracking tracking() {
      return Tracking.NONE;
    }

    @Override
    public List<Resource> list(Kind kind, Map<String, String> selector) {
      return objects.values().stream().filter(r -> r.ref().kind().equals(kind.name()))
          .filter(r -> r.labels().entrySet().containsAll(selector.entrySet())).toList();
    }

    @Override
    public Optional<Resource> get(Kind kind, ResourceRef ref) {
      return Optional.ofNullable(objects.get(ref));
    }

    @Override
    public void create(Kind kind, Resource desired) {
      if (objects.containsKey(desired.ref())) {
        throw new ConflictException(desired.ref() + " exists");
      }
      objects.put(desired.ref(), desired.withVersion(Long.toString(++version)));
    }

    @Override
    public void update(Kind kind, Resource current, ResourceUpdate update) {
      Resource stored = objects.get(current.ref());
      if (!stored.version().equals(current.version())) {
        throw new ConflictException(current.ref() + " changed");
      }
      Map<String, String> labels = new LinkedHashMap<>(stored.labels());
      labels.putAll(update.setLabels());
      objects.put(current.ref(), new Resource(current.ref(), labels, Map.of(), update.patchBody(stored.body()), Long.toString(++version)));
    }

    @Override
    public void delete(Kind kind, Resource current) {
      objects.remove(current.ref());
    }

    @Override
    public void write(Kind kind, List<Write> writes) {
      batches.add(writes.size());
      if (conflictsOnBatch > 0) {
        conflictsOnBatch--;
        // as a non-atomic store would: the first write is made, then the batch fails
        create(kind, writes.get(0).desired());
        throw new ConflictException("the zone moved");
      }
      ResourceStore.super.write(kind, writes);
    }
  }

  final MapStore store = new MapStore();
  final Reconciler reconciler = new Reconciler(Map.of(ResourceRef.AWS, store), RetryPolicy.DEFAULT, d -> {}, Clock.systemUTC(), new Random(1));

  static Resource cert(String name, String... domains) {
    Map<String, String> tags = new LinkedHashMap<>(Marks.TAGS.of(OWNER));
    return Resource.desired(ResourceRef.aws("Certificate", name), tags, Map.of(),
        Map.of("domainName", domains[0], "subjectAlternativeNames", List.of(domains)));
  }

  static Resource record(String name) {
    return Resource.desired(ResourceRef.aws("DnsRecord", "shop.example.com/" + name + "/A"), Marks.TAGS.of(OWNER), Map.of(),
        Map.of("name", name, "type", "A", "records", List.of("192.0.2.1")));
  }

  static final Reconciler.Replace DOMAINS = (kind, current, desired) ->
      !current.body().get("subjectAlternativeNames").equals(desired.body().get("subjectAlternativeNames"));

  @Test
  void aChangeThatCannotBeAnUpdateIsADeleteThenACreateOfTheSameObject() {
    reconciler.apply(reconciler.plan(Set.of(OWNER), List.of(cert("shop", "a.example.com")), List.of(CERT)), ProgressListener.NONE, Set.of());

    List<Reconciler.Step> steps = reconciler.plan(Set.of(OWNER), List.of(cert("shop", "a.example.com", "b.example.com")), List.of(CERT),
        r -> true, DOMAINS);

    assertThat(steps).extracting(s -> s.change().action() + " " + s.change().target().name())
        .containsExactly("DELETE shop", "CREATE shop");
    assertThat(steps.get(0).change().diff()).extracting(FieldDiff::path).containsExactly("subjectAlternativeNames[1]");
    reconciler.apply(steps, ProgressListener.NONE, Set.of());
    assertThat(store.objects.values()).singleElement()
        .satisfies(r -> assertThat(r.body().get("subjectAlternativeNames")).isEqualTo(List.of("a.example.com", "b.example.com")));
    // a change replace does not ask for is an update
    Resource retagged = cert("shop", "a.example.com", "b.example.com");
    Map<String, String> tags = new LinkedHashMap<>(retagged.labels());
    tags.put("team", "web");
    List<Reconciler.Step> update = reconciler.plan(Set.of(OWNER), List.of(Resource.desired(retagged.ref(), tags, Map.of(), retagged.body())),
        List.of(CERT), r -> true, DOMAINS);
    assertThat(update).extracting(s -> s.change().action()).containsExactly(Change.Action.UPDATE);
  }

  @Test
  void aStageOnlyDeletesTheOwnedObjectsItManages() {
    reconciler.apply(reconciler.plan(Set.of(OWNER), List.of(record("www.shop.example.com"), record("_v.shop.example.com")), List.of(RECORD)),
        ProgressListener.NONE, Set.of());

    List<Reconciler.Step> aliases = reconciler.plan(Set.of(OWNER), List.of(), List.of(RECORD),
        r -> !r.ref().name().contains("/_"), Reconciler.Replace.NEVER);

    assertThat(aliases).extracting(s -> s.change().action() + " " + s.change().target().name())
        .containsExactly("DELETE shop.example.com/www.shop.example.com/A");
  }

  @Test
  void consecutiveWritesOfOneKindGoToTheStoreAsOneBatch() {
    List<Reconciler.Step> steps = reconciler.plan(Set.of(OWNER), List.of(cert("shop", "a.example.com"), record("a.example.com"),
        record("b.example.com"), record("c.example.com")), List.of(CERT, RECORD));
    List<String> heard = new ArrayList<>();

    ApplyResult result = reconciler.applyBatched(steps, new ProgressListener() {
      @Override
      public void finished(Change change) {
        heard.add(change.target().name());
      }
    }, Set.of());

    assertThat(store.batches).containsExactly(3); // the certificate alone is a single write
    assertThat(result.applied()).hasSize(4);
    assertThat(heard).hasSize(4);
    assertThat(store.objects).hasSize(4);
  }

  @Test
  void aBatchThatMeetsAConflictIsMadeWriteByWriteWithoutMakingAnythingTwice() {
    List<Reconciler.Step> steps = reconciler.plan(Set.of(OWNER), List.of(record("a.example.com"), record("b.example.com")), List.of(RECORD));
    store.conflictsOnBatch = 1;

    reconciler.applyBatched(steps, ProgressListener.NONE, Set.of());

    assertThat(store.batches).containsExactly(2);
    assertThat(store.objects).hasSize(2);
    assertThat(reconciler.plan(Set.of(OWNER), List.of(record("a.example.com"), record("b.example.com")), List.of(RECORD))).isEmpty();
  }

  @Test
  void knownAfterApplyInAPlannedChangeMatchesAnyValueThere() {
    ResourceRef planned = ResourceRef.aws("DnsRecord", "shop.example.com/_" + Reconciler.UNKNOWN + ".www.shop.example.com/CNAME");
    Change plannedChange = new Change(Change.Action.CREATE, planned, List.of(new FieldDiff("records[0]", null, Reconciler.UNKNOWN)));
    Change made = new Change(Change.Action.CREATE, ResourceRef.aws("DnsRecord", "shop.example.com/_3f9a.www.shop.example.com/CNAME"),
        List.of(new FieldDiff("records[0]", null, "_77.acm-validations.aws")));

    assertThat(Reconciler.matches(plannedChange, made)).isTrue();
    assertThat(Reconciler.matches(plannedChange, new Change(Change.Action.UPDATE, made.target(), made.diff()))).isFalse();
    assertThat(Reconciler.matches(plannedChange, new Change(Change.Action.CREATE,
        ResourceRef.aws("DnsRecord", "shop.example.com/_3f9a.other.example.com/CNAME"), made.diff()))).isFalse();
    assertThat(Reconciler.matches(plannedChange, new Change(Change.Action.CREATE, made.target(),
        List.of(new FieldDiff("ttl", null, "300"))))).isFalse();
    // without the placeholder, only the same change matches
    assertThat(Reconciler.matches(made, made)).isTrue();
    assertThat(Reconciler.matches(made, plannedChange)).isFalse();
  }
}
