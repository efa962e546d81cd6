package dev.platformkit.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.BackendException;
import dev.platformkit.PlatformException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The mapping of fabric8 errors that carry no status: the chains are those fabric8 7.8 (vert.x) raises. */
class ErrorsTest {
  static final String WHAT = "list of Namespace {platformkit.dev/owner=tenant.payments}";
  static final String FABRIC8 = "Operation: [list]  for kind: [Namespace]  with name: [null]  in namespace: [null]  failed.";

  /** What fabric8 raises when nothing listens on the port: its generic message over vert.x's and netty's. */
  static KubernetesClientException refused() {
    ConnectException netty = new ConnectException("Connection refused: /127.0.0.1:44349");
    netty.initCause(new ConnectException("Connection refused"));
    return new KubernetesClientException(FABRIC8, new IOException("Connection refused: /127.0.0.1:44349", netty));
  }

  @Test
  void aRefusedConnectionIsNotRetryableAndSaysWhereAndWhy() {
    PlatformException e = Errors.map(refused(), WHAT);

    assertThat(e).isExactlyInstanceOf(BackendException.class)
        .hasMessage(WHAT + " failed: Connection refused: /127.0.0.1:44349");
    assertThat(e.retryable()).isFalse();
    assertThat(((BackendException) e).status()).isEmpty();
  }

  @Test
  void noRouteAndConnectTimeoutsAreNotRetryableEither() {
    var noRoute = new KubernetesClientException(FABRIC8, new IOException("x", new NoRouteToHostException("No route to host")));
    // netty's io.netty.channel.ConnectTimeoutException is a ConnectException; Apache's is matched by name
    var connectTimeout = new KubernetesClientException(FABRIC8, new ConnectTimeoutException("connect timed out: /10.0.0.1:443"));

    assertThat(Errors.map(noRoute, WHAT).retryable()).isFalse();
    assertThat(Errors.map(connectTimeout, WHAT).retryable()).isFalse();
    assertThat(Errors.map(connectTimeout, WHAT)).hasMessage(WHAT + " failed: connect timed out: /10.0.0.1:443");
  }

  @Test
  void aTimeoutOnAnEstablishedConnectionStaysRetryable() {
    String vertx = "The timeout period of 1000ms has been exceeded while executing GET /api/v1/namespaces for server 127.0.0.1:40867";
    PlatformException timeout = Errors.map(new KubernetesClientException(vertx, new TimeoutException(vertx)), WHAT);
    PlatformException socket = Errors.map(new KubernetesClientException(FABRIC8, new SocketTimeoutException("Read timed out")), WHAT);
    PlatformException reset = Errors.map(new KubernetesClientException(FABRIC8, new IOException("Connection reset")), WHAT);

    assertThat(timeout).hasMessage(WHAT + " failed: " + vertx);
    assertThat(timeout.retryable()).isTrue();
    assertThat(socket.retryable()).isTrue();
    assertThat(reset.retryable()).isTrue();
    assertThat(reset).hasMessage(WHAT + " failed: Connection reset");
  }

  @Test
  void aFailureWithoutAnIoCauseIsNotRetryable() {
    PlatformException e = Errors.map(new KubernetesClientException("Failed to parse the response", new IllegalStateException()), WHAT);

    assertThat(e.retryable()).isFalse();
    assertThat(e).hasMessage(WHAT + " failed: Failed to parse the response");
  }

  @Test
  void aStatusIsStillReportedAsTheServerSaidIt() {
    PlatformException e = Errors.map(new KubernetesClientException("Failure executing: GET", 503, null), WHAT);

    assertThat(e.retryable()).isTrue();
    assertThat(e).hasMessage(WHAT + " failed: HTTP 503: Failure executing: GET");
  }

  /** Stands for Apache HttpClient's ConnectTimeoutException, which is no ConnectException. */
  static final class ConnectTimeoutException extends java.io.InterruptedIOException {
    ConnectTimeoutException(String message) {
      super(message);
    }
  }
}
