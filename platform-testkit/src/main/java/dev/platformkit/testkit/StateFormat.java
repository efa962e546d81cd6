package dev.platformkit.testkit;

import java.nio.file.Path;
import java.util.Locale;

/** How an in-memory state document is written: JSON or YAML (see {@link InMemoryPlatform#snapshot(Path)}). */
public enum StateFormat {
  /** JSON, indented. */
  JSON,
  /** YAML, block style. */
  YAML;

  /** YAML for a file named {@code *.yaml} or {@code *.yml}, JSON for any other. */
  public static StateFormat of(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") ? YAML : JSON;
  }
}
