package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;
import java.util.Optional;

/**
 * How far node groups (kubelets) may fall behind the control plane during an in-place upgrade; spelled
 * {@code strict} or {@code relaxed} in a spec.
 *
 * <p>Both policies stay within the upstream rule ({@link #kubeletSupported}, from
 * https://kubernetes.io/releases/version-skew-policy/): a kubelet must not be newer than
 * kube-apiserver, and may be up to three minor versions older, or two when the kubelet is older than
 * 1.25. {@link #hopBlocker} says whether a node group at a given version lets the control plane take
 * the next hop.
 */
public enum SkewPolicy {
  /**
   * Node groups follow the control plane after every hop: before the next control-plane hop every
   * managed node group must be at the control plane's minor, so kubelets are never more than one minor
   * behind.
   */
  STRICT,
  /**
   * Node groups are upgraded only when the next hop would leave them further behind than Kubernetes
   * supports: fewer node rollouts, at the cost of running near the edge of the skew policy.
   */
  RELAXED;

  // kubelets from 1.25 on may be three minors behind kube-apiserver, older ones two
  private static final KubernetesVersion THREE_MINOR_SKEW = KubernetesVersion.of(1, 25);

  /**
   * How many minors kubelets may be behind a control plane at {@code controlPlane}: 1 when strict;
   * when relaxed, what the Kubernetes version skew policy allows: 3 from 1.28 on, 2 before (kubelets
   * older than 1.25 may only be two minors behind, and a kubelet three behind a control plane older
   * than 1.28 is older than 1.25). Same answer as {@link #kubeletSupported} for every lag.
   */
  public int maxKubeletLag(KubernetesVersion controlPlane) {
    if (this == STRICT) {
      return 1;
    }
    return controlPlane.minor() >= 28 ? 3 : 2;
  }

  /**
   * The upstream version skew rule: whether a kubelet at {@code kubelet} is supported with
   * kube-apiserver at {@code apiServer}. Not newer than the API server (patches ignored), and at most
   * {@link #upstreamMaxKubeletLag} minors older.
   *
   * @throws IllegalArgumentException when the major versions differ (the policy does not cover that)
   */
  public static boolean kubeletSupported(KubernetesVersion kubelet, KubernetesVersion apiServer) {
    int lag = kubelet.minorsUntil(apiServer);
    return lag >= 0 && lag <= upstreamMaxKubeletLag(kubelet);
  }

  /**
   * How many minors older than kube-apiserver a kubelet at {@code kubelet} may be, by the upstream rule:
   * 3, or 2 when the kubelet is older than 1.25.
   */
  public static int upstreamMaxKubeletLag(KubernetesVersion kubelet) {
    return kubelet.isBefore(THREE_MINOR_SKEW) ? 2 : 3;
  }

  /**
   * The oldest kubelet minor supported with kube-apiserver at {@code apiServer}: {@code 1.25} for
   * {@code 1.28}, {@code 1.25} for {@code 1.27} (a 1.24 kubelet may only be two minors behind),
   * {@code 1.24} for {@code 1.26}.
   */
  public static KubernetesVersion oldestSupportedKubelet(KubernetesVersion apiServer) {
    for (int lag = 3; lag > 0; lag--) {
      int minor = apiServer.minor() - lag;
      if (minor >= 0 && kubeletSupported(KubernetesVersion.of(apiServer.major(), minor), apiServer)) {
        return KubernetesVersion.of(apiServer.major(), minor);
      }
    }
    return apiServer.toMinor();
  }

  /**
   * Why a node group whose kubelets are at {@code kubelet} keeps the control plane from taking
   * {@code hop}, or empty when the hop may go ahead. Under both policies the kubelet must not be newer
   * than the control plane before the hop and must still be supported after it (the upstream rule);
   * when strict, the node group must also be at the control plane's minor before the hop.
   */
  public Optional<String> hopBlocker(Hop hop, KubernetesVersion kubelet) {
    KubernetesVersion k = kubelet.toMinor();
    if (k.isAfter(hop.from())) {
      return Optional.of("kubelet " + kubelet + " is newer than the control plane at " + hop.from()
          + ", which the version skew policy never allows");
    }
    if (this == STRICT && !k.equals(hop.from())) {
      return Optional.of("kubelet " + kubelet + " must be upgraded to " + hop.from() + " before the control plane goes " + hop
          + " (strict node skew: node groups match the control plane before each hop)");
    }
    if (!kubeletSupported(k, hop.to())) {
      return Optional.of("kubelet " + kubelet + " would be " + k.minorsUntil(hop.to()) + " minors behind the control plane at "
          + hop.to() + "; the version skew policy allows " + upstreamMaxKubeletLag(k)
          + " for a kubelet at " + k + ": upgrade it to at least " + oldestSupportedKubelet(hop.to()) + " first");
    }
    return Optional.empty();
  }

  /** Whether {@link #hopBlocker} finds nothing. */
  public boolean allowsHop(Hop hop, KubernetesVersion kubelet) {
    return hopBlocker(hop, kubelet).isEmpty();
  }

  /** The spelling in a spec: {@code strict} or {@code relaxed}. */
  @JsonValue
  public String value() {
    return Spelling.of(this);
  }

  /** Parses {@code strict} or {@code relaxed} (any case). */
  @JsonCreator
  public static SkewPolicy of(String value) {
    return Spelling.parse(SkewPolicy.class, value, "a node skew policy");
  }
}
