package dev.platformkit.cli;

import picocli.CommandLine.Option;

/** {@code --output} and {@code --no-color}: how a command prints what it did. */
final class OutputOptions {

  /** The formats of {@code --output}. */
  enum Format { text, json }

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json: one JSON document on standard output, also for errors (see the README"
          + " for its shape); nothing but progress and --debug traces on standard error.")
  Format format;

  @Option(names = "--no-color", description = "No colours in the diff. Colours are used only when standard output is a"
      + " terminal and NO_COLOR is not set (CLICOLOR_FORCE=1 forces them).")
  boolean noColor;

  boolean json() {
    return format == Format.json;
  }

  /** Whether to colour the diff: a terminal (or CLICOLOR_FORCE), no NO_COLOR, no --no-color, not JSON. */
  boolean colour(Terminal terminal) {
    if (noColor || json() || isSet(terminal.env("NO_COLOR"))) {
      return false;
    }
    String force = terminal.env("CLICOLOR_FORCE");
    return terminal.interactive() || (isSet(force) && !force.equals("0"));
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }
}
