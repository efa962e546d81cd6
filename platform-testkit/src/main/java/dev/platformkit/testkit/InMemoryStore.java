package dev.platformkit.testkit;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import dev.platformkit.testkit.apiserver.ApiServerDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * An in-memory backend with the observable behaviour of the real ones: versions for optimistic
 * concurrency (a stale update is a {@link ConflictException}), create of an existing object is a
 * conflict, update of a missing one is {@link NotFoundException}, deleting a Namespace deletes what is
 * in it, and the system namespaces ({@code default}, {@code kube-system}, ...) exist from the start. It
 * holds any kind of its provider, stores whole objects and answers with the fields the {@link Kind}
 * names, as the real backends do. Its state can be saved to and loaded from a JSON or YAML state document
 * ({@link #save}, {@link #load}; {@link InMemoryPlatform#snapshot(Path)} saves a whole platform's).
 *
 * <p>A Kubernetes store can be made to behave like a real API server on writes ({@link #admission}: the
 * testkit's {@code ApiServer} defaults and canonicalises as kube-apiserver v1.28 does) and to keep deleted
 * namespaces Terminating for a while ({@link #namespaceDeletion}), refusing new objects in them.
 *
 * <p>Finalizers ({@link Kind#FINALIZERS}) and read-only fields ({@link Kind#readOnly()}) behave as on an API
 * server: deleting an object that holds finalizers only marks it deleted (it is no longer listed nor read,
 * and creating it again is a conflict) until the last finalizer is removed ({@link #removeFinalizer}, or an
 * update); creates and updates never write read-only fields, a controller does ({@link #writeStatus}).
 *
 * <p>Thread-safe.
 */
public final class InMemoryStore implements ResourceStore {
  // namespaces every cluster has, though nobody created them through this store
  private static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final String provider;
  private final TreeMap<ResourceRef, Resource> objects = new TreeMap<>();
  private final Map<String, Instant> terminating = new HashMap<>();
  // marks, in the kept body, an object deleted while it held finalizers: unseen until the last one goes
  // (in the body, so that a saved state keeps it); no kind reads it
  private static final String DELETION = "metadata.deletionTimestamp";
  private BiFunction<Kind, Map<String, Object>, Map<String, Object>> admission = (kind, object) -> object;
  private Duration deletionDelay = Duration.ZERO;
  private Clock clock = Clock.systemUTC();
  private long version;
  // hosted zone ids by domain (aws DnsRecord refs)
  private final Map<String, String> zoneIds = new java.util.concurrent.ConcurrentHashMap<>();

  /** A store for {@code provider} holding any kind of it. */
  public InMemoryStore(String provider) {
    this.provider = provider;
  }

  /**
   * A Kubernetes store that defaults and canonicalises what it is sent as a kube-apiserver v1.28 does
   * ({@link ApiServerDefaults#defaults}), so that "a second apply writes nothing" is proven against
   * what a real server keeps.
   */
  public static InMemoryStore kubernetes() {
    return new InMemoryStore(ResourceRef.KUBERNETES).admission((kind, object) -> ApiServerDefaults.defaults(object));
  }

  /** An AWS store (tags, no change record). */
  public static InMemoryStore aws() {
    return new InMemoryStore(ResourceRef.AWS);
  }

  /**
   * What the store does to an object before it keeps it, as an API server's defaulting and
   * canonicalisation would: {@code admission.apply(kind, object)} gets the whole object
   * ({@code apiVersion}, {@code kind}, {@code metadata} with labels and annotations, and the body fields)
   * and returns it as it is to be stored. Default: kept as sent.
   */
  public synchronized InMemoryStore admission(BiFunction<Kind, Map<String, Object>, Map<String, Object>> admission) {
    this.admission = admission;
    return this;
  }

  /**
   * Deleting a Namespace leaves it Terminating for {@code delay} on {@code clock} before it and its
   * content are gone, as the namespace controller does (at least 5 s on a real cluster): meanwhile it is
   * not listed, creates in it fail with 403 Forbidden, and updates of what is in it still succeed.
   * Default: gone at once.
   */
  public synchronized InMemoryStore namespaceDeletion(Duration delay, Clock clock) {
    this.deletionDelay = delay;
    this.clock = clock;
    return this;
  }

  /** The clock that stamps creation times (and times namespace deletions). Default: the system clock. */
  public synchronized InMemoryStore clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public boolean supports(Kind kind) {
    return provider.equals(kind.provider());
  }

  @Override
  public Marks marks() {
    return ResourceRef.AWS.equals(provider) ? Marks.TAGS : Marks.LABELS;
  }

  @Override
  public Tracking tracking() {
    return ResourceRef.AWS.equals(provider) ? Tracking.NONE : Tracking.ANNOTATIONS;
  }

  /**
   * Runs {@code hook} before every read (list, get) of this store, outside its lock: how a simulation of
   * what controllers do in the real world ({@link dev.platformkit.testkit.sim.SiteWorld}) catches up with
   * the clock just before anyone looks. A hook that reads stores itself is not run again inside.
   * Default: none.
   */
  public InMemoryStore beforeRead(Runnable hook) {
    synchronized (this) {
      this.beforeRead = hook == null ? () -> {} : hook;
    }
    return this;
  }

  private Runnable beforeRead = () -> {};
  private static final ThreadLocal<Boolean> IN_HOOK = ThreadLocal.withInitial(() -> false);

  private void react() {
    Runnable hook;
    synchronized (this) {
      hook = beforeRead;
    }
    if (IN_HOOK.get()) {
      return;
    }
    IN_HOOK.set(true);
    try {
      hook.run();
    } finally {
      IN_HOOK.set(false);
    }
  }

  @Override
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    react();
    return listNow(kind, selector);
  }

  private synchronized List<Resource> listNow(Kind kind, Map<String, String> selector) {
    checkKind(kind);
    finishDeletions();
    List<Resource> out = new ArrayList<>();
    for (Resource r : objects.values()) {
      if (r.ref().kind().equals(kind.name()) && r.labels().entrySet().containsAll(selector.entrySet())
          && !isTerminatingNamespace(r.ref()) && !isDeleting(r)) {
        out.add(project(kind, r));
      }
    }
    return out;
  }

  // objects are sorted by provider, kind, namespace and name: one namespace's objects of a kind are a range
  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    react();
    if (namespace != null && !kind.namespaced()) {
      // no namespaces: a DnsRecord's partition is its hosted zone (id or domain), as the AWS backend has it
      List<Resource> all = listNow(kind, selector);
      if (!ResourceRef.AWS.equals(provider) || !"DnsRecord".equals(kind.name())) {
        return all;
      }
      String zone = zoned(ResourceRef.aws("DnsRecord", bareZone(namespace) + "/x")).name();
      String prefix = zone.substring(0, zone.indexOf('/') + 1);
      return all.stream().filter(r -> r.ref().name().startsWith(prefix)).toList();
    }
    return namespace == null ? listNow(kind, selector) : listNow(kind, namespace, selector);
  }

  private synchronized List<Resource> listNow(Kind kind, String namespace, Map<String, String> selector) {
    checkKind(kind);
    finishDeletions();
    List<Resource> out = new ArrayList<>();
    ResourceRef from = new ResourceRef(provider, kind.name(), namespace, "");
    ResourceRef to = new ResourceRef(provider, kind.name(), namespace, "\uffff");
    for (Resource r : objects.subMap(from, true, to, true).values()) {
      if (r.labels().entrySet().containsAll(selector.entrySet()) && !isDeleting(r)) {
        out.add(project(kind, r));
      }
    }
    return out;
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    react();
    return getNow(kind, ref);
  }

  private synchronized Optional<Resource> getNow(Kind kind, ResourceRef ref) {
    checkKind(kind);
    finishDeletions();
    return Optional.ofNullable(objects.get(unscoped(ref)))
        .filter(r -> !isTerminatingNamespace(r.ref()) && !isDeleting(r)).map(r -> project(kind, r));
  }

  @Override
  public synchronized Optional<String> blockedNamespace(String namespace) {
    finishDeletions();
    Instant since = terminating.get(namespace);
    return since == null ? Optional.empty()
        : Optional.of("namespace " + namespace + " is still being deleted (Terminating since " + since + ")");
  }

  @Override
  public synchronized Map<String, Integer> foreignContents(String namespace) {
    finishDeletions();
    Map<String, Integer> counts = new TreeMap<>();
    for (Resource r : objects.values()) {
      if (namespace.equals(r.ref().namespace()) && marks().owner(r.labels()).isEmpty() && !isSystem(r.ref())) {
        counts.merge(r.ref().kind(), 1, Integer::sum);
      }
    }
    return counts;
  }

  // what Kubernetes puts in every namespace
  private static boolean isSystem(ResourceRef ref) {
    return (ref.kind().equals("ConfigMap") && ref.name().equals("kube-root-ca.crt"))
        || (ref.kind().equals("ServiceAccount") && ref.name().equals("default"));
  }

  @Override
  public synchronized void create(Kind kind, Resource desired) {
    checkKind(kind);
    finishDeletions();
    ResourceRef ref = unscoped(desired.ref());
    if (objects.containsKey(ref)) {
      throw new ConflictException(ref + " already exists");
    }
    String namespace = ref.namespace();
    if (namespace != null && ResourceRef.KUBERNETES.equals(provider)) {
      if (terminating.containsKey(namespace)) {
        throw new BackendException(ref + " cannot be created: unable to create new content in namespace " + namespace
            + " because it is being terminated (HTTP 403 Forbidden)", null, 403, false);
      }
      if (!SYSTEM_NAMESPACES.contains(namespace) && !objects.containsKey(ResourceRef.kubernetes("Namespace", namespace))) {
        throw new NotFoundException("namespace " + namespace + " not found");
      }
    }
    store(kind, new Resource(ref, desired.labels(), desired.annotations(), kind.writable(desired.body()), null, clock.instant()));
  }

  @Override
  public synchronized void update(Kind kind, Resource current, ResourceUpdate update) {
    checkKind(kind);
    finishDeletions();
    ResourceRef ref = unscoped(current.ref());
    Resource stored = objects.get(ref);
    if (stored == null) {
      throw new NotFoundException(ref + " not found");
    }
    if (current.version() != null && !current.version().equals(stored.version())) {
      throw new ConflictException(ref + " was modified (version " + stored.version()
          + ", update based on " + current.version() + ")");
    }
    Map<String, String> labels = new LinkedHashMap<>(stored.labels());
    update.removeLabels().forEach(labels::remove);
    labels.putAll(update.setLabels());
    Map<String, String> annotations = new LinkedHashMap<>(stored.annotations());
    update.removeAnnotations().forEach(annotations::remove);
    annotations.putAll(update.setAnnotations());
    Map<String, Object> body = new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), kind.writable(update.body()))
        .patchBody(stored.body());
    store(kind, new Resource(ref, labels, annotations, body, null, stored.created()));
    removeIfFinalized(ref);
  }

  /**
   * Removes {@code finalizer} from the object, as the controller that put it there does once its work is
   * done (Argo CD after deleting what an Application deployed); an object deleted earlier is gone when its
   * last finalizer is. Nothing happens when the object or the finalizer is not there.
   */
  public synchronized void removeFinalizer(Kind kind, ResourceRef ref, String finalizer) {
    checkKind(kind);
    Resource stored = objects.get(unscoped(ref));
    if (stored == null || !(stored.body().get(Kind.FINALIZERS) instanceof Map<?, ?> set) || !set.containsKey(finalizer)) {
      return;
    }
    Map<String, Object> remaining = new LinkedHashMap<>();
    set.forEach((k, v) -> remaining.put(k.toString(), v));
    remaining.remove(finalizer);
    Map<String, Object> body = new LinkedHashMap<>(stored.body());
    if (remaining.isEmpty()) {
      body.remove(Kind.FINALIZERS);
    } else {
      body.put(Kind.FINALIZERS, remaining);
    }
    objects.put(stored.ref(), new Resource(stored.ref(), stored.labels(), stored.annotations(), body, nextVersion(), stored.created()));
    removeIfFinalized(stored.ref());
  }

  /**
   * Sets the read-only field {@code status} of the object as a controller does through the {@code /status}
   * subresource (the Argo CD controller on an Application, the load balancer controller on an Ingress): the
   * rest of the object is unchanged, the version changes; null removes it. Works on objects being deleted too.
   *
   * @throws NotFoundException when the object does not exist
   * @throws IllegalArgumentException when {@code kind} does not declare {@code status} read-only
   */
  public synchronized void writeStatus(Kind kind, ResourceRef ref, Map<String, Object> status) {
    checkKind(kind);
    if (!kind.readOnly().contains("status")) {
      throw new IllegalArgumentException(kind + " has no read-only status");
    }
    Resource stored = objects.get(unscoped(ref));
    if (stored == null) {
      throw new NotFoundException(ref + " not found");
    }
    Map<String, Object> body = new LinkedHashMap<>(stored.body());
    if (status == null) {
      body.remove("status");
    } else {
      body.put("status", new LinkedHashMap<>(status));
    }
    objects.put(stored.ref(), new Resource(stored.ref(), stored.labels(), stored.annotations(), body, nextVersion(), stored.created()));
  }

  /** Whether the object was deleted and waits for its finalizers to be removed. */
  public synchronized boolean isBeingDeleted(ResourceRef ref) {
    Resource stored = objects.get(unscoped(ref));
    return stored != null && isDeleting(stored);
  }

  private void removeIfFinalized(ResourceRef ref) {
    Resource stored = objects.get(ref);
    if (stored != null && isDeleting(stored) && !(stored.body().get(Kind.FINALIZERS) instanceof Map<?, ?> m && !m.isEmpty())) {
      objects.remove(ref);
    }
  }

  private static boolean isDeleting(Resource r) {
    return r.body().containsKey(DELETION);
  }

  @Override
  public synchronized void delete(Kind kind, Resource current) {
    checkKind(kind);
    finishDeletions();
    ResourceRef ref = unscoped(current.ref());
    Resource stored = objects.get(ref);
    if (stored == null || isTerminatingNamespace(ref) || isDeleting(stored)) {
      return;
    }
    if (current.version() != null && !current.version().equals(stored.version())) {
      throw new ConflictException(ref + " was modified (version " + stored.version() + ", delete based on "
          + current.version() + ")");
    }
    if (ref.kind().equals("Namespace") && ResourceRef.KUBERNETES.equals(provider)) {
      terminating.put(ref.name(), clock.instant());
      finishDeletions();
    } else if (stored.body().get(Kind.FINALIZERS) instanceof Map<?, ?> finalizers && !finalizers.isEmpty()) {
      // as the API server: the object stays, marked for deletion, until its finalizers are removed
      Map<String, Object> body = new LinkedHashMap<>(stored.body());
      body.put(DELETION, clock.instant().toString());
      objects.put(ref, new Resource(ref, stored.labels(), stored.annotations(), body, nextVersion(), stored.created()));
    } else {
      objects.remove(ref);
    }
  }

  // like the namespace controller: a namespace and what is in it go once the deletion delay has passed
  private void finishDeletions() {
    Instant now = clock.instant();
    terminating.entrySet().removeIf(e -> {
      if (now.isBefore(e.getValue().plus(deletionDelay))) {
        return false;
      }
      objects.remove(ResourceRef.kubernetes("Namespace", e.getKey()));
      objects.keySet().removeIf(ref -> e.getKey().equals(ref.namespace()));
      return true;
    });
  }

  private boolean isTerminatingNamespace(ResourceRef ref) {
    return ref.kind().equals("Namespace") && ref.namespace() == null && terminating.containsKey(ref.name());
  }

  // the whole object through admission, then kept with a new version
  private void store(Kind kind, Resource r) {
    Map<String, Object> object = new LinkedHashMap<>();
    if (kind.apiVersion() != null) {
      object.put("apiVersion", kind.apiVersion());
      object.put("kind", kind.name());
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", r.ref().name());
    if (r.ref().namespace() != null) {
      metadata.put("namespace", r.ref().namespace());
    }
    metadata.put("labels", new LinkedHashMap<>(r.labels()));
    metadata.put("annotations", new LinkedHashMap<>(r.annotations()));
    // the finalizers go where the API server keeps them, as a list
    if (r.body().get(Kind.FINALIZERS) instanceof Map<?, ?> finalizers && !finalizers.isEmpty()) {
      metadata.put("finalizers", finalizers.keySet().stream().map(Object::toString).toList());
    }
    object.put("metadata", metadata);
    r.body().forEach((k, v) -> {
      if (!k.equals(Kind.FINALIZERS) && !k.equals(DELETION)) {
        object.put(k, v);
      }
    });
    Map<String, Object> admitted = kind.apiVersion() == null ? object : admission.apply(kind, object);
    Map<String, Object> body = new LinkedHashMap<>(admitted);
    body.remove("apiVersion");
    body.remove("kind");
    Map<?, ?> meta = (Map<?, ?>) body.remove("metadata");
    if (r.body().get(DELETION) != null) {
      body.put(DELETION, r.body().get(DELETION));
    }
    if (meta.get("finalizers") instanceof List<?> finalizers && !finalizers.isEmpty()) {
      Map<String, Object> set = new LinkedHashMap<>();
      finalizers.forEach(f -> set.put(f.toString(), Boolean.TRUE));
      body.put(Kind.FINALIZERS, set);
    }
    objects.put(r.ref(), new Resource(r.ref(), strings(meta.get("labels")), strings(meta.get("annotations")), body,
        nextVersion(), r.created()));
  }

  private static Map<String, String> strings(Object map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(k.toString(), v.toString()));
    }
    return out;
  }

  // what a real backend answers: the fields the kind names (all of them for kinds that name none)
  private static Resource project(Kind kind, Resource r) {
    if (kind.fields().isEmpty()) {
      return r;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    for (String field : kind.readFields()) {
      Object value = r.body().get(field);
      if (value != null) {
        body.put(field, value);
      }
    }
    return new Resource(r.ref(), r.labels(), r.annotations(), body, r.version(), r.created());
  }

  private ResourceRef unscoped(ResourceRef ref) {
    ResourceRef named = zoned(ref);
    return named.scope().isEmpty() ? named : named.inScope(ResourceRef.DEFAULT_SCOPE);
  }

  /**
   * Names the hosted zone {@code domain} by {@code id}, as Route53 would: {@code aws DnsRecord} refs that name
   * the zone by its domain (or by {@code /hostedzone/<id>}) are kept, listed and read under {@code <id>/...},
   * like the AWS backend's, so that a site naming its zone either way sees one set of records.
   */
  public synchronized InMemoryStore hostedZone(String id, String domain) {
    zoneIds.put(domain.toLowerCase(java.util.Locale.ROOT), bareZone(id));
    return this;
  }

  /** The ref with its hosted zone named by id when it is a DnsRecord of a zone given to {@link #hostedZone}. */
  @Override
  public ResourceRef canonical(Kind kind, ResourceRef ref) {
    return zoned(ref);
  }

  private ResourceRef zoned(ResourceRef ref) {
    if (zoneIds.isEmpty() || !ResourceRef.AWS.equals(ref.provider()) || !"DnsRecord".equals(ref.kind())) {
      return ref;
    }
    String name = bareZone(ref.name());
    int slash = name.indexOf('/');
    if (slash < 0) {
      return ref;
    }
    String id = zoneIds.get(name.substring(0, slash).toLowerCase(java.util.Locale.ROOT));
    String zone = id != null ? id : name.substring(0, slash);
    String canonical = zone + name.substring(slash);
    return canonical.equals(ref.name()) ? ref : new ResourceRef(ref.provider(), ref.kind(), ref.namespace(), canonical, ref.scope());
  }

  private static String bareZone(String s) {
    return s.startsWith("/hostedzone/") ? s.substring("/hostedzone/".length())
        : s.startsWith("hostedzone/") ? s.substring("hostedzone/".length()) : s;
  }

  /**
   * Every object held, whole, in a stable order (for assertions); objects waiting for their finalizers included,
   * their body marked {@code "metadata.deletionTimestamp"}.
   */
  public synchronized List<Resource> all() {
    finishDeletions();
    return List.copyOf(objects.values());
  }

  /** Removes everything. */
  public synchronized void clear() {
    objects.clear();
    terminating.clear();
  }

  /**
   * Writes this store's state to {@code file} as a state document (JSON, or YAML for {@code *.yaml}), the
   * format of {@link InMemoryPlatform#snapshot(Path)} holding this store only; atomically, so that a reader
   * (or a second writer) never sees a part of it.
   */
  public void save(Path file) {
    StateDocument.State state = new StateDocument.State(null, Map.of(provider, state()));
    try {
      StateDocument.writeAtomically(file, StateDocument.write(state, StateFormat.of(file)).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PlatformException("cannot save state to " + file + ": " + e, e, false);
    }
  }

  /**
   * Replaces the state with this store's part of the state document in {@code file} (written by
   * {@link #save} or {@link InMemoryPlatform#snapshot(Path)}); an absent file, or one without this store's
   * provider, means an empty store. A damaged file leaves the store empty and is a {@link PlatformException}
   * of one line naming the file and what is wrong.
   */
  public void load(Path file) {
    replace(new StateDocument.Store(0, List.of()));
    if (!Files.exists(file)) {
      return;
    }
    StateDocument.State state = readState(file);
    StateDocument.Store mine = state.stores().get(provider);
    if (mine != null) {
      replace(mine);
    }
  }

  /** The state document in {@code file}, or a one-line {@link PlatformException} naming it. */
  static StateDocument.State readState(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist"
          : e instanceof java.nio.charset.CharacterCodingException ? "it is not UTF-8 text" : e.toString();
      throw damaged(file, why, e);
    }
    try {
      return StateDocument.read(text, StateFormat.of(file));
    } catch (StateDocument.Damaged e) {
      throw damaged(file, e.getMessage(), e);
    }
  }

  static PlatformException damaged(Path file, String what, Exception cause) {
    return new PlatformException("cannot read state from " + file + ": " + what + " (delete it to start over)", cause, false);
  }

  /** This store's objects and last version, for a state document. */
  synchronized StateDocument.Store state() {
    finishDeletions();
    return new StateDocument.Store(version, List.copyOf(objects.values()));
  }

  /** Replaces this store's objects (of its provider) and last version with {@code state}'s. */
  synchronized void replace(StateDocument.Store state) {
    objects.clear();
    terminating.clear();
    version = state.version();
    for (Resource r : state.objects()) {
      if (!provider.equals(r.ref().provider())) {
        throw new IllegalArgumentException(r.ref() + " is not a " + provider + " object");
      }
      objects.put(unscoped(r.ref()), r.withRef(unscoped(r.ref())));
    }
  }

  private String nextVersion() {
    return Long.toString(++version);
  }

  private void checkKind(Kind kind) {
    if (!supports(kind)) {
      throw new PlatformException("this in-memory " + provider + " store does not hold " + kind);
    }
  }
}
