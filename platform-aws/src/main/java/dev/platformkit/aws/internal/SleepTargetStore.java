package dev.platformkit.aws.internal;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the stores of schedule targets share: AWS objects platformkit never creates nor deletes, only
 * resizes (stops, starts) and tags. They are read one at a time by name ({@link #get}); listing is not
 * supported, as schedules name their targets.
 *
 * <p>The version is a digest of what is compared (tags and body), re-checked by reading the object right
 * before a write: AWS has no conditional writes, so this narrows, but cannot close, the window in which
 * another writer goes unnoticed.
 *
 * <p>An update is made in the order that keeps counts safe without transactions: tags set first, then the
 * body change, then tags removed last. A failure part-way leaves the earlier writes made; the sleeper's
 * record is designed for that (see the schedule documentation).
 */
abstract class SleepTargetStore implements ResourceStore {

  /** One target as read: what becomes the {@link Resource}, and what the writes address it by. */
  record Target(String id, String arn, Map<String, String> tags, Map<String, Object> body, Instant created) {
    Target {
      tags = new TreeMap<>(tags);
    }
  }

  private final String kind;

  SleepTargetStore(String kind) {
    this.kind = kind;
  }

  /** The target, or empty when it does not exist. */
  abstract Optional<Target> describe(String id);

  /** Adds or changes tags. */
  abstract void tag(Target target, Map<String, String> tags);

  /** Removes tags. */
  abstract void untag(Target target, Set<String> keys);

  /** Makes the body {@code wanted} (differs from {@code target}'s). */
  abstract void change(Target target, Map<String, Object> wanted);

  /** Why a body change cannot be made now (the target is busy), or null. */
  String busy(Target target) {
    return null;
  }

  /** {@code aws NodeGroup prod/workers} and where it lives, for messages. */
  abstract String what(String id);

  @Override
  public final String provider() {
    return ResourceRef.AWS;
  }

  @Override
  public final boolean supports(Kind k) {
    return k.is(ResourceRef.AWS, kind);
  }

  @Override
  public final Marks marks() {
    return Marks.TAGS;
  }

  @Override
  public final Tracking tracking() {
    return Tracking.NONE;
  }

  @Override
  public List<Resource> list(Kind k, Map<String, String> selector) {
    throw new PlatformException("listing " + kind + " objects is not supported: name them (schedules name their targets)");
  }

  @Override
  public final Optional<Resource> get(Kind k, ResourceRef ref) {
    return describe(ref.name()).map(t -> new Resource(ResourceRef.aws(kind, t.id()), t.tags(), Map.of(), t.body(),
        version(t), t.created()));
  }

  @Override
  public void create(Kind k, Resource desired) {
    throw new PlatformException(what(desired.ref().name()) + ": platformkit does not create " + kind
        + " objects, it only puts existing ones to sleep");
  }

  @Override
  public void delete(Kind k, Resource current) {
    throw new PlatformException(what(current.ref().name()) + ": platformkit does not delete " + kind + " objects");
  }

  @Override
  public final void update(Kind k, Resource current, ResourceUpdate update) {
    String id = current.ref().name();
    if (!update.setAnnotations().isEmpty() || !update.removeAnnotations().isEmpty()) {
      throw new PlatformException(what(id) + ": AWS objects have no annotations; only tags and the body can change");
    }
    Target target = describe(id).orElseThrow(() -> new NotFoundException(what(id) + " no longer exists"));
    if (current.version() != null && !current.version().equals(version(target))) {
      throw new ConflictException(what(id) + " changed since it was read");
    }
    Map<String, Object> wanted = update.patchBody(target.body());
    boolean bodyChanges = !wanted.equals(target.body());
    String busy = bodyChanges ? busy(target) : null;
    if (busy != null) {
      // refused before the first write: a retry reads it again and the sleeper decides again
      throw new ConflictException(what(id) + " " + busy);
    }
    Map<String, String> set = new TreeMap<>(update.setLabels());
    set.entrySet().removeIf(e -> e.getValue().equals(target.tags().get(e.getKey())));
    if (!set.isEmpty()) {
      tag(target, set);
    }
    if (bodyChanges) {
      change(target, wanted);
    }
    Set<String> remove = new TreeSet<>(update.removeLabels());
    remove.retainAll(target.tags().keySet());
    remove.removeAll(update.setLabels().keySet());
    if (!remove.isEmpty()) {
      untag(target, remove);
    }
  }

  // a digest of what is compared: tags and body
  static String version(Target t) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(t.tags().toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(new TreeMap<>(t.body()).toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static int size(Object value, String field, String what) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    throw new PlatformException(what + ": " + field + " must be a number, got " + value);
  }

  static void only(Map<String, Object> wanted, Map<String, Object> current, Set<String> writable, String what) {
    Set<String> keys = new TreeSet<>(wanted.keySet());
    keys.addAll(current.keySet());
    for (String key : keys) {
      if (!writable.contains(key) && !Objects.equals(wanted.get(key), current.get(key))) {
        throw new PlatformException(what + ": " + key + " cannot be changed; only " + writable);
      }
    }
  }
}
