package dev.platformkit.testkit.apiserver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The canonical form the Kubernetes API server writes back for a resource quantity, computed with
 * the algorithm of {@code k8s.io/apimachinery/pkg/api/resource.Quantity} (v1.28): parse
 * ({@code ParseQuantity}, which keeps the caller's string when it is already canonical and rounds
 * anything finer than {@code 1n} up), optionally round up to milli-units (what core/v1
 * {@code ResourceList} defaulting does), then serialise ({@code CanonicalizeBytes}: the suffix family
 * of the input is kept - {@code BinarySI} {@code Ki/Mi/...}, {@code DecimalSI} {@code m/k/M/...} or
 * {@code DecimalExponent} {@code eN} - and the number is re-expressed with the largest unit that keeps it
 * an integer).
 *
 * <p>Examples (all recorded from a real v1.28 server): {@code 0.5 -> 500m}, {@code 2000m -> 2},
 * {@code 1024Mi -> 1Gi}, {@code 1000 -> 1k}, {@code 1.5Gi -> 1536Mi}, {@code 0.001Ki -> 1024m},
 * {@code 1e3 -> 1e3}, {@code 1e1 -> 10}, {@code 2.5e9 -> 2500e6}.
 */
public final class KubeQuantity {
  private enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal B1024 = BigDecimal.valueOf(1024);
  private static final BigInteger I1024 = BigInteger.valueOf(1024);
  private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of("n", -9, "u", -6, "m", -3, "", 0,
      "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<String, Integer> BINARY_SUFFIXES = Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40,
      "Pi", 50, "Ei", 60);
  private static final String[] BINARY_BY_POWER = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  /**
   * A parsed quantity: its exact value, its format, the original string when Go keeps it, and whether it
   * is held as Go's int64Amount (with {@code goScale}) rather than an inf.Dec.
   */
  private record Parsed(BigDecimal value, Format format, String kept, boolean int64, int goScale) {}

  private KubeQuantity() {}

  /**
   * The canonical string of {@code quantity} as {@code resource.Quantity.String()} prints it after
   * {@code ParseQuantity}, without the milli rounding of resource lists (see
   * {@link #canonicalInResourceList(String)}).
   *
   * @throws IllegalArgumentException when {@code quantity} is not a quantity
   */
  public static String canonical(String quantity) {
    return print(parse(quantity));
  }

  /**
   * The string a core/v1 {@code ResourceList} (container requests/limits, ResourceQuota {@code hard},
   * LimitRange items, PVC requests) stores for {@code quantity}: parsed, rounded up to milli precision
   * ({@code SetDefaults_ResourceList}), printed canonically. {@code 1n} becomes {@code 1m}.
   *
   * @throws IllegalArgumentException when {@code quantity} is not a quantity
   */
  public static String canonicalInResourceList(String quantity) {
    return print(roundUpToMilli(parse(quantity)));
  }

