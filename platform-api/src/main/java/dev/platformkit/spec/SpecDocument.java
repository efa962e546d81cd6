package dev.platformkit.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * One document read from a spec file: its kind, name and value, and where it starts.
 *
 * @param kind the document's {@code kind} ({@code Tenant}, {@code Schedule}, ...)
 * @param name the document's {@code metadata.name}
 * @param value the value read, such as a {@link dev.platformkit.tenant.Tenant}
 * @param file the file (or the name given to {@link SpecReader#read(String, String)}) it was read from
 * @param line the 1-based line where the document starts
 * @param column the 1-based column where the document starts
 * @param <T> the value type
 */
public record SpecDocument<T>(String kind, String name, T value, String file, int line, int column) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The {@code apiVersion} of every spec document. */
  public static final String API_VERSION = "platformkit.dev/v1alpha1";

  /** Checks that nothing is missing. */
  public SpecDocument {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(file, "file");
  }

  /** {@code file:line:column}, for messages. */
  public String location() {
    return file + ":" + line + ":" + column;
  }
}
