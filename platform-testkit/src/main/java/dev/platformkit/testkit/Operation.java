package dev.platformkit.testkit;

/**
 * The kinds of call a {@link dev.platformkit.spi.ResourceStore} gets, as {@link ForwardingStore} tells them
 * apart: what {@link Faults} makes fail or slow. {@code blockedNamespace} (is a namespace still being
 * deleted?) counts as a {@link #GET} and {@code foreignContents} (what else is in a namespace?) as a
 * {@link #LIST}; neither has a kind.
 */
public enum Operation {
  /** {@code list}, and {@code foreignContents}. */
  LIST,
  /** {@code get}, and {@code blockedNamespace}. */
  GET,
  /** {@code create}. */
  CREATE,
  /** {@code update}. */
  UPDATE,
  /** {@code delete}. */
  DELETE;

  /** Whether the call writes (create, update, delete). */
  public boolean isWrite() {
    return this == CREATE || this == UPDATE || this == DELETE;
  }

  /** {@code list}, {@code get}, {@code create}, {@code update} or {@code delete}, as messages name it. */
  public String verb() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
