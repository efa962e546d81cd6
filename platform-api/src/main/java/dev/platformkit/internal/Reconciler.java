package dev.platformkit.internal;

import dev.platformkit.ApplyResult;
import dev.platformkit.Change;
import dev.platformkit.ConflictException;
import dev.platformkit.FieldDiff;
import dev.platformkit.NotFoundException;
import dev.platformkit.Ownership;
import dev.platformkit.OwnershipException;
import dev.platformkit.Plan;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.RetryPolicy;
import dev.platformkit.Sleeper;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The plan/apply engine every primitive shares: reads the owned state with one list per kind, diffs it
 * against the desired objects, refuses to touch what it does not own, and applies the changes with
 * bounded retries. Primitives only render their desired {@link Resource}s.
 */
public final class Reconciler {

  /** Annotation listing the label keys we set, so that a label dropped from a spec is removed too. */
  public static final String MANAGED_LABELS = "platformkit.dev/managed-labels";
  /** Annotation listing the annotation keys we set. */
  public static final String MANAGED_ANNOTATIONS = "platformkit.dev/managed-annotations";

  /**
   * A kind a primitive manages, in creation order.
   *
   * @param provider the store that holds it
   * @param name the kind
   * @param quantities whether string leaves are Kubernetes quantities, compared by value because the
   *     API server rewrites them ({@code 1000m} → {@code 1})
   */
  public record Kind(String provider, String name, boolean quantities) implements Serializable {}

  /** One planned change and what it needs to be made. */
  public record Step(Change change, Kind kind, Resource desired, Resource current) {}

  private final Map<String, ResourceStore> stores;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final RandomGenerator random;

  /** An engine over these stores (by provider). */
  public Reconciler(Map<String, ResourceStore> stores, RetryPolicy retry, Sleeper sleeper, Clock clock,
      RandomGenerator random) {
    this.stores = Map.copyOf(stores);
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  /** The store of a provider, if configured. */
  public Optional<ResourceStore> store(String provider) {
    return Optional.ofNullable(stores.get(provider));
  }

  /**
   * Plans the changes that make the objects owned by {@code owners} equal to {@code desired}: creates
   * and updates in the order of {@code kinds}, then deletes of owned objects no longer desired in
   * reverse order. Writes nothing.
   */
  public List<Step> plan(Set<String> owners, List<Resource> desired, List<Kind> kinds) {
    Map<ResourceRef, String> wantedBy = new HashMap<>();
    for (Resource want : desired) {
      String other = wantedBy.putIfAbsent(want.ref(), ownerOf(want));
      if (other != null) {
        // two specs (or one spec twice) rendering the same object would fight over it on every apply
        throw new PlatformException(want.ref() + " is wanted twice, by " + other + " and by " + ownerOf(want)
            + "; give it to one of them");
      }
    }
    Map<ResourceRef, Resource> actual = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      ResourceStore store = stores.get(kind.provider());
      if (store == null || !store.supports(kind.name())) {
        continue;
      }
      Map<String, String> selector = selector(kind.provider(), owners);
      for (Resource r : read(() -> store.list(kind.name(), selector))) {
        if (owners.contains(ownerOf(r))) {
          actual.put(r.ref(), r);
        }
      }
    }

    List<Step> steps = new ArrayList<>();
    // nothing can exist yet in a namespace this plan creates: no need to look for collisions there
    Set<String> newNamespaces = new HashSet<>();
    for (Kind kind : kinds) {
      for (Resource want : desired) {
        if (!want.ref().kind().equals(kind.name()) || !want.ref().provider().equals(kind.provider())) {
          continue;
        }
        Resource wanted = withTracking(want);
        Resource current = actual.remove(want.ref());
        if (current != null && !ownerOf(wanted).equals(ownerOf(current))) {
          // planning several owners at once must not hand an object from one to another silently
          throw new OwnershipException(want.ref(), ownerOf(current), ownerOf(wanted));
        }
        boolean inNewNamespace = ResourceRef.KUBERNETES.equals(kind.provider()) && newNamespaces.contains(want.ref().namespace());
        if (current == null && !inNewNamespace) {
          current = unownedOrOurs(wanted);
        }
        if (current == null) {
          steps.add(new Step(new Change(Change.Action.CREATE, wanted.ref(), creationDiff(wanted)), kind, wanted, null));
          if (ResourceRef.KUBERNETES.equals(kind.provider()) && kind.name().equals("Namespace")) {
            newNamespaces.add(want.ref().name());
          }
        } else {
          Diff diff = diff(kind, current, wanted);
          if (!diff.update().isEmpty()) {
            steps.add(new Step(new Change(Change.Action.UPDATE, wanted.ref(), diff.fields()), kind, wanted, current));
          }
        }
      }
    }
    List<Kind> reversed = new ArrayList<>(kinds);
    Collections.reverse(reversed);
    for (Kind kind : reversed) {
      actual.values().stream()
          .filter(r -> r.ref().kind().equals(kind.name()) && r.ref().provider().equals(kind.provider()))
          .sorted((a, b) -> a.ref().compareTo(b.ref()))
          .forEach(r -> steps.add(new Step(new Change(Change.Action.DELETE, r.ref(), List.of()), kind, null, r)));
    }
    return steps;
  }

