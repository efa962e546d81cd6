package dev.platformkit.aws.internal;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
   *   <li>throttling (any of the SDK's throttling error codes), 429 and 5xx: retryable {@link BackendException};
   *   <li>client-side failures: retryable when the SDK says so or an I/O error caused them (its own
   *       retries are spent by then, ours are bounded);
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
      boolean retryable = service.retryable() || service.isThrottlingException() || BackendException.retryableStatus(status);
      return new BackendException(message, e, status, retryable);
    }
    boolean retryable = e.retryable() || e.getCause() instanceof IOException;
    return new BackendException(action + " failed: " + e.getMessage() + suffix, e, 0, retryable);
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
