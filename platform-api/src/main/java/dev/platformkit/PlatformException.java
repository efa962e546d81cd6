package dev.platformkit;

/**
 * The root of every exception platformkit throws. {@link #retryable()} tells whether the same call may
 * succeed if made again (throttling, conflicts, server errors); the library already retries those a
 * bounded number of times before giving up.
 *
 * <p>A capability a backend does not have is reported with {@link UnsupportedOperationException}.
 */
public class PlatformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /** An exception with a message; not retryable. */
  public PlatformException(String message) {
    this(message, null, false);
  }

  /** An exception with a message, a cause and whether retrying may succeed. */
  public PlatformException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether making the same call again may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
