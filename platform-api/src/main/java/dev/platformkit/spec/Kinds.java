package dev.platformkit.spec;

import dev.platformkit.schedule.Schedule;
import dev.platformkit.site.Site;
import dev.platformkit.tenant.Tenant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The kinds a spec document may have. Adding a kind is one line in {@link #KINDS} (and, if wanted, an accessor in {@link Specs}). */
final class Kinds {
  /** Properties of a value that go under {@code metadata}; everything else goes under {@code spec}. */
  static final Set<String> METADATA = Set.of("name", "labels");

  private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  static {
    add("Tenant", Tenant.class);
    add("Schedule", Schedule.class);
    add("Site", Site.class);
  }

  private Kinds() {}

  /** One kind: its name, value class, and the shapes of its metadata and spec. */
  record Kind(String name, Class<?> type, Shape.Bean shape, Shape.Bean metadata, Shape.Bean spec) {}

  private static void add(String name, Class<?> type) {
    Shape.Bean shape = (Shape.Bean) Shape.of(type);
    if (!shape.properties.containsKey("name")) {
      throw new IllegalStateException(type + " has no name property for metadata.name");
    }
    KINDS.put(name, new Kind(name, type, shape, shape.subset(METADATA, true), shape.subset(METADATA, false)));
  }

  /** The kind named {@code name}, or null. */
  static Kind named(String name) {
    return KINDS.get(name);
  }

  /** The kind of {@code value}; throws {@link IllegalArgumentException} when it is not a spec value. */
  static Kind of(Object value) {
    for (Kind kind : KINDS.values()) {
      if (kind.type().isInstance(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException((value == null ? "null" : value.getClass().getName())
        + " is not a spec value; the kinds are " + String.join(", ", names()));
  }

  /** Every kind name, in registration order. */
  static Set<String> names() {
    return Collections.unmodifiableSet(KINDS.keySet());
  }
}
