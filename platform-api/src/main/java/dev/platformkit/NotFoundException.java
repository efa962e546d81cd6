package dev.platformkit;

/** Something the operation needs does not exist (a cluster, a hosted zone, an object). Not retryable. */
public class NotFoundException extends PlatformException {
  private static final long serialVersionUID = 1L;

  /** Not found, with a message naming what was looked for. */
  public NotFoundException(String message) {
    super(message, null, false);
  }

  /** Not found, with the backend error that said so. */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
