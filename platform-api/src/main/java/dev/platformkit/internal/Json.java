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

  /**
   * Whether {@code live} holds everything {@code desired} sets: maps are compared on the desired keys only
   * (what the server or others added around our fields is not a difference), lists item by item with the
   * same tolerance, leaves by value.
   */
  public static boolean covers(Object live, Object desired, boolean quantities) {
    if (isEmpty(desired)) {
      return isEmpty(live) || (desired instanceof Map<?, ?> && live instanceof Map<?, ?>);
    }
    if (desired instanceof Map<?, ?> md) {
      if (!(live instanceof Map<?, ?> ml)) {
        return false;
      }
      for (Map.Entry<?, ?> e : md.entrySet()) {
        if (!covers(ml.get(e.getKey()), e.getValue(), quantities)) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof List<?> ld) {
      if (!(live instanceof List<?> ll) || ll.size() != ld.size()) {
        return false;
      }
      for (int i = 0; i < ld.size(); i++) {
        if (!covers(ll.get(i), ld.get(i), quantities)) {
          return false;
        }
      }
      return true;
    }
    return live != null && sameValue(live, desired, quantities);
  }

  /**
   * The RFC 7386 merge patch that makes {@code live} hold {@code desired}, given what was set last time
   * ({@code applied}): maps are patched key by key, a key set last time and no longer desired is removed
   * (null), keys nobody of ours set are left alone, lists and leaves are replaced when they differ. Empty
   * when live already covers desired.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> mergeDiff(Map<String, Object> desired, Map<String, Object> live,
      Map<String, Object> applied, boolean quantities) {
    Map<String, Object> patch = new LinkedHashMap<>();
    desired.forEach((k, d) -> {
      Object l = live.get(k);
      if (d instanceof Map<?, ?> dm && !dm.isEmpty() && l instanceof Map<?, ?> lm) {
        Map<String, Object> a = applied.get(k) instanceof Map<?, ?> am ? (Map<String, Object>) am : Map.of();
        Map<String, Object> sub = mergeDiff((Map<String, Object>) dm, (Map<String, Object>) lm, a, quantities);
        if (!sub.isEmpty()) {
          patch.put(k, sub);
        }
      } else if (!covers(l, d, quantities)) {
        patch.put(k, d);
      }
    });
    applied.keySet().forEach(k -> {
      if (!desired.containsKey(k) && live.containsKey(k)) {
        patch.put(k, null);
      }
    });
    return patch;
  }

  /**
   * The merge patch that replaces each desired top-level field of {@code live} that differs, as a whole:
   * keys inside it that are not desired are removed (null).
   */
  public static Map<String, Object> replaceDiff(Map<String, Object> desired, Map<String, Object> live, boolean quantities) {
    Map<String, Object> patch = new LinkedHashMap<>();
    desired.forEach((k, d) -> {
      Object l = live.get(k);
      if (!sameValue(l, d, quantities)) {
        patch.put(k, replacing(d, l));
      }
    });
    return patch;
  }

  @SuppressWarnings("unchecked")
  private static Object replacing(Object desired, Object live) {
    if (!(desired instanceof Map<?, ?> dm) || !(live instanceof Map<?, ?> lm)) {
      return desired;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    dm.forEach((k, v) -> out.put(k.toString(), replacing(v, lm.get(k))));
    lm.keySet().forEach(k -> {
      if (!dm.containsKey(k)) {
        out.put(k.toString(), null);
      }
    });
    return out;
  }

  /**
   * The leaves a merge {@code patch} changes on {@code live}, as field diffs under {@code path}. Inside
   * replaced lists, with {@code tolerant}, what live holds beyond the patch (defaults) is not shown.
   */
  public static List<FieldDiff> patchDiff(String path, Map<String, Object> live, Map<String, Object> patch,
      boolean quantities) {
    List<FieldDiff> out = new ArrayList<>();
    patch.forEach((k, p) -> display(path.isEmpty() ? k : path + key(k), live.get(k), p, quantities, out));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void display(String path, Object live, Object patch, boolean quantities, List<FieldDiff> out) {
    if (patch == null) {
      removed(path, live, out);
    } else if (patch instanceof Map<?, ?> pm && live instanceof Map<?, ?> lm) {
      pm.forEach((k, v) -> display(path + key(k.toString()), lm.get(k), v, quantities, out));
    } else if (patch instanceof List<?> pl && live instanceof List<?> ll && isIdentified(pl) && isIdentified(ll)) {
      identified(path, ll, pl, quantities, out);
    } else if (patch instanceof List<?> pl && live instanceof List<?> ll) {
      for (int i = 0; i < pl.size(); i++) {
        Object l = i < ll.size() ? ll.get(i) : null;
        if (pl.get(i) instanceof Map<?, ?> pi && l instanceof Map<?, ?> li) {
          // a list is written whole; inside an item, show what we set, not what the server added
          String item = path + "[" + i + "]";
          pi.forEach((a, b) -> display(item + key(a.toString()), li.get(a), b, quantities, out));
        } else {
          display(path + "[" + i + "]", l, pl.get(i), quantities, out);
        }
      }
      for (int i = pl.size(); i < ll.size(); i++) {
        removed(path + "[" + i + "]", ll.get(i), out);
      }
    } else {
      out.addAll(leafDiff(path, live, patch, quantities));
    }
  }

  // items that name what they are (RoleBinding subjects: kind and name): their position means nothing
  private static boolean isIdentified(List<?> items) {
    return !items.isEmpty() && items.stream().allMatch(i -> i instanceof Map<?, ?> m
        && m.get("kind") instanceof String && m.get("name") instanceof String);
  }

  /** {@code Group devs}, {@code ServiceAccount ci/deployer}: what an identified item is. */
  private static String identity(Object item) {
    Map<?, ?> m = (Map<?, ?>) item;
    Object namespace = m.get("namespace");
    return m.get("kind") + " " + (namespace instanceof String ns && !ns.isEmpty() ? ns + "/" : "") + m.get("name");
  }

  /**
   * A list of identified items as items removed ({@code - subjects: User jane}) and added
   * ({@code + subjects: Group devs}) rather than as renames of list positions; an item kept whose other
   * fields change shows those under its identity ({@code subjects[User jane].apiGroup}).
   */
  private static void identified(String path, List<?> live, List<?> patch, boolean quantities, List<FieldDiff> out) {
    Map<String, Object> before = new LinkedHashMap<>();
    Map<String, Object> after = new LinkedHashMap<>();
    live.forEach(i -> before.putIfAbsent(identity(i), i));
    patch.forEach(i -> after.putIfAbsent(identity(i), i));
    before.forEach((id, item) -> {
      if (!after.containsKey(id)) {
        out.add(new FieldDiff(path, id, null));
      }
    });
    after.forEach((id, item) -> {
      Object was = before.get(id);
      if (was == null) {
        out.add(new FieldDiff(path, null, id));
      } else {
        // shown as we set it: what the server added to the item is not a difference
        ((Map<?, ?>) item).forEach((k, v) -> display(path + "[" + id + "]" + key(k.toString()), ((Map<?, ?>) was).get(k), v,
            quantities, out));
      }
    });
  }

  private static void removed(String path, Object live, List<FieldDiff> out) {
    Map<String, Object> leaves = new LinkedHashMap<>();
    flatten(path, live, leaves);
    leaves.forEach((p, v) -> out.add(new FieldDiff(p, v.toString(), null)));
  }
}
