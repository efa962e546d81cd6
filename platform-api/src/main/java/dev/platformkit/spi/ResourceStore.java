package dev.platformkit.spi;

import dev.platformkit.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backend implements so that the planners in platform-api can reconcile objects in it: list by
 * ownership labels, read one, create, update owned fields, delete. The Kubernetes backend, the AWS
 * backend and the testkit's in-memory backend implement it, and all pass the same contract suites.
 *
 * <p>Errors: a stale {@link Resource#version()} or a concurrent create is a
 * {@link dev.platformkit.ConflictException}; throttling, 429 and 5xx are a retryable
 * {@link dev.platformkit.BackendException}; a missing object on update is a
 * {@link dev.platformkit.NotFoundException}. Stores do not retry; the planners do. Lists in bodies are
 * returned in the order written, or sorted where the backend keeps no order.
 */
public interface ResourceStore {

  /** {@link ResourceRef#KUBERNETES}, {@link ResourceRef#AWS}, or another provider name. */
  String provider();

  /** Whether the store can hold objects of this kind. */
  boolean supports(String kind);

  /**
   * Every object of {@code kind} whose labels (tags) include all entries of {@code selector}, across
   * all namespaces. One request (or one paged listing) per call on real backends. Objects already being
   * deleted (a Terminating namespace) are left out.
   */
  List<Resource> list(String kind, Map<String, String> selector);

  /** The object, whether we own it or not (to detect collisions with objects we don't own). */
  Optional<Resource> get(ResourceRef ref);

  /** Creates the object. A {@link dev.platformkit.ConflictException} when it exists already. */
  void create(Resource desired);

  /**
   * Writes {@code update} onto {@code current}, failing with a {@link dev.platformkit.ConflictException}
   * when the object changed since {@code current} was read (its version differs).
   */
  void update(Resource current, ResourceUpdate update);

  /** Deletes the object; nothing happens when it is already gone. */
  void delete(Resource current);
}
