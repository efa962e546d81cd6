package dev.platformkit.internal;

import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects every violation of one value so that {@code build()} reports them all at once. Paths use the
 * spec's field names ({@code quota["requests.cpu"]}); the spec reader puts {@code spec.} or
 * {@code metadata.} in front.
 */
public final class Checks {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private final String subject;
  private final List<Violation> violations = new ArrayList<>();

  /** A collector for the value named {@code subject} ({@code Tenant payments}). */
  public Checks(String subject) {
    this.subject = subject;
  }

  /** Records a violation. */
  public Checks add(String path, String message) {
    violations.add(Violation.of(path, message));
    return this;
  }

  /** Records violations found by a nested check, under {@code prefix}. */
  public Checks addAll(String prefix, Collection<Violation> nested) {
    nested.forEach(v -> violations.add(v.under(prefix)));
    return this;
  }

  /** Whether nothing was found so far. */
  public boolean ok() {
    return violations.isEmpty();
  }

  /** What was found so far. */
  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** Throws a {@link ValidationException} listing everything found, if anything was. */
  public void throwIfAny() {
    if (!violations.isEmpty()) {
      throw new ValidationException(subject, violations);
    }
  }

  /** Required: not null. Returns whether present. */
  public boolean required(String path, Object value) {
    if (value == null) {
      add(path, "is required");
      return false;
    }
    return true;
  }

  /** A DNS-1123 label (namespace and tenant names): lower-case alphanumerics and '-', at most {@code max} characters. */
  public boolean dnsLabel(String path, String value, int max) {
    if (!required(path, value)) {
      return false;
    }
    if (value.isEmpty()) {
      add(path, "must not be empty");
      return false;
    }
    boolean ok = true;
    if (value.length() > max) {
      add(path, "\"" + value + "\" is " + value.length() + " characters; at most " + max + " are allowed");
      ok = false;
    }
    if (!DNS_LABEL.matcher(value).matches()) {
      add(path, "\"" + value + "\" is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)");
      ok = false;
    }
    return ok;
  }

  /** A DNS-1123 subdomain (most Kubernetes object names): at most 253 characters. */
  public boolean dnsSubdomain(String path, String value) {
    if (!required(path, value)) {
      return false;
    }
    if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
      add(path, "\"" + value + "\" is not a valid Kubernetes name (DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters)");
      return false;
    }
    return true;
  }

  /** Kubernetes label keys and values (optional prefix of a DNS subdomain, name of at most 63 characters). */
  public void labels(String path, Map<String, String> labels) {
    labels.forEach((k, v) -> {
      String p = path + "[\"" + k + "\"]";
      String name = k;
      int slash = k.indexOf('/');
      if (slash >= 0) {
        String prefix = k.substring(0, slash);
        name = k.substring(slash + 1);
        if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
          add(p, "label key prefix \"" + prefix + "\" is not a DNS subdomain");
        }
      }
      if (name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
        add(p, "\"" + k + "\" is not a valid label key (at most 63 characters of letters, digits, '-', '_' and '.', after an optional DNS prefix and '/')");
      }
      if (v == null) {
        add(p, "label value is required");
      } else if (v.length() > 63 || !LABEL_VALUE.matcher(v).matches()) {
        add(p, "\"" + v + "\" is not a valid label value (at most 63 characters of letters, digits, '-', '_' and '.')");
      }
    });
  }

  /** Annotation keys follow the label key rules; values are free text. */
  public void annotations(String path, Map<String, String> annotations) {
    annotations.forEach((k, v) -> annotationKey(path + "[\"" + k + "\"]", k));
  }

  private void annotationKey(String path, String key) {
    int slash = key.indexOf('/');
    String name = slash >= 0 ? key.substring(slash + 1) : key;
    String prefix = slash >= 0 ? key.substring(0, slash) : null;
    if ((prefix != null && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()))
        || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      add(path, "\"" + key + "\" is not a valid annotation key");
    }
  }

  /**
   * A host name as DNS allows it (RFC 1123, lower case, at most 253 characters, labels of at most 63),
   * optionally a {@code *.} wildcard when {@code wildcardAllowed}.
   */
  public boolean hostname(String path, String value, boolean wildcardAllowed) {
    if (!required(path, value)) {
      return false;
    }
    String host = value;
    if (host.startsWith("*.")) {
      if (!wildcardAllowed) {
        add(path, "\"" + value + "\" is a wildcard; an exact host name is required here");
        return false;
      }
      host = host.substring(2);
    }
    String problem = hostProblem(host);
    if (problem != null) {
      add(path, "\"" + value + "\" is not a valid host name: " + problem);
      return false;
    }
    return true;
  }

  private static String hostProblem(String host) {
    if (host.isEmpty()) {
      return "it is empty";
    }
    if (host.length() > 253) {
      return "it is longer than 253 characters";
    }
    if (!host.equals(host.toLowerCase(java.util.Locale.ROOT))) {
      return "use lower case";
    }
    String[] labels = host.split("\\.", -1);
    if (labels.length < 2) {
      return "it needs at least two labels (such as example.com)";
    }
    for (String label : labels) {
      if (label.isEmpty()) {
        return "it has an empty label";
      }
      if (label.length() > 63) {
        return "label \"" + label + "\" is longer than 63 characters";
      }
      if (!HOST_LABEL.matcher(label).matches()) {
        return "label \"" + label + "\" may only hold letters, digits and '-', and not start or end with '-'";
      }
    }
    return null;
  }

  /** A Kubernetes quantity ({@code 500m}, {@code 8}, {@code 16Gi}, {@code 1e3}), not negative. */
  public boolean quantity(String path, String value) {
    if (!required(path, value)) {
      return false;
    }
    if (!Quantity.isValid(value)) {
      add(path, "\"" + value + "\" is not a quantity (examples: 500m, 2, 16Gi, 1e3)");
      return false;
    }
    if (Quantity.parse(value).signum() < 0) {
      add(path, "\"" + value + "\" is negative");
      return false;
    }
    return true;
  }
}
