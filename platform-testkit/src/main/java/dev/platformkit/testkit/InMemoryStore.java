package dev.platformkit.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory backend with the observable behaviour of the real ones: versions for optimistic
 * concurrency (a stale update is a {@link ConflictException}), create of an existing object is a
 * conflict, update of a missing one is {@link NotFoundException}, deleting a Namespace deletes what is
 * in it, and the system namespaces ({@code default}, {@code kube-system}, ...) exist from the start. Its state can be saved to and loaded from a JSON file (the CLI's embedded backend does).
 *
 * <p>Thread-safe.
 */
public final class InMemoryStore implements ResourceStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  // namespaces every cluster has, though nobody created them through this store
  private static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final String provider;
  private final Set<String> kinds;
  private final Map<ResourceRef, Resource> objects = new TreeMap<>();
  private long version;

  /** A store for {@code provider} holding the given kinds. */
  public InMemoryStore(String provider, Set<String> kinds) {
    this.provider = provider;
    this.kinds = Set.copyOf(kinds);
  }

  /** A Kubernetes store holding the kinds the Tenant primitive uses. */
  public static InMemoryStore kubernetes() {
    return new InMemoryStore(ResourceRef.KUBERNETES,
        Set.of("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy", "RoleBinding", "AwsAuthMapping"));
  }

  /** An AWS store holding EKS access entries. */
  public static InMemoryStore aws() {
    return new InMemoryStore(ResourceRef.AWS, Set.of("AccessEntry"));
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public boolean supports(String kind) {
    return kinds.contains(kind);
  }

  @Override
  public synchronized List<Resource> list(String kind, Map<String, String> selector) {
    checkKind(kind);
    List<Resource> out = new ArrayList<>();
    for (Resource r : objects.values()) {
      if (r.ref().kind().equals(kind) && r.labels().entrySet().containsAll(selector.entrySet())) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<Resource> get(ResourceRef ref) {
    checkKind(ref.kind());
    return Optional.ofNullable(objects.get(ref));
  }

  @Override
  public synchronized void create(Resource desired) {
    checkKind(desired.ref().kind());
    if (objects.containsKey(desired.ref())) {
      throw new ConflictException(desired.ref() + " already exists");
    }
    String namespace = desired.ref().namespace();
    if (namespace != null && supports("Namespace") && !SYSTEM_NAMESPACES.contains(namespace)
        && !objects.containsKey(ResourceRef.kubernetes("Namespace", namespace))) {
      throw new NotFoundException("namespace " + desired.ref().namespace() + " not found");
    }
    objects.put(desired.ref(), desired.withVersion(nextVersion()));
  }

  @Override
  public synchronized void update(Resource current, ResourceUpdate update) {
    checkKind(current.ref().kind());
    Resource stored = objects.get(current.ref());
    if (stored == null) {
      throw new NotFoundException(current.ref() + " not found");
    }
    if (current.version() != null && !current.version().equals(stored.version())) {
      throw new ConflictException(current.ref() + " was modified (version " + stored.version()
          + ", update based on " + current.version() + ")");
    }
    Map<String, String> labels = new LinkedHashMap<>(stored.labels());
    update.removeLabels().forEach(labels::remove);
    labels.putAll(update.setLabels());
    Map<String, String> annotations = new LinkedHashMap<>(stored.annotations());
    update.removeAnnotations().forEach(annotations::remove);
    annotations.putAll(update.setAnnotations());
    Map<String, Object> body = new LinkedHashMap<>(stored.body());
    body.putAll(update.body());
    objects.put(current.ref(), new Resource(current.ref(), labels, annotations, body, nextVersion()));
  }

  @Override
  public synchronized void delete(Resource current) {
    checkKind(current.ref().kind());
    objects.remove(current.ref());
    if (current.ref().kind().equals("Namespace") && ResourceRef.KUBERNETES.equals(provider)) {
      // like the namespace controller: what is in a namespace goes with it
      objects.keySet().removeIf(ref -> current.ref().name().equals(ref.namespace()));
    }
  }

  /** Every object held, in a stable order (for assertions). */
  public synchronized List<Resource> all() {
    return List.copyOf(objects.values());
  }

  /** Removes everything. */
  public synchronized void clear() {
    objects.clear();
  }

  /** Writes the state to a JSON file. */
  public synchronized void save(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("version", version);
      state.put("objects", List.copyOf(objects.values()));
      JSON.writeValue(file.toFile(), state);
    } catch (IOException e) {
      throw new PlatformException("cannot save state to " + file + ": " + e.getMessage(), e, false);
    }
  }

  /** Replaces the state with the one saved in {@code file}; an absent file means an empty store. */
  public synchronized void load(Path file) {
    objects.clear();
    version = 0;
    if (!Files.exists(file)) {
      return;
    }
    try {
      State state = JSON.readValue(file.toFile(), new TypeReference<State>() {});
      version = state.version;
      for (Resource r : state.objects) {
        objects.put(r.ref(), r);
      }
    } catch (IOException e) {
      throw new PlatformException("cannot read state from " + file + " (delete it to start over): " + e.getMessage(), e, false);
    }
  }

  private record State(long version, List<Resource> objects) {}

  private String nextVersion() {
    return Long.toString(++version);
  }

  private void checkKind(String kind) {
    if (!kinds.contains(kind)) {
      throw new UnsupportedOperationException("this in-memory " + provider + " store does not hold " + kind);
    }
  }
}
