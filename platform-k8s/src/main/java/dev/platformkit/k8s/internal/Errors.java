package dev.platformkit.k8s.internal;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Turns fabric8 errors into the platformkit exception tree, with messages that name the object. */
public final class Errors {

  private Errors() {}

  /**
   * 409 is a {@link ConflictException}, 404 a {@link NotFoundException}, 429 and 5xx a retryable
   * {@link BackendException}, any other status a non-retryable one. Without a status (no answer: connection
   * refused or reset, timeout) it is retryable too: a write repeated after it had in fact been made cannot
   * apply twice, because updates and deletes carry the resource version and a second create is a conflict.
   *
   * @param e the client error
   * @param what the object and operation, such as {@code update of RoleBinding team-a/platformkit-edit}
   */
  public static PlatformException map(KubernetesClientException e, String what) {
    int code = e.getCode();
    String message = what + " failed: " + reason(e);
    if (code == 409) {
      return new ConflictException(message, e);
    }
    if (code == 404) {
      return new NotFoundException(message, e);
    }
    boolean unanswered = code <= 0 && hasIoCause(e); // fabric8 reports no status as 0 or -1
    return new BackendException(message, e, code, unanswered || BackendException.retryableStatus(code));
  }

  /**
   * The server's own message when it sent a Status, else the client's with its root cause (fabric8's own
   * says only "Operation: [list] ... failed", not "connection refused"); with the HTTP code.
   */
  static String reason(KubernetesClientException e) {
    Status status = e.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isEmpty()) {
      return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + status.getMessage() : status.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = e.getMessage() + (root != e ? " (" + root + ")" : "");
    return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + text : text;
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
