package dev.platformkit;

import java.time.Duration;

/**
 * A wait (a certificate to be issued, a load balancer to get its hostname, an EKS update) did not end
 * within its timeout. Nothing was undone: what was written stays, and running the same operation again
 * resumes the wait from the real state. Not retryable by the library itself.
 */
public class WaitTimeoutException extends PlatformException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String lastStatus;
  private final Duration timeout;

  /**
   * @param subject what was waited for, such as {@code certificate for shop.example.com}
   * @param lastStatus the last state seen, such as {@code PENDING_VALIDATION}
   * @param timeout how long was waited
   */
  public WaitTimeoutException(String subject, String lastStatus, Duration timeout) {
    super("timed out after " + timeout.toSeconds() + "s waiting for " + subject + " (last status: " + lastStatus
        + "); run again to resume", null, false);
    this.subject = subject;
    this.lastStatus = lastStatus;
    this.timeout = timeout;
  }

  /** What was waited for. */
  public String subject() {
    return subject;
  }

  /** The last state seen. */
  public String lastStatus() {
    return lastStatus;
  }

  /** How long was waited. */
  public Duration timeout() {
    return timeout;
  }
}
