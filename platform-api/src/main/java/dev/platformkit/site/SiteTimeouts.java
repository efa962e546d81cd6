package dev.platformkit.site;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How long applying and deleting {@link Site}s wait, and how often they look. Given to
 * {@code Platform.builder().siteTimeouts(...)}; {@link #DEFAULTS} otherwise. A wait that passes its timeout
 * is a {@link dev.platformkit.WaitTimeoutException}: nothing is undone, and running the same apply or delete
 * again resumes from the real state.
 *
 * @param certificate until an ACM certificate is {@code ISSUED} (DNS validation usually takes minutes)
 * @param loadBalancer until every Application is synced and healthy and its Ingress has a load balancer
 * @param release until a certificate to delete is no longer in use by a load balancer, and a deleted
 *     Application is gone (its finalizer deletes what it deployed first)
 * @param poll how long to wait between two looks
 */
public record SiteTimeouts(Duration certificate, Duration loadBalancer, Duration release, Duration poll)
    implements Serializable {

  /** 30 minutes for a certificate, 15 for the load balancer, 10 for releases; a look every 15 seconds. */
  public static final SiteTimeouts DEFAULTS = new SiteTimeouts(Duration.ofMinutes(30), Duration.ofMinutes(15),
      Duration.ofMinutes(10), Duration.ofSeconds(15));

  /** Checks that every duration is positive. */
  public SiteTimeouts {
    positive("certificate", certificate);
    positive("loadBalancer", loadBalancer);
    positive("release", release);
    positive("poll", poll);
  }

  private static void positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("site timeout " + field + " must be positive, not " + d);
    }
  }
}
