package dev.platformkit.internal;

import dev.platformkit.ApplyOption;
import dev.platformkit.ApplyResult;
import dev.platformkit.Change;
import dev.platformkit.ConflictException;
import dev.platformkit.FieldDiff;
import dev.platformkit.ForeignContentsException;
import dev.platformkit.NotFoundException;
import dev.platformkit.Ownership;
import dev.platformkit.OwnershipException;
import dev.platformkit.Plan;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.RetryPolicy;
import dev.platformkit.Sleeper;
import dev.platformkit.StalePlanException;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * The plan/apply engine every primitive shares: reads the owned state with one list per kind and scope,
 * diffs it against the desired objects on paths (a three-way merge of desired, last applied and live),
 * refuses to touch what it does not own, and applies the changes with bounded retries. Primitives only
 * render their desired {@link Resource}s and declare their {@link Kind}s; how ownership is marked and how
 * writes are remembered belong to the stores.
 */
public final class Reconciler {

  /**
   * One planned change and what it needs to be made: the desired object for what platformkit owns, or
   * the {@link Adjuster} that decides the owned fields of an object it does not own.
   */
  public record Step(Change change, Kind kind, Resource desired, Resource current, Adjuster adjuster) {

    /** A step on an owned object. */
    public Step(Change change, Kind kind, Resource desired, Resource current) {
      this(change, kind, desired, current, null);
    }
  }

  /**
   * Decides, from an object as it is now, the few fields platformkit sets on it though it does not own
   * it (a replica count and the record of the original one): empty when nothing is to be written. It is
   * asked again on fresh state when a write meets a conflict, so it must be a function of the object.
   */
  @FunctionalInterface
  public interface Adjuster {
    /** The update to make on {@code current}, or empty. */
    Optional<ResourceUpdate> adjust(Kind kind, Resource current);
  }

  /**
   * Where to look for objects to adjust: one list request of {@code kind} in {@code namespace} (all
   * namespaces when null) with an equality label {@code selector}; or, with a {@code name}, one read of
   * that object.
   *
   * @param kind the kind
   * @param namespace the namespace, or null for all
   * @param selector equality label selector; empty for all objects
   * @param name the one object to read, or null to list
   * @param scope the backend's scope
   */
  public record Query(Kind kind, String namespace, Map<String, String> selector, String name, String scope) {

    /** A list of {@code kind} in {@code namespace} (null: all) with {@code selector}, in the default scope. */
    public static Query list(Kind kind, String namespace, Map<String, String> selector) {
      return new Query(kind, namespace, selector, null, ResourceRef.DEFAULT_SCOPE);
    }

    /** One object by name (an AWS identifier, or a namespaced name with {@code namespace}), in {@code scope}. */
    public static Query named(Kind kind, String namespace, String name, String scope) {
      return new Query(kind, namespace, Map.of(), name, scope);
    }
  }

  /**
   * Plans the adjustments of objects platformkit does not own: one list per query, then one UPDATE step
   * per object {@code adjuster} wants to change, in the order of the queries. An object found by two
   * queries is adjusted once. Writes nothing.
   */
  public List<Step> planAdjustments(List<Query> queries, Adjuster adjuster) {
    List<Step> steps = new ArrayList<>();
    Set<ResourceRef> seen = new HashSet<>();
    for (Query q : queries) {
      ResourceStore store = stores.get(key(q.kind().provider(), q.scope()));
      if (store == null || !store.supports(q.kind())) {
        throw new PlatformException("no " + q.kind().provider() + " backend holding " + q.kind().name() + " objects is configured"
            + (q.scope().isEmpty() ? "" : " for scope \"" + q.scope() + "\""));
      }
      List<Resource> found = q.name() == null ? read(() -> store.list(q.kind(), q.namespace(), q.selector()))
          : read(() -> store.get(q.kind(), new ResourceRef(q.kind().provider(), q.kind().name(), q.namespace(), q.name()))
              .map(List::of).orElse(List.of()));
      for (Resource r : found) {
        Resource current = q.scope().isEmpty() ? r : rescope(r, q.scope());
        if (!seen.add(current.ref())) {
          continue;
        }
        adjuster.adjust(q.kind(), current).filter(u -> !u.isEmpty()).ifPresent(update -> steps.add(new Step(
            new Change(Change.Action.UPDATE, current.ref(), describe(store, current, update)), q.kind(), null, current, adjuster)));
      }
    }
    return steps;
  }