  /** The plan of these steps for {@code subjects}. */
  public static Plan toPlan(List<? extends Serializable> subjects, boolean deletion, List<Step> steps) {
    return new Plan(subjects, deletion, steps.stream().map(Step::change).toList());
  }

  /**
   * Makes the changes of {@code plan} after checking that planning again gives the same changes: a
   * plan is a promise about what will be written, so drift since then is a {@link ConflictException}.
   */
  public ApplyResult applyPlan(Plan plan, List<Step> replanned, ProgressListener listener) {
    List<Change> now = replanned.stream().map(Step::change).toList();
    if (!now.equals(plan.changes())) {
      throw new ConflictException("the state changed since the plan was made; plan again. Now:\n"
          + new Plan(plan.subjects(), plan.isDeletion(), now).render());
    }
    return apply(replanned, listener);
  }

  /** Makes the changes of {@code steps}, in order, retrying conflicts and retryable failures. */
  public ApplyResult apply(List<Step> steps, ProgressListener listener) {
    Instant start = clock.instant();
    List<Change> applied = new ArrayList<>();
    for (Step step : steps) {
      listener.starting(step.change());
      execute(step, listener);
      listener.finished(step.change());
      applied.add(step.change());
    }
    return new ApplyResult(applied, Duration.between(start, clock.instant()));
  }

  private void execute(Step step, ProgressListener listener) {
    ResourceStore store = stores.get(step.kind().provider());
    Change.Action action = step.change().action();
    Resource desired = step.desired();
    Resource current = step.current();
    for (int attempt = 1; ; attempt++) {
      try {
        switch (action) {
          case CREATE -> store.create(desired);
          case UPDATE -> {
            ResourceUpdate update = diff(step.kind(), current, desired).update();
            if (!update.isEmpty()) {
              store.update(current, update);
            }
          }
          case DELETE -> store.delete(current);
        }
        return;
      } catch (PlatformException e) {
        // an object deleted between our read and our update is simply created again
        boolean vanished = e instanceof NotFoundException && action == Change.Action.UPDATE;
        if (!(e.retryable() || vanished) || attempt >= retry.maxAttempts()) {
          throw e;
        }
        listener.retrying(step.change(), attempt, e);
        sleeper.sleep(retry.delay(attempt, random));
        if (vanished) {
          action = Change.Action.CREATE;
        } else if (e instanceof ConflictException) {
          // someone else wrote in between: read again and redo the decision on fresh state
          ResourceRef ref = step.change().target();
          Optional<Resource> fresh = read(() -> store.get(ref));
          String owner = desired != null ? ownerOf(desired) : ownerOf(current);
          if (fresh.isEmpty()) {
            if (action == Change.Action.DELETE) {
              return;
            }
            action = Change.Action.CREATE;
          } else {
            if (!Ownership.isOwnedBy(fresh.get().labels(), owner)) {
              throw new OwnershipException(ref, Ownership.ownerOf(fresh.get().labels()).orElse(null), owner);
            }
            current = fresh.get();
            if (action == Change.Action.CREATE) {
              action = Change.Action.UPDATE;
            }
          }
        }
      }
    }
  }

