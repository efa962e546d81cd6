package dev.platformkit.spec;

import dev.platformkit.schedule.Schedule;
import dev.platformkit.site.Site;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.upgrade.UpgradePlan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The kinds a spec document may have. Adding a kind is one line in the static block (and, if wanted, an accessor in {@link Specs}). */
final class Kinds {
  private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  static {
    add("Tenant", Tenant.class, "name");
    add("Schedule", Schedule.class, "name");
    add("Site", Site.class, "name");
    // an upgrade plan is named by the cluster it upgrades: one plan per cluster
    add("UpgradePlan", UpgradePlan.class, "cluster");
  }

  private Kinds() {}

  /**
   * One kind: its name, value class, the property written as {@code metadata.name}, and the shapes of
   * the value, its metadata (as written: {@code name}, {@code labels}) and its spec.
   */
  record Kind(String name, Class<?> type, String nameProperty, Shape.Bean shape, Shape.Bean metadata, Shape.Bean spec) {

    /** The metadata field that value property {@code property} is written as, or null when it goes under spec. */
    String metadataField(String property) {
      if (property.equals(nameProperty)) {
        return "name";
      }
      return property.equals("labels") && metadata.properties.containsKey("labels") ? "labels" : null;
    }

    /** The value property that metadata field {@code field} holds. */
    String property(String field) {
      return field.equals("name") ? nameProperty : field;
    }
  }

  private static void add(String name, Class<?> type, String nameProperty) {
    Shape.Bean shape = (Shape.Bean) Shape.of(type);
    Shape.Bean metadata = new Shape.Bean(type);
    Shape.Bean spec = new Shape.Bean(type);
    metadata.properties.put("name", shape.properties.get(nameProperty));
    spec.writtenElsewhere.put(nameProperty, "metadata.name");
    shape.properties.forEach((property, part) -> {
      if (property.equals("labels")) {
        metadata.properties.put(property, part);
        spec.writtenElsewhere.put(property, "metadata.labels");
      } else if (!property.equals(nameProperty)) {
        spec.properties.put(property, part);
      }
    });
    if (metadata.properties.get("name") == null) {
      throw new IllegalStateException(type + " has no property " + nameProperty + " for metadata.name");
    }
    KINDS.put(name, new Kind(name, type, nameProperty, shape, metadata, spec));
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