  /** Whether {@code quantity} parses as a Kubernetes quantity. */
  public static boolean isValid(String quantity) {
    try {
      parse(quantity);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The exact value of {@code quantity} after parsing (nano-rounded as Go does). */
  public static BigDecimal value(String quantity) {
    return parse(quantity).value();
  }

  private static IllegalArgumentException bad(String s, String why) {
    return new IllegalArgumentException("quantity \"" + s + "\" " + why
        + " (expected e.g. 500m, 1.5, 2Gi, 129e6)");
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Parsed parse(String str) {
    if (str == null) {
      throw new IllegalArgumentException("quantity is null");
    }
    str = str.strip(); // UnmarshalJSON trims spaces
    if (str.isEmpty()) {
      throw bad(str, "is empty");
    }
    if (str.equals("0")) {
      return new Parsed(BigDecimal.ZERO, Format.DECIMAL_SI, "0", true, 0);
    }
    // parseQuantityString
    boolean positive = true;
    int pos = 0;
    int end = str.length();
    if (str.charAt(0) == '-') {
      positive = false;
      pos++;
    } else if (str.charAt(0) == '+') {
      pos++;
    }
    String num;
    String denom = "";
    String value;
    String suffix = "";
    int i = pos;
    while (i < end && str.charAt(i) == '0') {
      i++;
    }
    if (i >= end) {
      num = "0";
      value = "0";
    } else {
      pos = i;
      int j = pos;
      while (j < end && digit(str.charAt(j))) {
        j++;
      }
      num = str.substring(pos, j);
      if (j >= end) {
        value = str;
      } else {
        if (num.isEmpty()) {
          num = "0";
        }
        pos = j;
        boolean done = false;
        if (str.charAt(pos) == '.') {
          pos++;
          int k = pos;
          while (k < end && digit(str.charAt(k))) {
            k++;
          }
          denom = str.substring(pos, k);
          if (k >= end) {
            value = str;
            done = true;
          }
          pos = k;
        }
        if (done) {
          value = str;
        } else {
          value = str.substring(0, pos);
          int suffixStart = pos;
          int k = pos;
          while (k < end && "eEinumkKMGTP".indexOf(str.charAt(k)) >= 0) {
            k++;
          }
          if (k < end) {
            pos = k;
            if (str.charAt(pos) == '-' || str.charAt(pos) == '+') {
              pos++;
            }
            while (pos < end && digit(str.charAt(pos))) {
              pos++;
            }
            if (pos < end) {
              throw bad(str, "is not in a quantity format");
            }
          }
          suffix = str.substring(suffixStart);
        }
      }
    }
    if (num.isEmpty() && denom.isEmpty()) {
      throw bad(str, "has no digits");
    }

    // quantitySuffixer.interpret
    int base;
    int exponent;
    Format format;
    if (DECIMAL_SUFFIXES.containsKey(suffix)) {
      base = 10;
      exponent = DECIMAL_SUFFIXES.get(suffix);
      format = Format.DECIMAL_SI;
    } else if (BINARY_SUFFIXES.containsKey(suffix)) {
      base = 2;
      exponent = BINARY_SUFFIXES.get(suffix);
      format = Format.BINARY_SI;
    } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      try {
        exponent = Integer.parseInt(suffix.substring(1));
      } catch (NumberFormatException e) {
        throw bad(str, "has an invalid suffix \"" + suffix + "\"");
      }
      base = 10;
      format = Format.DECIMAL_EXPONENT;
    } else {
      throw bad(str, "has an invalid suffix \"" + suffix + "\"");
    }

    // the int64 fast path of ParseQuantity, which alone may keep the caller's string
    int precision;
    int scale = 0;
    long mantissa = 1;
    if (format == Format.BINARY_SI) {
      if (exponent >= 0 && denom.isEmpty()) {
        mantissa = 1L << exponent;
        precision = 15 - num.length() - (int) ((float) exponent * 3 / 10) - 1;
      } else {
        precision = -1;
      }
    } else {
      scale = exponent;
      precision = 18 - (num.length() + denom.length());
    }
    if (precision >= 0) {
      scale -= denom.length();
      if (scale >= -9) {
        String shifted = num + denom;
        long v = Long.parseLong(shifted);
        long result;
        boolean ok = true;
        try {
          result = Math.multiplyExact(v, mantissa);
        } catch (ArithmeticException e) {
          result = 0;
          ok = false;
        }
        if (ok) {
          if (!positive) {
            result = -result;
          }
          boolean keep = format == Format.BINARY_SI
              ? exponent % 10 == 0 && (v & 0x07) != 0
              : scale % 3 == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0';
          return new Parsed(new BigDecimal(BigInteger.valueOf(result), -scale), format, keep ? str : null, true, scale);
        }
      }
    }

    // the inf.Dec path
    BigDecimal amount;
    try {
      amount = new BigDecimal(value.endsWith(".") ? value + "0" : value);
    } catch (NumberFormatException e) {
      throw bad(str, "is not a number");
    }
    amount = base == 10 ? amount.scaleByPowerOfTen(exponent) : amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exponent)));
    int sign = amount.signum();
    amount = amount.abs();
    if (sign != 0) {
      // non-zero values round up to the smallest representable amount: you asked for some, you get some
      amount = amount.setScale(9, RoundingMode.UP);
    }
    if (amount.compareTo(MAX) > 0) {
      amount = MAX;
    }
    if (format == Format.BINARY_SI && amount.compareTo(BigDecimal.ONE) < 0 && amount.signum() > 0) {
      format = Format.DECIMAL_SI;
    }
    if (sign < 0) {
      amount = amount.negate();
    }
    return new Parsed(amount, format, null, false, 0);
  }

  private static Parsed roundUpToMilli(Parsed p) {
    if (p.int64() && p.goScale() >= -3) {
      return p; // Quantity.RoundUp keeps the cached string when nothing is lost
    }
    BigDecimal rounded = p.value().setScale(3, RoundingMode.UP);
    return new Parsed(rounded, p.format(), null, p.int64(), -3);
  }

  private static String print(Parsed p) {
    if (p.kept() != null) {
      return p.kept();
    }
    BigDecimal v = p.value();
    if (v.signum() == 0) {
      return "0";
    }
    Format format = p.format();
    if (format == Format.BINARY_SI) {
      if (v.abs().compareTo(B1024) < 0 || v.stripTrailingZeros().scale() > 0) {
        format = Format.DECIMAL_SI; // avoids rounding, as Go does
      }
    }
    if (format == Format.BINARY_SI) {
      BigInteger n = v.toBigIntegerExact();
      int times = 0;
      while (n.signum() != 0 && n.mod(I1024).signum() == 0) {
        n = n.divide(I1024);
        times++;
      }
      return n + BINARY_BY_POWER[times];
    }
    BigDecimal stripped = v.stripTrailingZeros();
    BigInteger amount = stripped.unscaledValue();
    int exponent = -stripped.scale();
    while (exponent % 3 != 0) {
      amount = amount.multiply(BigInteger.TEN);
      exponent--;
    }
    if (format == Format.DECIMAL_EXPONENT) {
      return exponent == 0 ? amount.toString() : amount + "e" + exponent;
    }
    for (Map.Entry<String, Integer> e : DECIMAL_SUFFIXES.entrySet()) {
      if (e.getValue() == exponent) {
        return amount + e.getKey();
      }
    }
    return amount.toString(); // unreachable within int64 range; Go also prints no suffix here
  }
}
