package dev.platformkit.k8s.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Decodes Helm 3 release secrets ({@code type: helm.sh/release.v1}, {@code data.release}): the Secret's
 * base64 holds Helm's own base64 of a gzip of the release JSON (Helm writes it uncompressed when it does
 * not start with the gzip magic). Only the fields a scan needs are kept; the chart (templates, files) and
 * values are skipped while streaming.
 */
public final class HelmReleases {
  private static final JsonFactory JSON = new JsonFactory();

  private HelmReleases() {}

  /** A hook's manifest and its template path. */
  public record Hook(String path, String manifest) {}

  /**
   * What a release holds.
   *
   * @param status {@code info.status}: deployed, superseded, failed, uninstalling, pending-upgrade...
   * @param manifest the rendered manifests, each document after a {@code # Source:} comment
   */
  public record Release(String name, String namespace, int version, String status, String manifest, List<Hook> hooks) {}

  /**
   * Decodes {@code data.release} as the Secret holds it (base64 text).
   *
   * @throws IllegalArgumentException saying which layer does not decode
   */
  public static Release decodeSecretData(String secretBase64) {
    byte[] helmBase64;
    try {
      helmBase64 = Base64.getMimeDecoder().decode(secretBase64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("data.release is not base64: " + e.getMessage());
    }
    byte[] payload;
    try {
      payload = Base64.getMimeDecoder().decode(helmBase64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("data.release does not hold Helm's base64 encoding: " + e.getMessage());
    }
    try (InputStream in = isGzip(payload) ? new GZIPInputStream(new ByteArrayInputStream(payload)) : new ByteArrayInputStream(payload)) {
      return read(in);
    } catch (IOException e) {
      String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException("the release is not gzip-compressed JSON: " + (m == null ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse(m)));
    }
  }

  private static boolean isGzip(byte[] b) {
    return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  static Release read(InputStream in) throws IOException {
    String name = null;
    String namespace = null;
    int version = 0;
    String status = null;
    String manifest = null;
    List<Hook> hooks = new ArrayList<>();
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "name" -> name = text(p, value);
          case "namespace" -> namespace = text(p, value);
          case "version" -> version = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
          case "manifest" -> manifest = text(p, value);
          case "info" -> status = info(p, value);
          case "hooks" -> hooks(p, value, hooks);
          default -> p.skipChildren();
        }
      }
    }
    return new Release(name, namespace, version, status, manifest == null ? "" : manifest, List.copyOf(hooks));
  }

  private static String info(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String status = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("status")) {
        status = text(p, v);
      } else {
        p.skipChildren();
      }
    }
    return status;
  }

  private static void hooks(JsonParser p, JsonToken value, List<Hook> out) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      String path = null;
      String manifest = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "path" -> path = text(p, v);
          case "manifest" -> manifest = text(p, v);
          default -> p.skipChildren();
        }
      }
      if (manifest != null) {
        out.add(new Hook(path, manifest));
      }
    }
    if (t != JsonToken.END_ARRAY) {
      p.skipChildren();
    }
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }
}
