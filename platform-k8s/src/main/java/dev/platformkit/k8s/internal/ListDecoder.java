package dev.platformkit.k8s.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import java.io.IOException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a list answer of the API server straight into {@link Resource}s, in one streaming pass: of each
 * item only the name, namespace, labels, annotations, resourceVersion, creationTimestamp and deletionTimestamp,
 * the finalizers of kinds that name them, and the kind's body and read-only fields are read; {@code managedFields}, {@code status} and everything else are skipped unread.
 * Planning many tenants reads megabytes of lists, most of it managedFields, which a full decoding into
 * fabric8 objects spent most of the plan's time on. The values read are what that decoding gave:
 * {@code LinkedHashMap}s in document order, {@code ArrayList}s, {@code String}s, {@code Boolean}s and
 * Jackson's untyped numbers ({@code Integer}, {@code Long}, {@code BigInteger}, {@code Double}).
 */
final class ListDecoder {
  private static final JsonFactory JSON = new JsonFactory();

  private ListDecoder() {}

  /** The items of the list, objects being deleted left out. */
  static List<Resource> decode(Kind kind, byte[] body) throws IOException {
    List<Resource> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("items") && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Resource r = item(kind, p);
            if (r != null) {
              out.add(r);
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return out;
  }

  // one item, the parser on its START_OBJECT; null when it is being deleted
  private static Resource item(Kind kind, JsonParser p) throws IOException {
    String name = null;
    String namespace = null;
    String version = null;
    String created = null;
    boolean deleting = false;
    Map<String, String> labels = Map.of();
    Map<String, String> annotations = Map.of();
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> finalizers = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      if (field.equals("metadata") && token == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken t = p.nextToken();
          switch (key) {
            case "name" -> name = p.getValueAsString();
            case "namespace" -> namespace = p.getValueAsString();
            case "resourceVersion" -> version = p.getValueAsString();
            case "creationTimestamp" -> created = p.getValueAsString();
            case "deletionTimestamp" -> deleting = t != JsonToken.VALUE_NULL;
            case "labels" -> labels = strings(p, t);
            case "annotations" -> annotations = strings(p, t);
            case "finalizers" -> {
              if (kind.hasFinalizers() && value(p, t) instanceof List<?> list && !list.isEmpty()) {
                finalizers = ObjectStore.finalizerSet(list.stream().map(String::valueOf).toList());
              } else if (!kind.hasFinalizers()) {
                p.skipChildren();
              }
            }
            default -> p.skipChildren();
          }
        }
      } else if (kind.readFields().contains(field)) {
        Object value = value(p, token);
        if (value != null) {
          body.put(field, value);
        }
      } else {
        p.skipChildren();
      }
    }
    if (finalizers != null) {
      body.put(Kind.FINALIZERS, finalizers);
    }
    if (deleting) {
      // an object being deleted (a Terminating namespace) is on its way out: planning its deletion again,
      // or an update that the API server would refuse, is noise
      return null;
    }
    ResourceRef ref = kind.namespaced() ? ResourceRef.kubernetes(kind.name(), namespace, name)
        : ResourceRef.kubernetes(kind.name(), name);
    return new Resource(ref, labels, annotations, body, version, created == null ? null : Instant.parse(created));
  }

  private static Map<String, String> strings(JsonParser p, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_NULL) { // as fabric8's ObjectMeta drops them
        out.put(key, p.getValueAsString());
      }
    }
    return out;
  }

  private static Object value(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          map.put(key, value(p, p.nextToken()));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(p, t));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getNumberValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected " + token + " at " + p.currentLocation());
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but found " + actual);
    }
  }
}
