package dev.platformkit;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem with an input: the field path it concerns ({@code spec.quota["requests.cpu"]}), a message,
 * and, for values read from a spec document, where in the file it was found.
 */
public final class Violation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String message;
  private final String file;
  private final int line;
  private final int column;

  private Violation(String path, String message, String file, int line, int column) {
    this.path = Objects.requireNonNull(path, "path");
    this.message = Objects.requireNonNull(message, "message");
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** A violation of the field at {@code path} (empty for the object as a whole). */
  public static Violation of(String path, String message) {
    return new Violation(path, message, null, 0, 0);
  }

  /** The same violation located in a spec file (1-based line and column). */
  public Violation at(String file, int line, int column) {
    return new Violation(path, message, file, line, column);
  }

  /** The same violation with {@code prefix} put in front of its path ({@code spec} + {@code quota} → {@code spec.quota}). */
  public Violation under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
    return new Violation(joined, message, file, line, column);
  }

  /** The field path, such as {@code spec.namespaces[1].name}; empty when the whole object is concerned. */
  public String path() {
    return path;
  }

  /** What is wrong, in words a user can act on. */
  public String message() {
    return message;
  }

  /** The spec file the value came from, if it came from one. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** 1-based line in {@link #file()}, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column in {@link #file()}, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** {@code file:line:column: path: message}, leaving out what is unknown. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) {
          sb.append(':').append(column);
        }
      }
      sb.append(": ");
    }
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Violation v && path.equals(v.path) && message.equals(v.message)
        && Objects.equals(file, v.file) && line == v.line && column == v.column;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, message, file, line, column);
  }
}
