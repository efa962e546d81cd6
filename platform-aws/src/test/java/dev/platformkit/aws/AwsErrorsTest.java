package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import dev.platformkit.aws.internal.AwsErrors;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;

class AwsErrorsTest {

  private static AwsServiceException service(AwsServiceException.Builder b, int status, String code) {
    return b.message(code).statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("details of " + code).build()).build();
  }

  private static PlatformException map(Exception e) {
    return AwsErrors.map((software.amazon.awssdk.core.exception.SdkException) e, "creating aws AccessEntry x in EKS cluster prod");
  }

  @Test
  void resourceInUseIsAConflict() {
    PlatformException e = map(service(ResourceInUseException.builder(), 409, "ResourceInUseException"));

    assertThat(e).isInstanceOf(ConflictException.class).hasMessageContaining("EKS cluster prod");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void throttlingIsRetryableWhateverItsStatus() {
    // some services throttle with 400 and an error code only
    PlatformException e = map(service(EksException.builder(), 400, "Throttling"));

    assertThat(e).isInstanceOf(BackendException.class);
    assertThat(e.retryable()).isTrue();
    assertThat(((BackendException) e).status()).hasValue(400);
  }

  @Test
  void serverErrorsAreRetryableAndClientErrorsAreNot() {
    assertThat(map(service(EksException.builder(), 500, "ServerException")).retryable()).isTrue();
    assertThat(map(service(EksException.builder(), 503, "ServiceUnavailableException")).retryable()).isTrue();
    PlatformException denied = map(service(EksException.builder(), 403, "AccessDeniedException"));
    assertThat(denied).isInstanceOf(BackendException.class)
        .hasMessage("creating aws AccessEntry x in EKS cluster prod failed: AccessDeniedException (HTTP 403): details of AccessDeniedException");
    assertThat(denied.retryable()).isFalse();
  }

  @Test
  void notFoundIsNotFound() {
    assertThat(map(service(EksException.builder(), 404, "NotFoundException"))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void networkFailuresAreRetryableOtherClientFailuresAreNot() {
    PlatformException io = map(SdkClientException.create("Unable to execute HTTP request", new IOException("connection reset")));
    PlatformException config = map(SdkClientException.create("Unable to load credentials"));

    assertThat(io.retryable()).isTrue();
    assertThat(config.retryable()).isFalse();
    assertThat(((BackendException) config).status()).isEmpty();
  }

  @Test
  void aRefusedConnectionIsNotRetryableAndKeepsTheSdksMessage() {
    // what the SDK 2.40 (Apache client, no retries) raises when nothing listens: HttpHostConnectException
    // is a ConnectException; a stand-in keeps the test off the HTTP client's classes
    String sdk = "Unable to execute HTTP request: Connect to 127.0.0.1:44349 [/127.0.0.1] failed: Connection refused (SDK Attempt Count: 1)";
    ConnectException apache = new ConnectException("Connect to 127.0.0.1:44349 [/127.0.0.1] failed: Connection refused");
    apache.initCause(new ConnectException("Connection refused"));

    PlatformException e = map(SdkClientException.create(sdk, apache));

    assertThat(e).isExactlyInstanceOf(BackendException.class)
        .hasMessage("creating aws AccessEntry x in EKS cluster prod failed: " + sdk);
    assertThat(e.retryable()).isFalse();
    assertThat(((BackendException) e).status()).isEmpty();
  }

  @Test
  void aConnectTimeoutIsNotRetryableButAnAttemptTimeoutIs() {
    PlatformException connect = map(SdkClientException.create("Unable to execute HTTP request: Connect to eks timed out",
        new ConnectTimeoutException("Connect to eks.us-east-1.amazonaws.com:443 failed: connect timed out")));

    assertThat(connect.retryable()).isFalse();
    assertThat(map(ApiCallAttemptTimeoutException.create(1000)).retryable()).isTrue();
    assertThat(map(ApiCallTimeoutException.create(1000)).retryable()).isTrue();
  }

  /** Stands for Apache HttpClient's ConnectTimeoutException, which is no ConnectException. */
  static final class ConnectTimeoutException extends java.io.InterruptedIOException {
    ConnectTimeoutException(String message) {
      super(message);
    }
  }
}
