package dev.platformkit.upgrade;

import java.util.Objects;

/**
 * The Kubernetes minors a controller's release line was tested with, such as Argo CD 3.2 with 1.31 to
 * 1.34. Outside the range a controller may work, but nobody tested it.
 *
 * @param controller the controller's name ({@code argo-cd})
 * @param controllerMinor the release line, {@code major.minor} ({@code 3.2})
 * @param oldestKubernetes the oldest minor tested
 * @param newestKubernetes the newest minor tested
 * @param source the public page that states it (a URL)
 */
public record TestedKubernetesRange(
    String controller, String controllerMinor, KubernetesVersion oldestKubernetes, KubernetesVersion newestKubernetes, String source) {

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public TestedKubernetesRange {
    ControllerVersions.requireName(controller);
    Objects.requireNonNull(oldestKubernetes, "oldestKubernetes");
    Objects.requireNonNull(newestKubernetes, "newestKubernetes");
    oldestKubernetes = oldestKubernetes.toMinor();
    newestKubernetes = newestKubernetes.toMinor();
    if (ControllerVersions.parse(controllerMinor, "controllerMinor").length != 2) {
      throw new IllegalArgumentException("controllerMinor \"" + controllerMinor + "\" must be major.minor such as 3.2");
    }
    if (newestKubernetes.isBefore(oldestKubernetes)) {
      throw new IllegalArgumentException("newestKubernetes " + newestKubernetes + " of " + controller + " " + controllerMinor
          + " is before oldestKubernetes " + oldestKubernetes);
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source of " + controller + " " + controllerMinor + " is required");
    }
  }

  /** Whether {@code kubernetes} (any patch) is within the tested minors. */
  public boolean covers(KubernetesVersion kubernetes) {
    KubernetesVersion k = kubernetes.toMinor();
    return !k.isBefore(oldestKubernetes) && !k.isAfter(newestKubernetes);
  }

  /** Whether {@code controllerVersion} ({@code v3.2.5}) belongs to this release line. */
  public boolean includes(String controllerVersion) {
    int[] v = ControllerVersions.parse(controllerVersion, "controllerVersion");
    int[] line = ControllerVersions.parse(controllerMinor, "controllerMinor");
    return v.length >= 2 && v[0] == line[0] && v[1] == line[1];
  }
}
