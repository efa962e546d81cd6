package dev.platformkit.testkit;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How an injected call fails (see {@link Faults}): with the exception a real backend maps that failure to,
 * its message naming the call ({@code update of ResourceQuota payments-dev/platformkit failed: HTTP 429:
 * Too Many Requests (fault injected by the testkit)}).
 */
public final class Fault {
  private final String description;
  private final Duration takes;
  private final Function<String, ? extends PlatformException> exception;

  private Fault(String description, Duration takes, Function<String, ? extends PlatformException> exception) {
    this.description = description;
    this.takes = takes;
    this.exception = exception;
  }

  /** Throttled: a retryable {@link BackendException} with HTTP status 429, which the platform retries. */
  public static Fault throttling() {
    return status(429);
  }

  /**
   * Someone else changed the object: a {@link ConflictException} (HTTP 409), retryable, which the platform
   * answers by reading again.
   */
  public static Fault conflict() {
    return status(409);
  }

  /** The object or namespace is not there: a {@link NotFoundException} (HTTP 404), not retryable. */
  public static Fault notFound() {
    return status(404);
  }

  /**
   * The server accepted the request and did not answer within {@code after}: the call takes that long on the
   * {@link FakeClock} of the {@link Faults}, then fails with a retryable {@link BackendException} without a
   * status, caused by a {@link SocketTimeoutException}, as a timeout on an established connection does.
   */
  public static Fault timeout(Duration after) {
    Objects.requireNonNull(after, "after");
    if (after.isNegative()) {
      throw new IllegalArgumentException("after: a timeout takes no negative time: " + after);
    }
    return new Fault("timeout after " + after, after, what -> new BackendException(what + " failed: timed out after "
        + after + " (fault injected by the testkit)", new SocketTimeoutException("Read timed out"), 0, true));
  }

  /**
   * An answer with HTTP status {@code status}, mapped as the backends map it: 409 a {@link ConflictException},
   * 404 a {@link NotFoundException}, anything else a {@link BackendException}, retryable for 429 and 5xx.
   */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status: an error is 400 to 599, not " + status);
    }
    String reason = switch (status) {
      case 409 -> "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again";
      case 404 -> "not found";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "error";
    };
    return new Fault("HTTP " + status, Duration.ZERO, what -> {
      String message = what + " failed: HTTP " + status + ": " + reason + " (fault injected by the testkit)";
      return status == 409 ? new ConflictException(message) : status == 404 ? new NotFoundException(message)
          : new BackendException(message, null, status, BackendException.retryableStatus(status));
    });
  }

  /** Fails with a fresh exception from {@code exception}, as it is. */
  public static Fault of(Supplier<? extends PlatformException> exception) {
    Objects.requireNonNull(exception, "exception");
    return new Fault("custom", Duration.ZERO, what -> exception.get());
  }

  /** How long the failing call takes on the clock before it fails (zero but for {@link #timeout}). */
  public Duration takes() {
    return takes;
  }

  /** The exception for a call described as {@code what} ({@code update of Namespace payments}). */
  PlatformException exception(String what) {
    return exception.apply(what);
  }

  /** {@code HTTP 429}, {@code timeout after PT5S}, {@code custom}. */
  @Override
  public String toString() {
    return description;
  }
}
