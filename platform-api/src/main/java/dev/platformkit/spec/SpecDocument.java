package dev.platformkit.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * One document read from a spec file: its kind, name and value, and where it starts.
 *
 * @param <T> the value type
 */
public final class SpecDocument<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The {@code apiVersion} of every spec document. */
  public static final String API_VERSION = "platformkit.dev/v1alpha1";

  private final String kind;
  private final String name;
  private final T value;
  private final String file;
  private final int line;
  private final int column;

  SpecDocument(String kind, String name, T value, String file, int line, int column) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
  }

  /** The document's {@code kind}: {@code Tenant}, {@code Schedule}, {@code Site} or {@code UpgradePlan}. */
  public String kind() {
    return kind;
  }

  /** The document's {@code metadata.name}. */
  public String name() {
    return name;
  }

  /** The value read, such as a {@link dev.platformkit.tenant.Tenant}. */
  public T value() {
    return value;
  }

  /** The file it was read from, or the name given to {@link SpecReader#read(String, String)}. */
  public String file() {
    return file;
  }

  /** The 1-based line where the document starts. */
  public int line() {
    return line;
  }

  /** The 1-based column where the document starts. */
  public int column() {
    return column;
  }

  /** {@code file:line:column}, for messages. */
  public String location() {
    return file + ":" + line + ":" + column;
  }

  /** Equal when kind, name, value and location are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SpecDocument<?> d && kind.equals(d.kind) && name.equals(d.name) && value.equals(d.value)
        && file.equals(d.file) && line == d.line && column == d.column;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name, value, file, line, column);
  }

  /** {@code Tenant/payments at file:line:column}. */
  @Override
  public String toString() {
    return kind + "/" + name + " at " + location();
  }
}
