package dev.platformkit.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Derives names that fit the length and character budgets of the places they go, and checks names
 * against those budgets: ALB and target group names (32), Helm release names (53), ALB IngressGroup names,
 * Kubernetes label values, DNS labels and Argo CD Application names (63), DNS names (253), and branch slugs.
 *
 * <p>The non-empty parts are joined with '-', characters the target does not allow become '-', and
 * leading and trailing separators are dropped. When that changed more than letter case, or the result is
 * too long, the name is cut and ends in '-' and {@value #HASH_LENGTH} hex characters of a SHA-256 of the
 * joined input: {@code preview-jdoe-feature/checkout-redesign} becomes {@code preview-jdoe-feature-ch-cebf791e}
 * as an ALB name. So the result is deterministic, and inputs that differ (other than in case) give
 * different names in practice, also when they differ only past the cut or only in replaced characters
 * ({@code feature/x} and {@code feature-x}). Names that already fit come back unchanged (lower-cased
 * where the target is lower case).
 *
 * <p>Characters outside ASCII (a Korean brand name, for example) are not transliterated: they are
 * dropped (a run of them becomes one '-') and the hash of the original input keeps two such names
 * apart. When nothing usable is left the name is {@value #FALLBACK_PREFIX} (or {@value #BRANCH_FALLBACK_PREFIX}
 * for a branch slug), '-' and the hash, so that it is never empty and always starts with a letter.
 *
 * <p>The hash has 32 bits: two distinct hashed inputs get the same name only with a chance of about
 * n²/2³³ among n names sharing the same cut prefix.
 */
public final class Names {

  /** Longest ALB name (Elastic Load Balancing). */
  public static final int LOAD_BALANCER_MAX = 32;
  /** Longest target group name (Elastic Load Balancing). */
  public static final int TARGET_GROUP_MAX = 32;
  /** Longest ALB IngressGroup name ({@code alb.ingress.kubernetes.io/group.name}). */
  public static final int ALB_GROUP_MAX = 63;
  /** Longest Kubernetes label value. */
  public static final int LABEL_VALUE_MAX = 63;
  /** Longest DNS-1123 label (Namespace, Service and most name parts; one label of a host name). */
  public static final int DNS_LABEL_MAX = 63;
  /** Longest DNS name in text form, without a trailing dot. */
  public static final int DNS_NAME_MAX = 253;
  /**
   * Longest Argo CD Application name as platformkit makes them. Kubernetes would take 253, but Argo CD's
   * default resource tracking copies the Application name into the {@code app.kubernetes.io/instance}
   * label of every object it deploys, and a label value holds at most 63 characters.
   */
  public static final int APPLICATION_MAX = 63;
  /**
   * Longest Helm release name. Argo CD names the release after the Application, and Argo CD 2.7 and later
   * refuse to render a chart for an Application whose name is longer (argo-cd issue 13645), so longer
   * Application names get a release name of their own ({@link #helmRelease}).
   */
  public static final int HELM_RELEASE_MAX = 53;
  /** Hex characters of the hash that ends a shortened name. */
  public static final int HASH_LENGTH = 8;
  /** What stands before the hash when nothing usable is left of a name. */
  public static final String FALLBACK_PREFIX = "site";
  /** What stands before the hash when nothing usable is left of a branch name. */
  public static final String BRANCH_FALLBACK_PREFIX = "branch";

  private static final Pattern ALB_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?");
  private static final Pattern ALB_GROUP = Pattern.compile("([a-z0-9][-a-z0-9.]*)?[a-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  /** Smallest budget {@link #dnsLabel} takes: room for the fallback name. */
  private static final int MIN_BUDGET = FALLBACK_PREFIX.length() + 1 + HASH_LENGTH;
  private static final int MIN_BRANCH_BUDGET = BRANCH_FALLBACK_PREFIX.length() + 1 + HASH_LENGTH;

  private Names() {}

  /**
   * An ALB name: lower-case letters, digits and '-', at most {@value #LOAD_BALANCER_MAX}, no '-' at
   * either end, never starting with {@code internal-} (AWS reserves it; it becomes {@code int-}).
   */
  public static String loadBalancer(String... parts) {
    String joined = join(parts);
    String name = sanitize(joined.toLowerCase(Locale.ROOT), false);
    boolean lossy = !name.equals(joined.toLowerCase(Locale.ROOT));
    // AWS reserves the prefix for the DNS names of internal load balancers
    if (name.startsWith("internal-")) {
      name = "int-" + name.substring("internal-".length());
      lossy = true;
    }
    String result = fit(joined, name, lossy, LOAD_BALANCER_MAX);
    return checked(result, isLoadBalancerName(result));
  }

  /** A target group name: lower-case letters, digits and '-', at most {@value #TARGET_GROUP_MAX}, no '-' at either end. */
  public static String targetGroup(String... parts) {
    return dnsLabel(TARGET_GROUP_MAX, parts);
  }

  /**
   * An ALB IngressGroup name: at most {@value #ALB_GROUP_MAX} lower-case letters, digits, '-' and '.',
   * starting and ending with a letter or digit ({@code ^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$}).
   */
  public static String albGroup(String... parts) {
    String joined = join(parts);
    String lower = joined.toLowerCase(Locale.ROOT);
    String name = sanitize(lower, Target.ALB_GROUP);
    String result = fit(joined, name, !name.equals(lower), ALB_GROUP_MAX);
    return checked(result, isAlbGroupName(result));
  }

  /**
   * A Kubernetes label value: at most {@value #LABEL_VALUE_MAX} letters, digits, '-', '_' and '.',
   * starting and ending with a letter or digit; case is kept.
   */
  public static String labelValue(String... parts) {
    String joined = join(parts);
    String name = sanitize(joined, true);
    String result = fit(joined, name, !name.equals(joined), LABEL_VALUE_MAX);
    return checked(result, isLabelValue(result));
  }

  /** An Argo CD Application name: a DNS-1123 label of at most {@value #APPLICATION_MAX} characters. */
  public static String application(String... parts) {
    return dnsLabel(APPLICATION_MAX, parts);
  }

  /**
   * A Helm release name: a DNS-1123 label of at most {@value #HELM_RELEASE_MAX} characters. For the same parts
   * it equals {@link #application} whenever that is short enough.
   */
  public static String helmRelease(String... parts) {
    return dnsLabel(HELM_RELEASE_MAX, parts);
  }

  /**
   * A DNS-1123 label (lower-case letters, digits and '-', no '-' at either end) of at most {@code max}
   * characters, for example a preview site name: {@code Names.dnsLabel(Site.MAX_NAME_LENGTH, "preview", user, branch)}.
   *
   * @param max at most {@value #DNS_LABEL_MAX} and at least 13 (room for the fallback name)
   */
  public static String dnsLabel(int max, String... parts) {
    if (max > DNS_LABEL_MAX || max < MIN_BUDGET) {
      throw new IllegalArgumentException("a DNS label budget must be between " + MIN_BUDGET + " and " + DNS_LABEL_MAX + ", not " + max);
    }
    String joined = join(parts);
    String lower = joined.toLowerCase(Locale.ROOT);
    String name = sanitize(lower, false);
    String result = fit(joined, name, !name.equals(lower), max);
    return checked(result, isDnsLabel(result) && result.length() <= max);
  }

  /**
   * A host name in {@code domain}: a label derived from {@code parts} as by {@link #dnsLabel}, a dot and
   * the domain, at most {@value #DNS_NAME_MAX} characters in all; the label gets less than
   * {@value #DNS_LABEL_MAX} characters when the domain leaves less room.
   * {@code dnsName("shop.example.com", "preview", "jdoe", "feature/x")} gives
   * {@code preview-jdoe-feature-x-745a4dee.shop.example.com}.
   *
   * @param domain a DNS name (checked by {@link #isDnsName} after lower-casing, no trailing dot) that
   *     leaves room for a label of at least 13 characters
   * @throws IllegalArgumentException naming {@code domain} when it is not a DNS name or too long
   */
  public static String dnsName(String domain, String... parts) {
    Objects.requireNonNull(domain, "domain");
    String d = domain.toLowerCase(Locale.ROOT);
    if (!isDnsName(d)) {
      throw new IllegalArgumentException("domain \"" + domain + "\" is not a DNS name (dot-separated labels of at most "
          + DNS_LABEL_MAX + " lower-case letters, digits and '-', at most " + DNS_NAME_MAX + " in all)");
    }
    int room = DNS_NAME_MAX - d.length() - 1;
    if (room < MIN_BUDGET) {
      throw new IllegalArgumentException("domain \"" + domain + "\" is " + d.length() + " characters long and leaves room for a label of "
          + Math.max(room, 0) + ", less than " + MIN_BUDGET);
    }
    String result = dnsLabel(Math.min(DNS_LABEL_MAX, room), parts) + "." + d;
    return checked(result, isDnsName(result));
  }

  /**
   * A DNS-safe slug of a Git branch of at most {@value #DNS_LABEL_MAX} characters, as by {@link #branchSlug(int, String)}.
   */
  public static String branchSlug(String branch) {
    return branchSlug(DNS_LABEL_MAX, branch);
  }

  /**
   * A DNS-safe slug of a Git branch: lower-cased, every run of characters other than ASCII letters and
   * digits becomes one '-', and '-' at either end is dropped, so {@code feature/JIRA-1234_new-checkout-flow}
   * becomes {@code feature-jira-1234-new-checkout-flow}. The slug is a DNS-1123 label of at most
   * {@code max} characters; it is cut and ends in '-' and a hash of the branch when it is longer, when
   * the branch held characters outside ASCII (they are dropped, the hash keeps such branches apart), or
   * when nothing is left ({@code branch-<hash>}).
   *
   * <p>Unlike the other names the slug treats all ASCII separators alike: {@code feature/x},
   * {@code feature_x} and {@code Feature.X} give the same slug, as a reader would expect. Where names must
   * be distinct per branch, pass the branch itself to {@link #dnsLabel} or {@link #application}, which
   * hash it.
   *
   * @param max at most {@value #DNS_LABEL_MAX} and at least 15 (room for {@code branch-<hash>})
   * @throws IllegalArgumentException naming {@code branch} when it is empty
   */
  public static String branchSlug(int max, String branch) {
    Objects.requireNonNull(branch, "branch");
    if (max > DNS_LABEL_MAX || max < MIN_BRANCH_BUDGET) {
      throw new IllegalArgumentException("a branch slug budget must be between " + MIN_BRANCH_BUDGET + " and " + DNS_LABEL_MAX + ", not " + max);
    }
    if (branch.isEmpty()) {
      throw new IllegalArgumentException("branch is empty");
    }
    StringBuilder sb = new StringBuilder(branch.length());
    boolean nonAscii = false;
    for (int i = 0; i < branch.length(); i++) {
      char ch = branch.charAt(i);
      if (ch >= 'A' && ch <= 'Z') {
        ch = (char) (ch - 'A' + 'a');
      }
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
        sb.append(ch);
      } else {
        nonAscii |= ch > 0x7e;
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
          sb.append('-');
        }
      }
    }
    String slug = trimSeparators(sb.toString());
    String result;
    if (!nonAscii && !slug.isEmpty() && slug.length() <= max) {
      result = slug;
    } else {
      String prefix = trimSeparators(slug.substring(0, Math.min(slug.length(), max - 1 - HASH_LENGTH)));
      result = (prefix.isEmpty() ? BRANCH_FALLBACK_PREFIX : prefix) + "-" + hash(branch);
    }
    return checked(result, isDnsLabel(result) && result.length() <= max);
  }

  /**
   * Whether {@code name} is a valid ALB name: 1 to {@value #LOAD_BALANCER_MAX} letters, digits and '-',
   * no '-' at either end, not starting with {@code internal-} (in any case).
   */
  public static boolean isLoadBalancerName(String name) {
    return name != null && name.length() <= LOAD_BALANCER_MAX && ALB_NAME.matcher(name).matches()
        && !name.toLowerCase(Locale.ROOT).startsWith("internal-");
  }

  /** Whether {@code name} is a valid ALB IngressGroup name: {@code ^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$}, at most {@value #ALB_GROUP_MAX}. */
  public static boolean isAlbGroupName(String name) {
    return name != null && name.length() <= ALB_GROUP_MAX && ALB_GROUP.matcher(name).matches();
  }

  /**
   * Whether {@code value} is a valid Kubernetes label value: {@code (([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?},
   * at most {@value #LABEL_VALUE_MAX} (the empty value is valid).
   */
  public static boolean isLabelValue(String value) {
    return value != null && value.length() <= LABEL_VALUE_MAX && LABEL_VALUE.matcher(value).matches();
  }

  /** Whether {@code label} is a DNS-1123 label: 1 to {@value #DNS_LABEL_MAX} lower-case letters, digits and '-', no '-' at either end. */
  public static boolean isDnsLabel(String label) {
    return label != null && label.length() <= DNS_LABEL_MAX && DNS_LABEL.matcher(label).matches();
  }

  /**
   * Whether {@code name} is a DNS name as Kubernetes and platformkit write them (a DNS-1123 subdomain):
   * at most {@value #DNS_NAME_MAX} characters, dot-separated {@linkplain #isDnsLabel DNS labels}, no
   * trailing dot.
   */
  public static boolean isDnsName(String name) {
    if (name == null || name.isEmpty() || name.length() > DNS_NAME_MAX) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!isDnsLabel(label)) {
        return false;
      }
    }
    return true;
  }

  private enum Target { DNS_LABEL, LABEL_VALUE, ALB_GROUP }

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

  private static String sanitize(String s, boolean labelValue) {
    return sanitize(s, labelValue ? Target.LABEL_VALUE : Target.DNS_LABEL);
  }

  /**
   * Replaces what the target does not allow with '-' (a run of replaced characters with one '-') and
   * drops non-alphanumerics at both ends.
   */
  private static String sanitize(String s, Target target) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean replacing = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'
          || (target == Target.LABEL_VALUE && ((ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '.'))
          || (target == Target.ALB_GROUP && ch == '.');
      if (ok) {
        sb.append(ch);
        replacing = false;
      } else if (!replacing) {
        // one '-' for a run: a long Korean brand name would otherwise spend the budget on '-'
        sb.append('-');
        replacing = true;
      }
    }
    return trimSeparators(sb.toString());
  }

  private static String fit(String joined, String name, boolean lossy, int max) {
    if (!lossy && name.length() <= max) {
      return name;
    }
    String hash = hash(joined);
    // the hash already tells inputs apart, so a run of '-' (from joining "-x-" parts) can shrink to one
    String shown = name.replaceAll("-{2,}", "-");
    String prefix = trimSeparators(shown.substring(0, Math.min(shown.length(), max - 1 - HASH_LENGTH)));
    return (prefix.isEmpty() ? FALLBACK_PREFIX : prefix) + "-" + hash;
  }

  /** Guards the rules above: a generated name that breaks its budget is a bug here, not bad input. */
  private static String checked(String name, boolean valid) {
    if (!valid) {
      throw new IllegalStateException("generated an invalid name \"" + name + "\"");
    }
    return name;
  }

  private static String trimSeparators(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && !isAsciiLetterOrDigit(s.charAt(start))) {
      start++;
    }
    while (end > start && !isAsciiLetterOrDigit(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isAsciiLetterOrDigit(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
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
