package dev.platformkit.upgrade;

import java.util.Objects;

/**
 * Something a scanner could not read and skipped, such as a file that is not YAML or a Helm release
 * secret that does not decode. The scan goes on; the findings of everything else stand.
 *
 * @param location where, for a person: {@code manifests/broken.yaml:7}, {@code secret shop/sh.helm.release.v1.shop.v3}
 * @param message what is wrong, in one line
 */
public record ScanProblem(String location, String message) {
  /** Checks both parts. */
  public ScanProblem {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** {@code location: message}. */
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
