package dev.platformkit.spec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape a spec value must have, derived from the value class through Jackson's own introspection,
 * so that the reader checks exactly the properties and types the binding will use.
 */
abstract class Shape {
  private static final Map<JavaType, Shape> CACHE = new HashMap<>();

  /** The shape of values of {@code type}. */
  static Shape of(Class<?> type) {
    return of(Mappers.MAPPER.constructType(type));
  }

  /** The shape of values of {@code type}; recursive types are fine (beans are cached before their properties are filled). */
  static synchronized Shape of(JavaType type) {
    Shape cached = CACHE.get(type);
    if (cached != null) {
      return cached;
    }
    Shape shape = derive(type);
    CACHE.putIfAbsent(type, shape);
    return shape;
  }

  private static Shape derive(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (type.isReferenceType()) {
      // Optional<X>: absent is written as nothing, present as an X
      return of(type.getReferencedType());
    }
    if (raw == String.class || raw == CharSequence.class) {
      return new Str();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return new Bool();
    }
    if (raw == int.class || raw == Integer.class) {
      return new Int(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (raw == long.class || raw == Long.class) {
      return new Int(Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (raw == short.class || raw == Short.class) {
      return new Int(Short.MIN_VALUE, Short.MAX_VALUE);
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
        || raw == BigDecimal.class || raw == BigInteger.class) {
      return new Num();
    }
    if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
      return new Any();
    }
    if (type.isMapLikeType()) {
      JavaType key = type.getKeyType();
      return new MapOf(key.getRawClass() == String.class ? null : of(key), of(type.getContentType()));
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return new ListOf(of(type.getContentType()));
    }
    if (raw.isEnum()) {
      List<String> spellings = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        spellings.add(Mappers.MAPPER.valueToTree(constant).asText());
      }
      return new Scalar(type, spellings);
    }
    if (raw.isPrimitive() || raw.getName().startsWith("java.")) {
      return new Scalar(type, List.of());
    }
    return beanOrScalar(type);
  }

  private static Shape beanOrScalar(JavaType type) {
    JsonSerialize as = type.getRawClass().getAnnotation(JsonSerialize.class);
    JavaType implementation = as != null && as.as() != Void.class ? Mappers.MAPPER.constructType(as.as()) : type;
    BeanDescription description = Mappers.MAPPER.getSerializationConfig().introspect(implementation);
    List<BeanPropertyDefinition> properties = description.findProperties();
    if (description.findJsonValueAccessor() != null || properties.isEmpty()) {
      // written as one string, read back through a creator (such as a window "Mon-Fri 07:00-19:00")
      return new Scalar(type, List.of());
    }
    Bean bean = new Bean(type.getRawClass());
    CACHE.put(type, bean);
    for (BeanPropertyDefinition property : properties) {
      if (property.couldSerialize()) {
        bean.properties.put(property.getName(), of(property.getPrimaryType()));
      }
    }
    return bean;
  }

  /** An object with named properties, in declaration order. */
  static final class Bean extends Shape {
    final Class<?> type;
    final Map<String, Shape> properties = new LinkedHashMap<>();
    // properties of the value that are written elsewhere in the document, and where ("metadata.name")
    final Map<String, String> writtenElsewhere = new LinkedHashMap<>();

    Bean(Class<?> type) {
      this.type = type;
    }

    /** The property names, for messages. */
    Set<String> names() {
      return Collections.unmodifiableSet(properties.keySet());
    }
  }

  /** A list (or set) of one element shape. */
  static final class ListOf extends Shape {
    final Shape element;

    ListOf(Shape element) {
      this.element = element;
    }
  }

  /** A mapping with string keys (or keys of a scalar type) and one value shape. */
  static final class MapOf extends Shape {
    final Shape key;
    final Shape value;

    MapOf(Shape key, Shape value) {
      this.key = key;
      this.value = value;
    }
  }

  /** Text. Numbers are taken as written ({@code 8}, {@code 1.20}); booleans must be quoted. */
  static final class Str extends Shape {}

  /** {@code true} or {@code false}. */
  static final class Bool extends Shape {}

  /** A whole number within bounds. */
  static final class Int extends Shape {
    final long min;
    final long max;

    Int(long min, long max) {
      this.min = min;
      this.max = max;
    }
  }

  /** Any number. */
  static final class Num extends Shape {}

  /** Anything at all (free-form values such as Helm values). */
  static final class Any extends Shape {}

  /**
   * A value written as one string and parsed by Jackson: enums (with their {@code @JsonValue}
   * spellings), {@code java.time} types, {@code ZoneId}, and types with a string creator.
   */
  static final class Scalar extends Shape {
    final JavaType type;
    final List<String> spellings;

    Scalar(JavaType type, List<String> spellings) {
      this.type = type;
      this.spellings = List.copyOf(spellings);
    }
  }
}
