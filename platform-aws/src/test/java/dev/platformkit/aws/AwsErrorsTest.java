package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import dev.platformkit.aws.internal.AwsErrors;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
}
