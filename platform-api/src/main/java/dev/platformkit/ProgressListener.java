package dev.platformkit;

/**
 * Hears about the progress of an apply, one change at a time, and of long waits (certificate
 * validation, EKS updates). Every method has an empty default; implement only what you show.
 * Called on the applying thread; keep it quick.
 */
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {};

  /** About to make {@code change}. */
  default void starting(Change change) {}

  /** {@code change} was made. */
  default void finished(Change change) {}

  /** A write will be retried after {@code cause} (throttling, conflict); {@code attempt} starts at 1. */
  default void retrying(Change change, int attempt, PlatformException cause) {}

  /** A free-form progress message during a long wait. */
  default void progress(String message) {}
}
