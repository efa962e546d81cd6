package dev.platformkit.upgrade;

import java.util.Objects;

/**
 * From a Kubernetes minor on, a controller must be at least at a version: the AWS Load Balancer
 * Controller at 2.4.0 from 1.22, the VPC CNI at 1.12.0 from 1.26 on EKS.
 *
 * @param controller the controller's name ({@code aws-load-balancer-controller}, {@code vpc-cni})
 * @param fromKubernetes the first minor that needs it
 * @param minimumVersion the lowest controller version that works there ({@code 2.4.0})
 * @param reason why
 * @param source the public page that states it (a URL)
 */
public record ControllerRequirement(String controller, KubernetesVersion fromKubernetes, String minimumVersion, String reason, String source) {

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public ControllerRequirement {
    Objects.requireNonNull(fromKubernetes, "fromKubernetes");
    fromKubernetes = fromKubernetes.toMinor();
    ControllerVersions.requireName(controller);
    ControllerVersions.parse(minimumVersion, "minimumVersion");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason of " + controller + " is required");
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source of " + controller + " is required");
    }
  }

  /** Whether {@code installedVersion} ({@code v2.4.7}, {@code v1.12.0-eksbuild.1}) is at least the minimum. */
  public boolean isMetBy(String installedVersion) {
    return ControllerVersions.compare(installedVersion, minimumVersion) >= 0;
  }
}
