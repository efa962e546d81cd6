package dev.platformkit.k8s.internal;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises known controllers by their container image and reads the version from the tag. The names
 * are those of {@code ControllerCompatibility} and, for EKS add-ons, of the add-on.
 */
public final class ControllerImages {
  // the image repository's last path segment -> the controller's name
  private static final Map<String, String> BY_REPOSITORY = Map.of(
      "aws-load-balancer-controller", "aws-load-balancer-controller",
      "argocd", "argo-cd",
      "amazon-k8s-cni", "vpc-cni",
      "coredns", "coredns",
      "kube-proxy", "kube-proxy",
      "aws-ebs-csi-driver", "aws-ebs-csi-driver");
  private static final Pattern VERSION_TAG = Pattern.compile("v?\\d{1,6}\\.\\d{1,6}(\\.\\d{1,6})?([-+][0-9A-Za-z.+-]*)?");

  private ControllerImages() {}

  /** A recognised image: the controller, and the tag when it is a version (else null). */
  public record Match(String controller, String version) {}

  /** The controller {@code image} runs, if it is one of the known ones. */
  public static Optional<Match> match(String image) {
    if (image == null || image.isBlank()) {
      return Optional.empty();
    }
    String ref = image.strip();
    int digest = ref.indexOf('@');
    if (digest >= 0) {
      ref = ref.substring(0, digest);
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    String tag = colon > slash ? ref.substring(colon + 1) : null;
    String repository = ref.substring(slash + 1, colon > slash ? colon : ref.length());
    String controller = BY_REPOSITORY.get(repository);
    if (controller == null) {
      return Optional.empty();
    }
    return Optional.of(new Match(controller, tag != null && VERSION_TAG.matcher(tag).matches() ? tag : null));
  }
}
