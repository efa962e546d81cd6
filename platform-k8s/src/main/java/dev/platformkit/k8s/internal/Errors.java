package dev.platformkit.k8s.internal;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Turns fabric8 errors into the platformkit exception tree, with messages that name the object. */
public final class Errors {

  private Errors() {}

  /**
   * 409 is a {@link ConflictException}, 404 a {@link NotFoundException}, 429 and 5xx a retryable
   * {@link BackendException}, any other status a non-retryable one.
   *
   * <p>Without a status (no answer), it depends on whether a connection was made. None could be (refused,
   * no route, connect timeout): not retryable. Nothing was sent, so a retry would be safe, but the server is
   * not there at that address, and the default {@code RetryPolicy} spends about 3 s of backoff, far less
   * than a stopped API server takes to come back; retrying only delays the error (a CLI waited 100 s for
   * one line). Callers that want to wait for a server to come up do it around the whole plan or apply,
   * with their own deadline. Anything else (timeout or reset on an established connection) is retryable:
   * the server is there and may answer next time, and a write repeated after it had in fact been made
   * cannot apply twice, because updates and deletes carry the resource version and a second create is a
   * conflict.
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
    // fabric8 reports no status as 0 or -1
    boolean unanswered = code <= 0 && hasIoCause(e) && !unreachable(e);
    return new BackendException(message, e, code, unanswered || BackendException.retryableStatus(code));
  }

  /**
   * The server's own message when it sent a Status, else the messages of the causes (fabric8's own says
   * only "Operation: [list] ... failed", not "Connection refused: /10.0.0.1:443"); with the HTTP code.
   */
  static String reason(KubernetesClientException e) {
    Status status = e.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isEmpty()) {
      return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + status.getMessage() : status.getMessage();
    }
    String text = causes(e);
    return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + text : text;
  }

  /**
   * Whether no connection could be made at all: refused (also "network is unreachable"), no route, or the
   * connect timeout (netty's is a {@link ConnectException}; other HTTP clients' are matched by name so as
   * not to depend on them).
   */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException
          || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
        return true;
      }
    }
    return false;
  }

  // the distinct messages of the chain, outermost first, without fabric8's generic wrapper
  private static String causes(KubernetesClientException e) {
    List<String> parts = new ArrayList<>();
    Throwable root = e;
    for (Throwable t = e; t != null; t = next(t)) {
      root = t;
      String m = t.getMessage();
      boolean generic = t == e && e.getCause() != null && m != null && m.startsWith("Operation: [");
      if (m != null && !m.isBlank() && !generic && parts.stream().noneMatch(p -> p.contains(m))) {
        parts.removeIf(m::contains); // keep the more detailed of two messages saying the same
        parts.add(m);
      }
    }
    if (parts.isEmpty()) {
      return e.getMessage() + (root != e ? " (" + root + ")" : "");
    }
    return String.join(": ", parts);
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = next(t)) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
