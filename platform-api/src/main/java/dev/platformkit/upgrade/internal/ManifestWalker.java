package dev.platformkit.upgrade.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Walks the documents of a parser token by token and reports every Kubernetes object (apiVersion and
 * kind present; the items of a {@code List} one by one) without building a tree: of each object only
 * apiVersion, kind, metadata.name, metadata.namespace and the {@code config.kubernetes.io/origin}
 * annotation are kept, everything else is skipped.
 */
public final class ManifestWalker {
  private static final String ORIGIN = "config.kubernetes.io/origin";

  /** Receives each object. */
  @FunctionalInterface
  public interface Sink {
    /**
     * One object.
     *
     * @param line the line its mapping starts on (1-based)
     * @param source the template it came from ({@code # Source:} comment or kustomize origin annotation), or null
     */
    void object(String apiVersion, String kind, String namespace, String name, int line, String source);
  }

  private final JsonParser parser;
  private final SourceTrackingReader sources;
  private final Sink sink;

  /**
   * @param sources the reader under a YAML parser, for {@code # Source:} comments; null for JSON
   */
  public ManifestWalker(JsonParser parser, SourceTrackingReader sources, Sink sink) {
    this.parser = parser;
    this.sources = sources;
    this.sink = sink;
  }

  /** Reads to the end; returns the number of objects reported. */
  public long walk() throws IOException {
    long objects = 0;
    JsonToken t;
    while ((t = parser.nextToken()) != null) {
      if (t == JsonToken.START_OBJECT) {
        int line = parser.currentTokenLocation().getLineNr();
        String source = sources == null ? null : sources.sourceAt(line);
        objects += object(line, source, true);
      } else if (t.isStructStart()) {
        // a top-level sequence is not a manifest
        parser.skipChildren();
      }
      // scalars: empty documents (null) and stray text, not manifests
    }
    return objects;
  }

  private long object(int line, String source, boolean top) throws IOException {
    String apiVersion = null;
    String kind = null;
    String namespace = null;
    String name = null;
    String origin = null;
    long objects = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "apiVersion" -> apiVersion = scalar(value);
        case "kind" -> kind = scalar(value);
        case "metadata" -> {
          if (value == JsonToken.START_OBJECT) {
            String[] meta = metadata();
            namespace = meta[0];
            name = meta[1];
            origin = meta[2];
          } else {
            parser.skipChildren();
          }
        }
        case "items" -> {
          if (top && value == JsonToken.START_ARRAY) {
            JsonToken item;
            while ((item = parser.nextToken()) != JsonToken.END_ARRAY && item != null) {
              if (item == JsonToken.START_OBJECT) {
                objects += object(parser.currentTokenLocation().getLineNr(), source, false);
              } else {
                parser.skipChildren();
              }
            }
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (apiVersion != null && kind != null) {
      sink.object(apiVersion, kind, namespace, name, line, origin != null ? origin : source);
      objects++;
    }
    return objects;
  }

  /** namespace, name, origin path. */
  private String[] metadata() throws IOException {
    String[] out = new String[3];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "namespace" -> out[0] = scalar(value);
        case "name" -> out[1] = scalar(value);
        case "annotations" -> {
          if (value == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String key = parser.currentName();
              JsonToken v = parser.nextToken();
              if (key.equals(ORIGIN) && v == JsonToken.VALUE_STRING) {
                out[2] = originPath(parser.getText());
              } else {
                parser.skipChildren();
              }
            }
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
    return out;
  }

  private String scalar(JsonToken value) throws IOException {
    if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  /**
   * The {@code path:} of kustomize's origin annotation ({@code kustomize build} with
   * {@code buildMetadata: [originAnnotations]}), a small YAML text such as {@code "path: base/ingress.yaml\n"}.
   */
  static String originPath(String annotation) {
    for (String l : annotation.split("\n")) {
      String s = l.strip();
      if (s.startsWith("path:")) {
        String path = s.substring("path:".length()).strip();
        if (path.length() >= 2 && (path.startsWith("\"") && path.endsWith("\"") || path.startsWith("'") && path.endsWith("'"))) {
          path = path.substring(1, path.length() - 1);
        }
        return path.isEmpty() ? null : path;
      }
    }
    return null;
  }
}
