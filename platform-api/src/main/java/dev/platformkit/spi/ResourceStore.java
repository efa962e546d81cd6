package dev.platformkit.spi;

import dev.platformkit.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backend implements so that the engine in platform-api can reconcile objects in it: list by
 * ownership marks, read one, create, update owned fields, delete. The Kubernetes backend, the AWS
 * backend and the testkit's in-memory backend implement it, and all pass the same contract suites.
 *
 * <p>Every call names the {@link Kind} it is about, as the primitive declared it; a store needs no table
 * of kinds of its own. How ownership is marked ({@link #marks()}) and how what platformkit set is
 * remembered ({@link #tracking()}) are the store's, so the engine holds no provider rules.
 *
 * <p>Errors: a stale {@link Resource#version()} or a concurrent create is a
 * {@link dev.platformkit.ConflictException}; throttling, 429 and 5xx are a retryable
 * {@link dev.platformkit.BackendException}; a missing object on update is a
 * {@link dev.platformkit.NotFoundException}; anything else a {@link dev.platformkit.PlatformException}.
 * Stores do not retry; the engine does. Lists in bodies are returned in the order written, or sorted
 * where the backend keeps no order.
 */
public interface ResourceStore {

  /** {@link ResourceRef#KUBERNETES}, {@link ResourceRef#AWS}, or another provider name. */
  String provider();

  /** Whether the store can hold objects of this kind. */
  boolean supports(Kind kind);

  /**
   * Every object of {@code kind} whose labels (tags) include all entries of {@code selector}, across
   * all namespaces. One request (or one paged listing) per call on real backends. Objects already being
   * deleted (a Terminating namespace) are not current state and are left out.
   */
  List<Resource> list(Kind kind, Map<String, String> selector);

  /**
   * Every object of {@code kind} in {@code namespace} (all namespaces when null) whose labels include all
   * entries of {@code selector}: one request on real backends. Objects being deleted are left out. For a
   * kind without namespaces, {@code namespace} names the store's own partition of its objects when it has
   * one (the Route53 records of one hosted zone, by id or domain name) and is ignored otherwise. The
   * default filters {@link #list(Kind, Map)}.
   */
  default List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    List<Resource> all = list(kind, selector);
    return namespace == null || !kind.namespaced() ? all
        : all.stream().filter(r -> namespace.equals(r.ref().namespace())).toList();
  }

  /**
   * The one name this store gives the object {@code ref} addresses, as its listings and reads name it: a
   * planner matches the refs it wants with listed refs by equality, so it asks this first. A store whose refs
   * can name one object in several ways (a Route53 hosted zone by id or by domain name) maps them to one
   * form, answering from what it has cached; a malformed ref is an error naming it. Default: {@code ref}.
   */
  default ResourceRef canonical(Kind kind, ResourceRef ref) {
    return ref;
  }

  /**
   * The object, whether we own it or not (to detect collisions with objects we don't own); empty when it
   * does not exist or is being deleted, like {@link #list}.
   */
  Optional<Resource> get(Kind kind, ResourceRef ref);

  /** Creates the object. A {@link dev.platformkit.ConflictException} when it exists already. */
  void create(Kind kind, Resource desired);

  /**
   * Writes {@code update} onto {@code current}, failing with a {@link dev.platformkit.ConflictException}
   * when the object changed since {@code current} was read (its version differs).
   */
  void update(Kind kind, Resource current, ResourceUpdate update);

  /**
   * Deletes the object, on condition that it is still the version read; nothing happens when it is
   * already gone.
   */
  void delete(Kind kind, Resource current);

  /**
   * Makes several writes of one kind. Stores whose provider batches (Route53 change batches) override it to
   * make them in as few requests as the provider allows, all-or-nothing per request; the default makes them
   * one by one, in order, and stops at the first failure. Errors are those of the single calls.
   */
  default void write(Kind kind, List<Write> writes) {
    for (Write w : writes) {
      switch (w.action()) {
        case CREATE -> create(kind, w.desired());
        case UPDATE -> update(kind, w.current(), w.update());
        case DELETE -> delete(kind, w.current());
      }
    }
  }

  /** How ownership is marked on this store's objects. Default: Kubernetes labels. */
  default Marks marks() {
    return Marks.LABELS;
  }

  /** How this store remembers what platformkit set. Default: {@link Tracking#ANNOTATIONS}. */
  default Tracking tracking() {
    return Tracking.ANNOTATIONS;
  }

  /**
   * Why objects cannot be created in {@code namespace} now (it is being deleted), or empty. Asked once per
   * namespace a plan creates objects in but does not create itself... and for namespaces it creates.
   * Default: never blocked.
   */
  default Optional<String> blockedNamespace(String namespace) {
    return Optional.empty();
  }

  /**
   * What lives in {@code namespace} that platformkit does not own, counted by kind, leaving out what the
   * system puts in every namespace. Asked before a namespace is deleted, because deleting it deletes
   * everything in it. Default: nothing (a store without namespaces).
   */
  default Map<String, Integer> foreignContents(String namespace) {
    return Map.of();
  }
}
