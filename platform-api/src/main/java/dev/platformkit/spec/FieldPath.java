package dev.platformkit.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A violation path split into steps: {@code spec.namespaces[1].quota["requests.cpu"]} is the field
 * {@code spec}, the field {@code namespaces}, the index 1, the field {@code quota} and the key
 * {@code requests.cpu}. The paths are the ones {@link dev.platformkit.internal.Checks} writes.
 */
final class FieldPath {
  private static final Pattern STEP = Pattern.compile("\\.?([^.\\[\\]\"]+)|\\[(\\d+)]|\\[\"(.*?)\"]");

  /** One step: a field or map key by {@code name}, or a list {@code index} (when name is null). */
  record Step(String name, int index, boolean key) {
    @Override
    public String toString() {
      return name == null ? "[" + index + "]" : key ? Text.mapKey("", name) : "." + name;
    }
  }

  private FieldPath() {}

  /** The steps of {@code path}; what does not parse is left out. */
  static List<Step> steps(String path) {
    List<Step> steps = new ArrayList<>();
    Matcher m = STEP.matcher(path);
    int position = 0;
    while (position < path.length() && m.find(position) && m.start() == position) {
      position = m.end();
      if (m.group(1) != null) {
        steps.add(new Step(m.group(1), -1, false));
      } else if (m.group(2) != null) {
        steps.add(new Step(null, Integer.parseInt(m.group(2)), false));
      } else {
        steps.add(new Step(m.group(3), -1, true));
      }
    }
    return steps;
  }

  /** The path of {@code steps}, as {@link dev.platformkit.internal.Checks} would write it. */
  static String join(List<Step> steps) {
    StringBuilder path = new StringBuilder();
    for (Step step : steps) {
      path.append(step);
    }
    return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
  }
}
