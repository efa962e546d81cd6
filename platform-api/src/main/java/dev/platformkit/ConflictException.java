package dev.platformkit;

/**
 * Someone else changed the object between our read and our write (HTTP 409, a stale resource version,
 * an apply that found other changes than its plan). Retryable: read again, then write again; except
 * {@link StalePlanException}.
 */
public class ConflictException extends PlatformException {
  private static final long serialVersionUID = 1L;

  /** A conflict with a message naming the object. */
  public ConflictException(String message) {
    super(message, null, true);
  }

  /** A conflict with the backend error that reported it. */
  public ConflictException(String message, Throwable cause) {
    super(message, cause, true);
  }

  /** A conflict that retrying as it is would not resolve ({@link StalePlanException}). */
  protected ConflictException(String message, Throwable cause, boolean retryable) {
    super(message, cause, retryable);
  }
}
