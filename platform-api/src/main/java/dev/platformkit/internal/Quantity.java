package dev.platformkit.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities, parsed to exact decimal values. Needed because the API server
 * rewrites quantities into canonical form ({@code 1000m} comes back as {@code 1}): comparing strings
 * would make every apply look like a change.
 */
public final class Quantity {
  // the grammar of k8s.io/apimachinery resource.Quantity
  private static final Pattern FORMAT = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))((?:[eE][+-]?[0-9]+)|(?:Ki|Mi|Gi|Ti|Pi|Ei)|(?:n|u|m|k|M|G|T|P|E))?");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantity() {}

  /** Whether {@code s} is a quantity Kubernetes accepts (exponents within ±99: beyond that nothing is real). */
  public static boolean isValid(String s) {
    if (s == null) {
      return false;
    }
    Matcher m = FORMAT.matcher(s);
    if (!m.matches()) {
      return false;
    }
    String suffix = m.group(2);
    return suffix == null || !(suffix.startsWith("e") || suffix.startsWith("E"))
        || suffix.replaceFirst("^[eE][+-]?", "").length() <= 2;
  }

  /** The exact value of a quantity; throws {@link IllegalArgumentException} when it is not one. */
  public static BigDecimal parse(String s) {
    if (!isValid(s)) {
      throw new IllegalArgumentException("\"" + s + "\" is not a quantity");
    }
    Matcher m = FORMAT.matcher(s);
    m.matches();
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    if (suffix == null || suffix.isEmpty()) {
      return number;
    }
    if (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') {
      return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    return number.multiply(SUFFIXES.get(suffix));
  }

  /** Whether two quantities have the same value, however written ({@code 1000m} and {@code 1}). */
  public static boolean sameValue(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    if (!isValid(a) || !isValid(b)) {
      return false;
    }
    return parse(a).compareTo(parse(b)) == 0;
  }
}
