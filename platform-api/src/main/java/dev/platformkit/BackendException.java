package dev.platformkit;

import java.util.OptionalInt;

/**
 * A backend call failed: wraps the SDK error (fabric8 {@code KubernetesClientException}, AWS
 * {@code SdkException}) with the HTTP status when there is one and whether retrying may help
 * (throttling, 429, 5xx).
 */
public class BackendException extends PlatformException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** A failure with the HTTP status (0 when none) and retryability of the underlying error. */
  public BackendException(String message, Throwable cause, int status, boolean retryable) {
    super(message, cause, retryable);
    this.status = status;
  }

  /** The HTTP status the backend answered, if it answered one. */
  public OptionalInt status() {
    return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
  }

  /** Whether a status is worth retrying: 429 and 5xx (409 is a {@link ConflictException}). */
  public static boolean retryableStatus(int status) {
    return status == 429 || status >= 500;
  }
}
