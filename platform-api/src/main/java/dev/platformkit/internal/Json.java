package dev.platformkit.internal;

import dev.platformkit.FieldDiff;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Comparing and flattening the JSON-like trees of {@link dev.platformkit.spi.Resource} bodies. */
public final class Json {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Json() {}

  /** {@code .key} for identifiers, {@code ["key"]} otherwise. */
  public static String key(String key) {
    return IDENTIFIER.matcher(key).matches() ? "." + key : "[\"" + key + "\"]";
  }

  /**
   * Whether two trees hold the same value. Absent, empty maps and empty lists are equal (the API server
   * drops empty fields); numbers compare by value; with {@code quantities}, strings that are quantities
   * compare by value.
   */
  public static boolean sameValue(Object a, Object b, boolean quantities) {
    if (isEmpty(a) || isEmpty(b)) {
      return isEmpty(a) && isEmpty(b);
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      Set<Object> keys = new LinkedHashSet<>(ma.keySet());
      keys.addAll(mb.keySet());
      for (Object k : keys) {
        if (!sameValue(ma.get(k), mb.get(k), quantities)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!sameValue(la.get(i), lb.get(i), quantities)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Number na && b instanceof Number nb) {
      return new BigDecimal(na.toString()).compareTo(new BigDecimal(nb.toString())) == 0;
    }
    if (quantities && a instanceof String sa && b instanceof String sb) {
      return Quantity.sameValue(sa, sb);
    }
    return a.equals(b);
  }

  // a map holding only empty values is empty too; a list of empty maps is not (`ingress: [{}]` allows all)
  private static boolean isEmpty(Object o) {
    return o == null
        || (o instanceof Map<?, ?> m && m.values().stream().allMatch(Json::isEmpty))
        || (o instanceof List<?> l && l.isEmpty());
  }

  /** The leaves that differ between two trees under {@code path}, as field diffs. */
  public static List<FieldDiff> leafDiff(String path, Object before, Object after, boolean quantities) {
    Map<String, Object> b = new LinkedHashMap<>();
    Map<String, Object> a = new LinkedHashMap<>();
    flatten(path, before, b);
    flatten(path, after, a);
    Set<String> paths = new LinkedHashSet<>(b.keySet());
    paths.addAll(a.keySet());
    List<FieldDiff> diffs = new ArrayList<>();
    for (String p : paths) {
      Object x = b.get(p);
      Object y = a.get(p);
      if (!sameValue(x, y, quantities)) {
        diffs.add(new FieldDiff(p, x == null ? null : x.toString(), y == null ? null : y.toString()));
      }
    }
    return diffs;
  }

  private static void flatten(String path, Object value, Map<String, Object> out) {
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> flatten(path + key(k.toString()), v, out));
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        flatten(path + "[" + i + "]", l.get(i), out);
      }
    } else if (value != null) {
      out.put(path, value);
    }
  }
}
