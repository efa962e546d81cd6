package dev.platformkit.spec;

import java.util.Collection;
import java.util.Locale;

/** Small text helpers for messages: near-miss suggestions, quoting, shortening. */
final class Text {
  private static final int MAX_SHOWN = 60;

  private Text() {}

  /** {@code s}, cut to a readable length for a message. */
  static String abbreviate(String s) {
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
  }

  /**
   * The candidate closest to {@code given} if it is a plausible typo: at most two edits away (ignoring
   * case), and not so short that everything is two edits away. Null when there is none.
   */
  static String nearest(String given, Collection<String> candidates) {
    if (given.length() > MAX_SHOWN) {
      return null; // no typo of a field name is that long, and the distance grows with the product of the lengths
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = given.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.min(2, Math.max(1, given.length() / 3));
    return best != null && bestDistance <= allowed ? best : null;
  }

  /**
   * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), the
   * commonest typo ({@code qouta}); inputs are field names and short values, so the quadratic table is fine.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** A scalar as it is shown in "is not" messages: a string in quotes, anything else described. */
  static String shown(Node node) {
    return node instanceof Node.Scalar s && s.type == Node.ScalarType.STRING ? "\"" + abbreviate(s.text) + "\"" : node.describe();
  }

  /** The path of the entry {@code key} of a map at {@code path}: {@code quota["requests.cpu"]}. */
  static String mapKey(String path, String key) {
    return path + "[\"" + key + "\"]";
  }

  /** The path of field {@code name} of an object at {@code path}. */
  static String field(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
