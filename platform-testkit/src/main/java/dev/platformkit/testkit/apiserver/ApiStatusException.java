package dev.platformkit.testkit.apiserver;

/** An error answer of the API server, thrown by {@link ApiServerDefaults} when the real server refuses. */
public final class ApiStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ApiStatus status;

  /** An exception carrying {@code status}; its message is the status message. */
  public ApiStatusException(ApiStatus status) {
    super(status.code() + " " + status.reason() + ": " + status.message());
    this.status = status;
  }

  /** The answer the server would send. */
  public ApiStatus status() {
    return status;
  }
}
