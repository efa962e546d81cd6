package dev.platformkit.upgrade;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and ordering of controller versions as images and add-ons report them ({@code v1.12.0-eksbuild.1}). */
final class ControllerVersions {
  private ControllerVersions() {}

  private static final Pattern VERSION = Pattern.compile("v?(\\d{1,6}(?:\\.\\d{1,6}){1,2})(?:[-+][0-9A-Za-z.+-]*)?");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  static void requireName(String controller) {
    if (controller == null || !NAME.matcher(controller).matches()) {
      throw new IllegalArgumentException("controller \"" + controller + "\" must be a lower-case name such as vpc-cni");
    }
  }

  /** The numbers of {@code 2.4}, {@code v2.4.7} or {@code v1.12.0-eksbuild.1}; the suffix is dropped. */
  static int[] parse(String text, String field) {
    Matcher m = text == null ? null : VERSION.matcher(text.strip());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(field + " \"" + text + "\" is not a version (examples: 2.4.0, v1.12.0-eksbuild.1)");
    }
    String[] parts = m.group(1).split("\\.");
    int[] numbers = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      numbers[i] = Integer.parseInt(parts[i]);
    }
    return numbers;
  }

  /** Orders by numbers, a missing patch counting as 0: {@code 1.12 == 1.12.0 < v1.12.1-eksbuild.2}. */
  static int compare(String a, String b) {
    int[] x = parse(a, "version");
    int[] y = parse(b, "version");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