  /** What {@code update} changes on {@code current}, as field diffs. */
  static List<FieldDiff> describe(ResourceStore store, Resource current, ResourceUpdate update) {
    List<FieldDiff> fields = new ArrayList<>();
    String labels = store.marks().field();
    update.setLabels().forEach((k, v) -> {
      if (!v.equals(current.labels().get(k))) {
        fields.add(new FieldDiff(labels + Json.key(k), current.labels().get(k), v));
      }
    });
    update.removeLabels().stream().filter(current.labels()::containsKey)
        .forEach(k -> fields.add(new FieldDiff(labels + Json.key(k), current.labels().get(k), null)));
    update.setAnnotations().forEach((k, v) -> {
      if (!v.equals(current.annotations().get(k))) {
        fields.add(new FieldDiff("metadata.annotations" + Json.key(k), current.annotations().get(k), v));
      }
    });
    update.removeAnnotations().stream().filter(current.annotations()::containsKey)
        .forEach(k -> fields.add(new FieldDiff("metadata.annotations" + Json.key(k), current.annotations().get(k), null)));
    fields.addAll(Json.patchDiff("", current.body(), update.body(), false));
    return fields;
  }

  private final Map<String, ResourceStore> stores;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final RandomGenerator random;

  /** An engine over these stores, keyed by {@link #key(String, String)} of provider and scope. */
  public Reconciler(Map<String, ResourceStore> stores, RetryPolicy retry, Sleeper sleeper, Clock clock,
      RandomGenerator random) {
    this.stores = Map.copyOf(stores);
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  /** The key of a provider's store in a scope. */
  public static String key(String provider, String scope) {
    return scope.isEmpty() ? provider : provider + "/" + scope;
  }

  /** The store of a provider in its default scope, if configured. */
  public Optional<ResourceStore> store(String provider) {
    return Optional.ofNullable(stores.get(provider));
  }

  // the desired object named as its store lists it (kinds not planned here are left as they are)
  private Resource canonical(Resource r, List<Kind> kinds) {
    ResourceStore store = stores.get(key(r.ref().provider(), r.ref().scope()));
    Kind kind = kinds.stream().filter(k -> k.provider().equals(r.ref().provider()) && k.name().equals(r.ref().kind()))
        .findFirst().orElse(null);
    if (store == null || kind == null || !store.supports(kind)) {
      return r;
    }
    ResourceRef ref = store.canonical(kind, r.ref());
    return ref.equals(r.ref()) ? r : r.withRef(ref);
  }

  private ResourceStore storeOf(ResourceRef ref) {
    ResourceStore store = stores.get(key(ref.provider(), ref.scope()));
    if (store == null) {
      throw new PlatformException("no " + ref.provider() + " backend is configured"
          + (ref.scope().isEmpty() ? "" : " for scope \"" + ref.scope() + "\"") + " to hold " + ref);
    }
    return store;
  }

  /**
   * Plans the changes that make the objects owned by {@code owners} equal to {@code desired}: creates
   * and updates in the order of {@code kinds}, then deletes of owned objects no longer desired in
   * reverse order. Reads the default scope of each provider and every scope a desired object names.
   * Writes nothing.
   */
  public List<Step> plan(Set<String> owners, List<Resource> desired, List<Kind> kinds) {
    return plan(owners, desired, kinds, r -> true, Replace.NEVER);
  }

  /**
   * Shown in a plan where a value is known only once an earlier step of the same apply has run (a
   * certificate's ARN, a load balancer's hostname), as {@code terraform plan} does. A planned change
   * holding it matches any value there when the apply checks what it makes against the plan
   * ({@link #matches}).
   */
  public static final String UNKNOWN = "(known after apply)";

  /**
   * Whether a change can only be made by deleting the object and creating it again (a field the provider
   * cannot update, such as the domains of a certificate).
   */
  @FunctionalInterface
  public interface Replace {
    /** Never: every difference is an update. */
    Replace NEVER = (kind, current, desired) -> false;

    /** Whether {@code current} must be replaced to become {@code desired}. */
    boolean needed(Kind kind, Resource current, Resource desired);
  }

  /**
   * Like {@link #plan(Set, List, List)}, for one stage of an apply that makes an owner's objects in
   * several stages (certificate, then Applications, then DNS records): only the owned objects
   * {@code manages} accepts are this stage's (others of the same kinds are left for their stage), and a
   * difference {@code replace} says cannot be an update becomes a DELETE followed by a CREATE of the same
   * object (replace-on-change; a kind that must keep the old object until the new one is in use gives the
   * new one another name instead, so that both live side by side).
   */
  public List<Step> plan(Set<String> owners, List<Resource> desired, List<Kind> kinds,
      java.util.function.Predicate<Resource> manages, Replace replace) {
    return plan(owners, desired, kinds, manages, replace, null);
  }

  /**
   * Like {@link #plan(Set, List, List, java.util.function.Predicate, Replace)}, reading owned objects only
   * in {@code namespaces} ({@link ResourceStore#list(Kind, String, Map)}: for a kind without namespaces, the
   * store's own partition such as a Route53 hosted zone); null reads everywhere. The objects desired must
   * be within them.
   */
  public List<Step> plan(Set<String> owners, List<Resource> desired, List<Kind> kinds,
      java.util.function.Predicate<Resource> manages, Replace replace, Collection<String> namespaces) {
    // listed refs are in each store's canonical form: name the desired ones the same way, or one object
    // named two ways would be planned as a delete of the listed one and a create of the desired one
    desired = desired.stream().map(r -> canonical(r, kinds)).toList();
    Map<ResourceRef, String> wantedBy = new HashMap<>();
    for (Resource want : desired) {
      String other = wantedBy.putIfAbsent(want.ref(), owner(want));
      if (other != null) {
        // two specs (or one spec twice) rendering the same object would fight over it on every apply
        throw new PlatformException(want.ref() + " is wanted twice, by " + other + " and by " + owner(want)
            + "; give it to one of them");
      }
    }
    Set<String> scopes = new LinkedHashSet<>();
    scopes.add(ResourceRef.DEFAULT_SCOPE);
    desired.forEach(r -> scopes.add(r.ref().scope()));

    Map<ResourceRef, Resource> actual = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      for (String scope : scopes) {
        ResourceStore store = stores.get(key(kind.provider(), scope));
        if (store == null || !store.supports(kind)) {
          continue;
        }
        Map<String, String> selector = store.marks().selector(owners);
        List<Resource> listed = new ArrayList<>();
        if (namespaces == null) {
          listed.addAll(read(() -> store.list(kind, selector)));
        } else {
          for (String namespace : new LinkedHashSet<>(namespaces)) {
            listed.addAll(read(() -> store.list(kind, namespace, selector)));
          }
        }
        for (Resource r : listed) {
          Resource scoped = scope.isEmpty() ? r : rescope(r, scope);
          if (owners.contains(store.marks().owner(r.labels()).orElse(null)) && manages.test(scoped)) {
            actual.put(scoped.ref(), scoped);
          }
        }
      }
    }

    List<Step> steps = new ArrayList<>();
    // nothing can exist yet in a namespace this plan creates: no need to look for collisions there
    Set<ResourceRef> newNamespaces = new HashSet<>();
    for (Kind kind : kinds) {
      for (Resource want : desired) {
        if (!want.ref().kind().equals(kind.name()) || !want.ref().provider().equals(kind.provider())) {
          continue;
        }
        ResourceStore store = storeOf(want.ref());
        if (kind.readOnly().stream().anyMatch(want.body()::containsKey)) {
          throw new IllegalArgumentException(want.ref() + ": a desired body never holds the read-only fields " + kind.readOnly());
        }
        Resource wanted = store.tracking().record(want);
        Resource current = actual.remove(want.ref());
        if (current != null && !owner(wanted).equals(owner(current))) {
          // planning several owners at once must not hand an object from one to another silently
          throw new OwnershipException(want.ref(), owner(current), owner(wanted));
        }
        boolean inNewNamespace = want.ref().namespace() != null && newNamespaces.contains(namespaceOf(want.ref()));
        if (current == null && !inNewNamespace) {
          current = unownedOrOurs(store, kind, wanted);
        }
        if (current == null) {
          if (isNamespace(kind)) {
            // a namespace still being deleted refuses creates with a 403 until it is gone: say so now
            Optional<String> blocked = read(() -> store.blockedNamespace(want.ref().name()));
            if (blocked.isPresent()) {
              throw new ConflictException(want.ref() + " cannot be created yet: " + blocked.get()
                  + "; plan again once it is gone");
            }
            newNamespaces.add(want.ref());
          }
          steps.add(new Step(new Change(Change.Action.CREATE, wanted.ref(), creationDiff(store, wanted)), kind, wanted, null));
        } else {
          Diff diff = diff(store, kind, current, wanted);
          if (!diff.update().isEmpty() && replace.needed(kind, current, wanted)) {
            steps.add(new Step(new Change(Change.Action.DELETE, current.ref(), diff.fields()), kind, null, current));
            steps.add(new Step(new Change(Change.Action.CREATE, wanted.ref(), creationDiff(store, wanted)), kind, wanted, null));
          } else if (!diff.update().isEmpty()) {
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
          .forEach(r -> steps.add(new Step(deletion(kind, r), kind, null, r)));
    }
    return steps;
  }

  private Change deletion(Kind kind, Resource current) {
    Map<String, Integer> contents = Map.of();
    if (isNamespace(kind)) {
      ResourceStore store = storeOf(current.ref());
      contents = read(() -> store.foreignContents(current.ref().name()));
    }
    return new Change(Change.Action.DELETE, current.ref(), List.of(), contents);
  }

  private static boolean isNamespace(Kind kind) {
    return kind.name().equals("Namespace") && !kind.namespaced();
  }

  private static ResourceRef namespaceOf(ResourceRef ref) {
    return new ResourceRef(ref.provider(), "Namespace", null, ref.namespace(), ref.scope());
  }

  private static Resource rescope(Resource r, String scope) {
    return r.withRef(r.ref().inScope(scope));
  }

  /**
   * The CREATE steps of objects that cannot exist yet because an earlier step of the same apply names them
   * (their name holds {@link #UNKNOWN}): planned without asking the store, which could not address them.
   * For plans only; the apply plans them again once the name is known.
   */
  public List<Step> plannedCreates(List<Resource> desired, Kind kind) {
    List<Step> steps = new ArrayList<>();
    for (Resource want : desired) {
      ResourceStore store = storeOf(want.ref());
      Resource wanted = store.tracking().record(want);
      steps.add(new Step(new Change(Change.Action.CREATE, wanted.ref(), creationDiff(store, wanted)), kind, wanted, null));
    }
    return steps;
  }

  /** How the engine waits between retries: also what {@link Wait}s between polls should use. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * Whether {@code made}, a change an apply is about to make, is what {@code planned} promised: the same
   * action on the same object with the same field diffs, where {@link #UNKNOWN} in the planned target
   * name or values stands for any text.
   */
  public static boolean matches(Change planned, Change made) {
    if (planned.equals(made)) {
      return true;
    }
    if (planned.action() != made.action() || planned.diff().size() != made.diff().size()
        || !same(planned.target().name(), made.target().name())
        || !planned.target().provider().equals(made.target().provider())
        || !planned.target().kind().equals(made.target().kind())
        || !java.util.Objects.equals(planned.target().namespace(), made.target().namespace())
        || !planned.target().scope().equals(made.target().scope())) {
      return false;
    }
    for (int i = 0; i < planned.diff().size(); i++) {
      FieldDiff p = planned.diff().get(i);
      FieldDiff m = made.diff().get(i);
      if (!same(p.path(), m.path()) || !same(p.before(), m.before()) || !same(p.after(), m.after())) {
        return false;
      }
    }
    return true;
  }

  // UNKNOWN in a planned text matches anything in its place
  private static boolean same(String planned, String made) {
    if (planned == null || made == null || !planned.contains(UNKNOWN)) {
      return java.util.Objects.equals(planned, made);
    }
    String[] parts = planned.split(java.util.regex.Pattern.quote(UNKNOWN), -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      regex.append(java.util.regex.Pattern.quote(parts[i]));
      if (i < parts.length - 1) {
        regex.append(".*");
      }
    }
    return made.matches(regex.toString());
  }

  /** The plan of these steps for {@code subjects}. */
  public static Plan toPlan(List<? extends Serializable> subjects, boolean deletion, List<Step> steps) {
    return new Plan(subjects, deletion, steps.stream().map(Step::change).toList());
  }

  /**
   * Makes the changes of {@code plan} after checking that planning again gives the same changes: a
   * plan is a promise about what will be written, so drift since then is a {@link StalePlanException},
   * and so is a write that finds the object changed in a way that changes what it would write.
   */
  public ApplyResult applyPlan(Plan plan, List<Step> replanned, ProgressListener listener, Set<ApplyOption> options) {
    List<Change> now = replanned.stream().map(Step::change).toList();
    if (!now.equals(plan.changes())) {
      throw new StalePlanException("the state changed since the plan was made; plan again. Now:\n"
          + new Plan(plan.subjects(), plan.isDeletion(), now).render());
    }
    return apply(replanned, listener, options, true);
  }

  /** Makes the changes of {@code steps}, in order, retrying conflicts and retryable failures. */
  public ApplyResult apply(List<Step> steps, ProgressListener listener, Set<ApplyOption> options) {
    return apply(steps, listener, options, false);
  }

  /**
   * Makes the changes of {@code steps} like {@link #apply(List, ProgressListener, Set)}, but each run of
   * consecutive writes of one kind to one store goes to {@link ResourceStore#write(Kind, List)} as one
   * batch, which a store whose provider batches (Route53) makes in as few requests as it can. A batch that
   * fails retryably is sent again (batches are all-or-nothing on such providers); one that meets a
   * conflict, or fails again, is made write by write, each decided again on fresh state as usual, so that
   * what the failed batch did make is not made twice.
   */
  public ApplyResult applyBatched(List<Step> steps, ProgressListener listener, Set<ApplyOption> options) {
    List<Change> foreign = steps.stream().map(Step::change).filter(Change::deletesForeignObjects).toList();
    if (!foreign.isEmpty() && !options.contains(ApplyOption.DELETE_FOREIGN_CONTENTS)) {
      throw new ForeignContentsException(foreign);
    }
    Instant start = clock.instant();
    List<Change> applied = new ArrayList<>();
    int i = 0;
    while (i < steps.size()) {
      int end = i + 1;
      while (end < steps.size() && batchable(steps.get(i), steps.get(end))) {
        end++;
      }
      List<Step> batch = steps.subList(i, end);
      batch.forEach(s -> listener.starting(s.change()));
      if (batch.size() > 1 && writeBatch(batch)) {
        batch.forEach(s -> {
          listener.finished(s.change());
          applied.add(s.change());
        });
      } else {
        for (Step step : batch) {
          Change made = execute(step, listener, false);
          listener.finished(made == null ? step.change() : made);
          if (made != null) {
            applied.add(made);
          }
        }
      }
      i = end;
    }
    return new ApplyResult(applied, Duration.between(start, clock.instant()));
  }

  // writes of owned objects of one kind in one store; an update is written as planned
  private static boolean batchable(Step first, Step next) {
    return first.adjuster() == null && next.adjuster() == null && first.kind().equals(next.kind())
        && first.change().target().scope().equals(next.change().target().scope());
  }

  // true when the batch was made; false when it is to be made write by write
  private boolean writeBatch(List<Step> batch) {
    ResourceStore store = storeOf(batch.get(0).change().target());
    List<dev.platformkit.spi.Write> writes = new ArrayList<>();
    for (Step s : batch) {
      switch (s.change().action()) {
        case CREATE -> writes.add(new dev.platformkit.spi.Write(Change.Action.CREATE, null, s.desired(), null));
        case UPDATE -> writes.add(new dev.platformkit.spi.Write(Change.Action.UPDATE, s.current(), s.desired(),
            diff(store, s.kind(), s.current(), s.desired()).update()));
        case DELETE -> writes.add(new dev.platformkit.spi.Write(Change.Action.DELETE, s.current(), null, null));
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        store.write(batch.get(0).kind(), writes);
        return true;
      } catch (PlatformException e) {
        if (!e.retryable() || e instanceof ConflictException || attempt >= retry.maxAttempts()) {
          return false;
        }
        sleeper.sleep(retry.delay(attempt, random));
      }
    }
  }

  private ApplyResult apply(List<Step> steps, ProgressListener listener, Set<ApplyOption> options, boolean strict) {
    // refused before the first write: never a half-applied change
    List<Change> foreign = steps.stream().map(Step::change).filter(Change::deletesForeignObjects).toList();
    if (!foreign.isEmpty() && !options.contains(ApplyOption.DELETE_FOREIGN_CONTENTS)) {
      throw new ForeignContentsException(foreign);
    }
    Instant start = clock.instant();
    List<Change> applied = new ArrayList<>();
    for (Step step : steps) {
      listener.starting(step.change());
      Change made = execute(step, listener, strict);
      listener.finished(made == null ? step.change() : made);
      if (made != null) {
        applied.add(made);
      }
    }
    return new ApplyResult(applied, Duration.between(start, clock.instant()));
  }

  // Returns the change actually made: after a conflict it is decided again on fresh state (or, for a
  // saved plan, must come out the same).
  private Change execute(Step step, ProgressListener listener, boolean strict) {
    ResourceStore store = storeOf(step.change().target());
    Kind kind = step.kind();
    Change change = step.change();
    Resource desired = step.desired();
    Resource current = step.current();
    String owner = step.adjuster() != null ? null : owner(desired != null ? desired : current);
    for (int attempt = 1; ; attempt++) {
      try {
        switch (change.action()) {
          case CREATE -> store.create(kind, desired);
          case UPDATE -> {
            ResourceUpdate update = step.adjuster() != null
                ? step.adjuster().adjust(kind, current).orElse(null) : diff(store, kind, current, desired).update();
            if (update != null && !update.isEmpty()) {
              store.update(kind, current, update);
            }
          }
          case DELETE -> store.delete(kind, current);
        }
        return change;
      } catch (PlatformException e) {
        // an object deleted between our read and our update is simply created again (one we only adjust:
        // there is nothing left to adjust)
        boolean vanished = e instanceof NotFoundException && change.action() == Change.Action.UPDATE;
        if (vanished && step.adjuster() != null) {
          return null;
        }
        if (!(e.retryable() || vanished) || attempt >= retry.maxAttempts()) {
          throw e;
        }
        listener.retrying(change, attempt, e);
        sleeper.sleep(retry.delay(attempt, random));
        if (!vanished && !(e instanceof ConflictException)) {
          continue; // throttled or unanswered: the same write again
        }
        // someone else wrote in between: read again and decide again on fresh state
        ResourceRef ref = change.target();
        Optional<Resource> fresh = read(() -> store.get(kind, ref));
        Change again;
        if (step.adjuster() != null) {
          // not ours: what to write is decided again on the object as it is now; gone is nothing to do
          if (fresh.isEmpty()) {
            return null;
          }
          current = fresh.get();
          Optional<ResourceUpdate> update = step.adjuster().adjust(kind, current).filter(u -> !u.isEmpty());
          if (update.isEmpty()) {
            return null;
          }
          again = new Change(Change.Action.UPDATE, ref, describe(store, current, update.get()));
        } else if (fresh.isEmpty()) {
          if (change.action() == Change.Action.DELETE) {
            return null;
          }
          again = new Change(Change.Action.CREATE, ref, creationDiff(store, desired));
        } else {
          if (!owner.equals(store.marks().owner(fresh.get().labels()).orElse(null))) {
            throw new OwnershipException(ref, Ownership.ownerOf(fresh.get().labels()).orElse(null), owner);
          }
          current = fresh.get();
          if (change.action() == Change.Action.DELETE) {
            again = deletion(kind, current);
          } else {
            Diff diff = diff(store, kind, current, desired);
            if (diff.update().isEmpty()) {
              return null; // someone else made it so already
            }
            again = new Change(Change.Action.UPDATE, ref, diff.fields());
          }
        }
        if (strict && !again.equals(change)) {
          throw new StalePlanException(ref + " changed since the plan was made: the plan said\n  " + change.render()
              + "\nbut now it would be\n  " + again.render() + "\nplan again");
        }
        if (again.deletesForeignObjects() && !change.deletesForeignObjects()) {
          throw new ForeignContentsException(List.of(again));
        }
        change = again;
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

  private Resource unownedOrOurs(ResourceStore store, Kind kind, Resource wanted) {
    Optional<Resource> existing = read(() -> store.get(kind, wanted.ref()));
    if (existing.isEmpty()) {
      return null;
    }
    String owner = owner(wanted);
    if (!owner.equals(store.marks().owner(existing.get().labels()).orElse(null))) {
      throw new OwnershipException(wanted.ref(), Ownership.ownerOf(existing.get().labels()).orElse(null), owner);
    }
    Resource found = existing.get();
    return wanted.ref().scope().isEmpty() ? found : rescope(found, wanted.ref().scope());
  }

  // the owner as the store that holds the object marks it
  private String owner(Resource r) {
    return storeOf(r.ref()).marks().owner(r.labels()).orElseThrow(
        () -> new IllegalStateException(r.ref() + " carries no ownership marks"));
  }

  /** The owner value in a resource's labels or tags, or null. */
  public static String ownerOf(Resource r) {
    String owner = r.labels().get(Ownership.OWNER_LABEL);
    return owner != null ? owner : r.labels().get(Ownership.OWNER_TAG);
  }

  private record Diff(ResourceUpdate update, List<FieldDiff> fields) {}

  private static final Diff NO_DIFF = new Diff(new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of()), List.of());

  // Three-way: what is desired, what we set last time (the store's record), what is live. A key we set
  // and no longer want is removed; a key others (or the server's defaulting) added is left alone.
  private static Diff diff(ResourceStore store, Kind kind, Resource current, Resource desired) {
    Tracking tracking = store.tracking();
    Tracking.Applied applied = tracking.applied(current);
    List<FieldDiff> fields = new ArrayList<>();
    Map<String, String> setLabels = new LinkedHashMap<>();
    Set<String> removeLabels = new TreeSet<>();
    String labelsPath = labelsPath(store);
    keyed(current.labels(), desired.labels(), applied == null ? Set.of() : applied.labels(), k -> false,
        labelsPath, setLabels, removeLabels, fields);
    Map<String, String> setAnnotations = new LinkedHashMap<>();
    Set<String> removeAnnotations = new TreeSet<>();
    keyed(current.annotations(), desired.annotations(), applied == null ? Set.of() : applied.annotations(),
        tracking::isRecord, "metadata.annotations", setAnnotations, removeAnnotations, fields);

    // without a record of the fields we set (objects written before field tracking, stores without one),
    // the desired top-level fields are ours as a whole, compared exactly, as they were then
    boolean tolerant = tracking.tolerant() && applied != null && applied.body() != null;
    // read-only fields (status) are the controllers': never compared, never written
    Map<String, Object> live = kind.writable(current.body());
    Map<String, Object> want = kind.writable(desired.body());
    Map<String, Object> patch = tolerant
        ? Json.mergeDiff(want, live, kind.writable(applied.body()), kind.quantities())
        : Json.replaceDiff(want, live, kind.quantities());
    fields.addAll(Json.patchDiff("", live, patch, kind.quantities()));
    if (fields.isEmpty()) {
      // the record alone is not worth a write or a line in the plan
      return NO_DIFF;
    }
    return new Diff(new ResourceUpdate(setLabels, removeLabels, setAnnotations, removeAnnotations, patch), fields);
  }

  private static void keyed(Map<String, String> current, Map<String, String> desired, Set<String> owned,
      java.util.function.Predicate<String> record, String path, Map<String, String> set, Set<String> remove,
      List<FieldDiff> fields) {
    desired.forEach((k, v) -> {
      String before = current.get(k);
      if (!v.equals(before)) {
        set.put(k, v);
        if (!record.test(k)) {
          fields.add(new FieldDiff(path + Json.key(k), before, v));
        }
      }
    });
    for (String k : owned) {
      if (!desired.containsKey(k) && current.containsKey(k)) {
        remove.add(k);
        if (!record.test(k)) {
          fields.add(new FieldDiff(path + Json.key(k), current.get(k), null));
        }
      }
    }
  }

  private static String labelsPath(ResourceStore store) {
    return store.marks().field();
  }

  // the ownership marks are on every object we create; listing them on each would drown the plan
  private static List<FieldDiff> creationDiff(ResourceStore store, Resource r) {
    List<FieldDiff> fields = new ArrayList<>();
    String labelsPath = labelsPath(store);
    r.labels().forEach((k, v) -> {
      if (!store.marks().isMark(k)) {
        fields.add(new FieldDiff(labelsPath + Json.key(k), null, v));
      }
    });
    r.annotations().forEach((k, v) -> {
      if (!store.tracking().isRecord(k)) {
        fields.add(new FieldDiff("metadata.annotations" + Json.key(k), null, v));
      }
    });
    r.body().forEach((k, v) -> fields.addAll(Json.leafDiff(k, null, v, false)));
    return fields;
  }
}
