package dev.platformkit.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Derives names that fit the length and character budgets of the places they go: ALB and target group
 * names (32), Kubernetes label values and DNS labels (63), Argo CD Application names.
 *
 * <p>The non-empty parts are joined with '-', characters the target does not allow become '-', and
 * leading and trailing separators are dropped. When that changed more than letter case, or the result is
 * too long, the name is cut and ends in '-' and {@value #HASH_LENGTH} hex characters of a SHA-256 of the
 * joined input: {@code preview-jdoe-feature/checkout-redesign} becomes {@code preview-jdoe-feature-ch-cebf791e}
 * as an ALB name. So the result is deterministic, and inputs that differ (other than in case) give
 * different names in practice, also when they differ only past the cut or only in replaced characters
 * ({@code feature/x} and {@code feature-x}). Names that already fit come back unchanged (lower-cased
 * where the target is lower case).
 */
public final class Names {

  /** Longest ALB name (Elastic Load Balancing). */
  public static final int LOAD_BALANCER_MAX = 32;
  /** Longest target group name (Elastic Load Balancing). */
  public static final int TARGET_GROUP_MAX = 32;
  /** Longest Kubernetes label value. */
  public static final int LABEL_VALUE_MAX = 63;
  /** Longest DNS-1123 label (Namespace, Service and most name parts). */
  public static final int DNS_LABEL_MAX = 63;
  /**
   * Longest Argo CD Application name as platformkit makes them. Kubernetes would take 253, but Argo CD's
   * default resource tracking copies the Application name into the {@code app.kubernetes.io/instance}
   * label of every object it deploys, and a label value holds at most 63 characters.
   */
  public static final int APPLICATION_MAX = 63;
  /** Hex characters of the hash that ends a shortened name. */
  public static final int HASH_LENGTH = 8;

  private Names() {}

  /** An ALB name: lower-case letters, digits and '-', at most {@value #LOAD_BALANCER_MAX}, never starting with {@code internal-}. */
  public static String loadBalancer(String... parts) {
    String joined = join(parts);
    String name = sanitize(joined.toLowerCase(Locale.ROOT), false);
    boolean lossy = !name.equals(joined.toLowerCase(Locale.ROOT));
    // AWS reserves the prefix for the DNS names of internal load balancers
    if (name.startsWith("internal-")) {
      name = "int-" + name.substring("internal-".length());
      lossy = true;
    }
    return fit(joined, name, lossy, LOAD_BALANCER_MAX);
  }

  /** A target group name: lower-case letters, digits and '-', at most {@value #TARGET_GROUP_MAX}. */
  public static String targetGroup(String... parts) {
    return dnsLabel(TARGET_GROUP_MAX, parts);
  }

  /** A Kubernetes label value: letters, digits, '-', '_' and '.', at most {@value #LABEL_VALUE_MAX}; case is kept. */
  public static String labelValue(String... parts) {
    String joined = join(parts);
    String name = sanitize(joined, true);
    return fit(joined, name, !name.equals(joined), LABEL_VALUE_MAX);
  }

  /** An Argo CD Application name: a DNS-1123 label of at most {@value #APPLICATION_MAX} characters. */
  public static String application(String... parts) {
    return dnsLabel(APPLICATION_MAX, parts);
  }

  /**
   * A DNS-1123 label (lower-case letters, digits and '-') of at most {@code max} characters, for
   * example a preview site name: {@code Names.dnsLabel(Site.MAX_NAME_LENGTH, "preview", user, branch)}.
   *
   * @param max at most {@value #DNS_LABEL_MAX} and at least {@value #HASH_LENGTH} + 2
   */
  public static String dnsLabel(int max, String... parts) {
    if (max > DNS_LABEL_MAX || max < HASH_LENGTH + 2) {
      throw new IllegalArgumentException("a DNS label budget must be between " + (HASH_LENGTH + 2) + " and " + DNS_LABEL_MAX + ", not " + max);
    }
    String joined = join(parts);
    String lower = joined.toLowerCase(Locale.ROOT);
    String name = sanitize(lower, false);
    return fit(joined, name, !name.equals(lower), max);
  }

  private static String join(String... parts) {
    List<String> nonEmpty = new ArrayList<>();
    for (String part : parts) {
      Objects.requireNonNull(part, "a name part is null");
      if (!part.isEmpty()) {
        nonEmpty.add(part);
      }
    }
    if (nonEmpty.isEmpty()) {
      throw new IllegalArgumentException("a name needs at least one non-empty part");
    }
    return String.join("-", nonEmpty);
  }

  /** Replaces what the target does not allow with '-' and drops non-alphanumerics at both ends. */
  private static String sanitize(String s, boolean labelValue) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'
          || (labelValue && ((ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '.'));
      sb.append(ok ? ch : '-');
    }
    return trimSeparators(sb.toString());
  }

  private static String fit(String joined, String name, boolean lossy, int max) {
    if (!lossy && name.length() <= max) {
      return name;
    }
    String hash = hash(joined);
    String prefix = trimSeparators(name.substring(0, Math.min(name.length(), max - 1 - HASH_LENGTH)));
    return prefix.isEmpty() ? hash : prefix + "-" + hash;
  }

  private static String trimSeparators(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && !Character.isLetterOrDigit(s.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static String hash(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(HASH_LENGTH);
      for (int i = 0; hex.length() < HASH_LENGTH; i++) {
        hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return hex.substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
