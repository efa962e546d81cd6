package dev.platformkit.upgrade.internal;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders finding locations as a person reads them: by path, then by line number as a number, so that
 * {@code x.yaml:9} comes before {@code x.yaml:10}. Digit runs in the path compare as numbers too
 * ({@code ingress-2.yaml} before {@code ingress-10.yaml}); what follows the line (the template a rendered
 * document came from) comes last. Locations without a line (a live object's annotation, a Helm release)
 * compare by the same rules, before the same path with a line. A total order, consistent with equals.
 */
public final class Locations {
  private Locations() {}

  // path:line, then anything not starting with a digit (" (template chart/templates/x.yaml)")
  private static final Pattern WITH_LINE = Pattern.compile("(.*?):(\\d+)(\\D.*)?", Pattern.DOTALL);

  /** The natural order of locations. */
  public static final Comparator<String> NATURAL = Locations::compare;

  /** Compares two locations: path, then line number as a number, then the rest; see {@link Locations}. */
  public static int compare(String a, String b) {
    Matcher ma = WITH_LINE.matcher(a);
    Matcher mb = WITH_LINE.matcher(b);
    boolean la = ma.matches();
    boolean lb = mb.matches();
    int c = natural(la ? ma.group(1) : a, lb ? mb.group(1) : b);
    if (c != 0) {
      return c;
    }
    if (la != lb) {
      return la ? 1 : -1;
    }
    if (la) {
      c = numbers(ma.group(2), mb.group(2));
      if (c != 0) {
        return c;
      }
      c = natural(rest(ma), rest(mb));
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  }

  private static String rest(Matcher m) {
    return m.group(3) == null ? "" : m.group(3);
  }

  /** Text compared character by character, runs of digits as numbers. */
  static int natural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int ei = digitsEnd(a, i);
        int ej = digitsEnd(b, j);
        int c = numbers(a.substring(i, ei), b.substring(j, ej));
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsEnd(String s, int from) {
    int e = from;
    while (e < s.length() && isDigit(s.charAt(e))) {
      e++;
    }
    return e;
  }

  // any length: no overflow for a 30-digit run
  private static int numbers(String a, String b) {
    String x = stripZeros(a);
    String y = stripZeros(b);
    return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
