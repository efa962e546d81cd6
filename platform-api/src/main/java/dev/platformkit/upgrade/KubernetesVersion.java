package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.io.Serializable;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version: a minor ({@code 1.27}) or a patch release ({@code 1.27.3}). Parses what
 * clusters and tools report ({@code v1.27.3}, {@code 1.27.3-eks-a5565ad}); a pre-release or build
 * suffix after the patch is dropped. Written as {@code 1.27} or {@code 1.27.3}.
 *
 * <p>Ordered by major, minor, then patch, a minor without patch before all its patch releases:
 * {@code 1.27 < 1.27.0 < 1.27.3 < 1.28}. Upgrades move between minors, see {@link #minorsUntil} and
 * {@link #nextMinor()}.
 *
 * <p>In JSON and YAML a version is a string; an unquoted YAML {@code 1.20} is read as written, not as
 * the number 1.2.
 */
@JsonDeserialize(using = KubernetesVersion.Reader.class)
public final class KubernetesVersion implements Comparable<KubernetesVersion>, Serializable {
  private static final long serialVersionUID = 1L;

  private static final int NO_PATCH = -1;
  // no leading zeros (1.07 is a typo, not 1.7) and at most 6 digits so that numbers fit in an int
  private static final String NUMBER = "(0|[1-9][0-9]{0,5})";
  private static final Pattern VERSION = Pattern.compile(
      "v?" + NUMBER + "\\." + NUMBER + "(?:\\." + NUMBER + "([-+][0-9A-Za-z.+-]+)?)?");

  private final int major;
  private final int minor;
  private final int patch;

  private KubernetesVersion(int major, int minor, int patch) {
    if (major < 1 || minor < 0 || patch < NO_PATCH) {
      throw new IllegalArgumentException("not a Kubernetes version: " + major + "." + minor + (patch == NO_PATCH ? "" : "." + patch));
    }
    this.major = major;
    this.minor = minor;
    this.patch = patch;
  }

  /** The minor version {@code major.minor}. */
  public static KubernetesVersion of(int major, int minor) {
    return new KubernetesVersion(major, minor, NO_PATCH);
  }

  /** The patch release {@code major.minor.patch}. */
  public static KubernetesVersion of(int major, int minor, int patch) {
    if (patch < 0) {
      throw new IllegalArgumentException("a patch number is not negative: " + patch);
    }
    return new KubernetesVersion(major, minor, patch);
  }

  /**
   * Parses {@code 1.27}, {@code v1.27}, {@code 1.27.3}, {@code v1.27.3-eks-a5565ad}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static KubernetesVersion parse(String text) {
    Matcher m = text == null ? null : VERSION.matcher(text.strip());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a Kubernetes version (examples: 1.27, v1.27.3, 1.27.3-eks-a5565ad)");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (major == 0) {
      throw new IllegalArgumentException("\"" + text + "\" is not a Kubernetes version: there is no major version 0");
    }
    return m.group(3) == null ? of(major, minor) : of(major, minor, Integer.parseInt(m.group(3)));
  }

  /** The major version: 1. */
  public int major() {
    return major;
  }

  /** The minor version: 27 in {@code 1.27.3}. */
  public int minor() {
    return minor;
  }

  /** The patch number, when this is a patch release. */
  public OptionalInt patch() {
    return patch == NO_PATCH ? OptionalInt.empty() : OptionalInt.of(patch);
  }

  /** This version's minor: {@code 1.27} for {@code 1.27.3}. */
  public KubernetesVersion toMinor() {
    return patch == NO_PATCH ? this : of(major, minor);
  }

  /** The following minor: {@code 1.28} for {@code 1.27} and {@code 1.27.3}. */
  public KubernetesVersion nextMinor() {
    return of(major, minor + 1);
  }

  /**
   * How many minor upgrades lead from this version to {@code target}: 7 from {@code 1.20.5} to
   * {@code 1.27}; 0 within one minor, negative when {@code target} is an older minor.
   *
   * @throws IllegalArgumentException when the major versions differ
   */
  public int minorsUntil(KubernetesVersion target) {
    if (target.major != major) {
      throw new IllegalArgumentException("cannot count minor versions from " + this + " to " + target + ": the major versions differ");
    }
    return target.minor - minor;
  }

  /** Whether this and {@code other} are releases of the same minor ({@code 1.27} and {@code 1.27.3}). */
  public boolean sameMinor(KubernetesVersion other) {
    return major == other.major && minor == other.minor;
  }

  /** Whether this version orders before {@code other}. */
  public boolean isBefore(KubernetesVersion other) {
    return compareTo(other) < 0;
  }

  /** Whether this version orders after {@code other}. */
  public boolean isAfter(KubernetesVersion other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(KubernetesVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubernetesVersion v && major == v.major && minor == v.minor && patch == v.patch;
  }

  @Override
  public int hashCode() {
    return (major * 31 + minor) * 31 + patch;
  }

  /** {@code 1.27} or {@code 1.27.3}, without {@code v}. */
  @JsonValue
  @Override
  public String toString() {
    return major + "." + minor + (patch == NO_PATCH ? "" : "." + patch);
  }

  /**
   * Reads a version from a string or from an unquoted number, using the number's text as written: YAML
   * reads {@code 1.20} as a float, and a plain String creator would see {@code 1.2}.
   */
  static final class Reader extends StdScalarDeserializer<KubernetesVersion> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(KubernetesVersion.class);
    }

    @Override
    public KubernetesVersion deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        return (KubernetesVersion) ctxt.handleUnexpectedToken(KubernetesVersion.class, p);
      }
      try {
        return parse(p.getText());
      } catch (IllegalArgumentException e) {
        return (KubernetesVersion) ctxt.handleWeirdStringValue(KubernetesVersion.class, p.getText(), e.getMessage());
      }
    }
  }
}