  // reads are safe to repeat: throttling or a 5xx while planning is retried like a write
  private <T> T read(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (PlatformException e) {
        if (!e.retryable() || attempt >= retry.maxAttempts()) {
          throw e;
        }
        sleeper.sleep(retry.delay(attempt, random));
      }
    }
  }

  private Resource unownedOrOurs(Resource wanted) {
    ResourceStore store = stores.get(wanted.ref().provider());
    Optional<Resource> existing = read(() -> store.get(wanted.ref()));
    if (existing.isEmpty()) {
      return null;
    }
    String owner = ownerOf(wanted);
    if (!Ownership.isOwnedBy(existing.get().labels(), owner)) {
      throw new OwnershipException(wanted.ref(), Ownership.ownerOf(existing.get().labels()).orElse(null), owner);
    }
    return existing.get();
  }

  // AWS objects carry tags with other key syntax than Kubernetes labels
  private static Map<String, String> selector(String provider, Set<String> owners) {
    boolean aws = ResourceRef.AWS.equals(provider);
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(aws ? Ownership.MANAGED_BY_TAG : Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY_VALUE);
    if (owners.size() == 1) {
      selector.put(aws ? Ownership.OWNER_TAG : Ownership.OWNER_LABEL, owners.iterator().next());
    }
    return selector;
  }

  /** The owner value in a resource's labels or tags, or null. */
  public static String ownerOf(Resource r) {
    String owner = r.labels().get(Ownership.OWNER_LABEL);
    return owner != null ? owner : r.labels().get(Ownership.OWNER_TAG);
  }

  // Kubernetes objects remember which label and annotation keys we set, so that keys dropped from a
  // spec are removed while keys others set are left alone.
  private static Resource withTracking(Resource r) {
    if (!ResourceRef.KUBERNETES.equals(r.ref().provider())) {
      return r;
    }
    Map<String, String> annotations = new LinkedHashMap<>(r.annotations());
    annotations.remove(MANAGED_LABELS);
    annotations.remove(MANAGED_ANNOTATIONS);
    annotations.put(MANAGED_ANNOTATIONS, String.join(",", new TreeSet<>(annotations.keySet())));
    annotations.put(MANAGED_LABELS, String.join(",", new TreeSet<>(r.labels().keySet())));
    return new Resource(r.ref(), r.labels(), annotations, r.body(), r.version());
  }

  private record Diff(ResourceUpdate update, List<FieldDiff> fields) {}

  private static Diff diff(Kind kind, Resource current, Resource desired) {
    List<FieldDiff> fields = new ArrayList<>();
    Map<String, String> setLabels = new LinkedHashMap<>();
    Set<String> removeLabels = new TreeSet<>();
    keyed(current.labels(), desired.labels(), managedKeys(current, MANAGED_LABELS), labelsPath(desired.ref()), setLabels, removeLabels, fields);
    Map<String, String> setAnnotations = new LinkedHashMap<>();
    Set<String> removeAnnotations = new TreeSet<>();
    Set<String> ownedAnnotations = managedKeys(current, MANAGED_ANNOTATIONS);
    keyed(current.annotations(), desired.annotations(), ownedAnnotations, "metadata.annotations", setAnnotations, removeAnnotations, fields);

    Map<String, Object> body = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : desired.body().entrySet()) {
      Object before = current.body().get(e.getKey());
      if (!Json.sameValue(before, e.getValue(), kind.quantities())) {
        body.put(e.getKey(), e.getValue());
        fields.addAll(Json.leafDiff(e.getKey(), before, e.getValue(), kind.quantities()));
      }
    }
    // tracking annotations alone are not worth a write or a line in the plan
    fields.removeIf(f -> f.path().contains(MANAGED_LABELS) || f.path().contains(MANAGED_ANNOTATIONS));
    if (fields.isEmpty()) {
      return new Diff(new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of()), List.of());
    }
    return new Diff(new ResourceUpdate(setLabels, removeLabels, setAnnotations, removeAnnotations, body), fields);
  }

  private static Set<String> managedKeys(Resource current, String annotation) {
    String value = current.annotations().get(annotation);
    if (value == null || value.isEmpty()) {
      return Set.of();
    }
    return new LinkedHashSet<>(Arrays.asList(value.split(",")));
  }

  private static void keyed(Map<String, String> current, Map<String, String> desired, Set<String> owned,
      String path, Map<String, String> set, Set<String> remove, List<FieldDiff> fields) {
    desired.forEach((k, v) -> {
      String before = current.get(k);
      if (!v.equals(before)) {
        set.put(k, v);
        fields.add(new FieldDiff(path + Json.key(k), before, v));
      }
    });
    for (String k : owned) {
      if (!desired.containsKey(k) && current.containsKey(k)) {
        remove.add(k);
        fields.add(new FieldDiff(path + Json.key(k), current.get(k), null));
      }
    }
  }

  private static final Set<String> OWNERSHIP_KEYS = Set.of(Ownership.MANAGED_BY_LABEL, Ownership.OWNER_LABEL,
      Ownership.TENANT_LABEL, Ownership.MANAGED_BY_TAG, Ownership.OWNER_TAG, Ownership.TENANT_TAG);

  private static String labelsPath(ResourceRef ref) {
    return ResourceRef.AWS.equals(ref.provider()) ? "tags" : "metadata.labels";
  }

  // the ownership marks are on every object we create; listing them on each would drown the plan
  private static List<FieldDiff> creationDiff(Resource r) {
    List<FieldDiff> fields = new ArrayList<>();
    r.labels().forEach((k, v) -> {
      if (!OWNERSHIP_KEYS.contains(k)) {
        fields.add(new FieldDiff(labelsPath(r.ref()) + Json.key(k), null, v));
      }
    });
    r.annotations().forEach((k, v) -> {
      if (!k.equals(MANAGED_LABELS) && !k.equals(MANAGED_ANNOTATIONS)) {
        fields.add(new FieldDiff("metadata.annotations" + Json.key(k), null, v));
      }
    });
    r.body().forEach((k, v) -> fields.addAll(Json.leafDiff(k, null, v, false)));
    return fields;
  }
}
