package dev.platformkit.k8s.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code apiserver_requested_deprecated_apis} gauge from the API server's Prometheus text
 * exposition ({@code /metrics}): one series per group, version, resource and subresource that some client
 * requested at a deprecated version since the API server started, with the release that removes it.
 */
public final class DeprecatedApiMetric {
  public static final String NAME = "apiserver_requested_deprecated_apis";
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private DeprecatedApiMetric() {}

  /** One series with a value other than 0. */
  public record Series(String group, String version, String resource, String subresource, String removedRelease) {
    /** {@code group/version}, or the version alone for the core group. */
    public String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  /** The series of the gauge in {@code exposition}, read line by line. */
  public static List<Series> read(Reader exposition) throws IOException {
    List<Series> out = new ArrayList<>();
    BufferedReader lines = new BufferedReader(exposition);
    String line;
    while ((line = lines.readLine()) != null) {
      if (!line.startsWith(NAME + "{")) {
        continue;
      }
      int end = line.lastIndexOf('}');
      if (end < 0) {
        continue;
      }
      String value = line.substring(end + 1).strip().split("\\s+")[0];
      double v;
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        continue;
      }
      if (v == 0) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      Matcher m = LABEL.matcher(line.substring(NAME.length() + 1, end));
      while (m.find()) {
        labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
      if (labels.containsKey("version") && labels.containsKey("resource")) {
        out.add(new Series(labels.getOrDefault("group", ""), labels.get("version"), labels.get("resource"),
            labels.getOrDefault("subresource", ""), labels.getOrDefault("removed_release", "")));
      }
    }
    return out;
  }
}
