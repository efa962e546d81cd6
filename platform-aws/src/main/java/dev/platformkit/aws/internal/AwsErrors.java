package dev.platformkit.aws.internal;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS SDK errors into the {@link PlatformException} tree, so that the planners' retries see
 * throttling and server errors as retryable and everything else as final.
 */
public final class AwsErrors {

  private AwsErrors() {}

  /**
   * The platformkit exception for {@code e}, raised while {@code action} (a phrase naming the object and
   * where it lives, e.g. {@code creating aws AccessEntry <arn> in EKS cluster prod}).
   *
   * <ul>
   *   <li>409 ({@code ResourceInUseException} and the like): {@link ConflictException};
   *   <li>404: {@link NotFoundException};
   *   <li>throttling (any of the SDK's throttling error codes), 429, 5xx and Route53's
   *       {@code PriorRequestNotComplete}: retryable {@link BackendException};
   *   <li>no connection could be made (refused, no route, connect timeout): not retryable. Nothing was
   *       sent, but nothing is there at that address either; the default {@code RetryPolicy}'s few seconds
   *       of backoff would only delay the error (the Kubernetes backend decides the same);
   *   <li>other client-side failures: retryable when the SDK says so, an I/O error caused them or an
   *       API call (attempt) timeout ended them; with a no-retry SDK client ours is the only retry layer,
   *       and a repeated create is a conflict, a repeated delete finds nothing;
   *   <li>everything else: non-retryable {@link BackendException} with the HTTP status.
   * </ul>
   */
  public static PlatformException map(SdkException e, String action) {
    return map(e, action, null);
  }

  /** Like {@link #map(SdkException, String)}, with {@code hint} (what to do about it) after the error. */
  public static PlatformException map(SdkException e, String action, String hint) {
    String suffix = hint == null ? "" : ". " + hint;
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      String message = action + " failed: " + detail(service) + suffix;
      if (status == 409 || "ResourceInUseException".equals(errorCode(service))) {
        return new ConflictException(message, e);
      }
      if (status == 404) {
        return new NotFoundException(message, e);
      }
      // Route53 answers PriorRequestNotComplete (400) while it still works on an earlier change: try again later
      boolean retryable = service.retryable() || service.isThrottlingException() || BackendException.retryableStatus(status)
          || "PriorRequestNotComplete".equals(errorCode(service));
      return new BackendException(message, e, status, retryable);
    }
    boolean retryable = !unreachable(e) && (e.retryable() || e.getCause() instanceof IOException
        || e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException);
    return new BackendException(action + " failed: " + e.getMessage() + suffix, e, 0, retryable);
  }

  /**
   * Whether no connection could be made: refused, no route, or the connect timeout (Apache HttpClient's is
   * matched by name, so as not to depend on the HTTP client the SDK was given).
   */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException
          || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
        return true;
      }
    }
    return false;
  }

  private static String errorCode(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    return details == null ? null : details.errorCode();
  }

  private static String detail(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    if (details == null || details.errorCode() == null) {
      return e.getMessage();
    }
    return details.errorCode() + " (HTTP " + e.statusCode() + "): " + details.errorMessage();
  }
}
