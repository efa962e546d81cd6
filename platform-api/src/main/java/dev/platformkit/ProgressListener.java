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

  /**
   * Still waiting for {@code subject} (a certificate to be issued, a load balancer, an EKS update), now in
   * state {@code status}, after {@code elapsed} of at most {@code timeout}. Called once per poll. The
   * default reports it as a {@link #progress(String)} message.
   */
  default void waiting(String subject, String status, java.time.Duration elapsed, java.time.Duration timeout) {
    progress("waiting for " + subject + ": " + status + " (" + elapsed.toSeconds() + "s of " + timeout.toSeconds() + "s)");
  }
}
