package dev.platformkit.testkit.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The add-on versions a {@link FakeEksClient} offers, as {@code DescribeAddonVersions} answers them: per
 * add-on, its versions (newest first), each with the cluster minors it is compatible with and those it is
 * the default for. {@code UpdateAddon} accepts only a version listed here as compatible with the cluster's
 * current minor.
 *
 * <p>{@link #defaults()} covers {@code vpc-cni}, {@code coredns}, {@code kube-proxy} and
 * {@code aws-ebs-csi-driver} on clusters 1.20 to 1.32, shaped like EKS's answers (kube-proxy follows the
 * cluster minor; VPC CNI below 1.12 stops at 1.25, as EKS 1.26 requires 1.12 or later). The version
 * numbers are realistic, not a copy of what EKS offers today: tests that need other versions build their
 * own with {@link #empty()} and {@link #with}. Immutable.
 */
public final class EksAddonCatalogue {

  /**
   * One version of an add-on.
   *
   * @param version such as {@code v1.12.6-eksbuild.2}
   * @param clusterVersions the cluster minors ({@code 1.27}) it is compatible with
   * @param defaultFor the cluster minors it is EKS's default for
   */
  public record Version(String version, Set<String> clusterVersions, Set<String> defaultFor) {
    /** Copies the sets, keeping their order. */
    public Version {
      Objects.requireNonNull(version, "version");
      clusterVersions = Collections.unmodifiableSet(new LinkedHashSet<>(clusterVersions));
      defaultFor = Collections.unmodifiableSet(new LinkedHashSet<>(defaultFor));
      if (!clusterVersions.containsAll(defaultFor)) {
        throw new IllegalArgumentException(version + ": defaultFor " + defaultFor + " must be among clusterVersions " + clusterVersions);
      }
    }
  }

  private final Map<String, List<Version>> addons;

  private EksAddonCatalogue(Map<String, List<Version>> addons) {
    this.addons = addons;
  }

  /** No add-ons. */
  public static EksAddonCatalogue empty() {
    return new EksAddonCatalogue(Map.of());
  }

  /** This catalogue and {@code version} of {@code addon} (listed before the versions already there: newest first). */
  public EksAddonCatalogue with(String addon, Version version) {
    Map<String, List<Version>> copy = new LinkedHashMap<>(addons);
    List<Version> versions = new ArrayList<>();
    versions.add(version);
    versions.addAll(copy.getOrDefault(addon, List.of()));
    if (versions.stream().map(Version::version).distinct().count() != versions.size()) {
      throw new IllegalArgumentException(addon + " " + version.version() + " is in the catalogue already");
    }
    copy.put(addon, List.copyOf(versions));
    return new EksAddonCatalogue(Collections.unmodifiableMap(copy));
  }

  /**
   * This catalogue and {@code version} of {@code addon}, compatible with the minors {@code 1.<first>} to
   * {@code 1.<last>} and the default for {@code 1.<d>} of each {@code defaultFor}.
   */
  public EksAddonCatalogue with(String addon, String version, int first, int last, int... defaultFor) {
    Set<String> compatible = new LinkedHashSet<>();
    for (int m = last; m >= first; m--) {
      compatible.add("1." + m);
    }
    Set<String> defaults = new LinkedHashSet<>();
    for (int d : defaultFor) {
      defaults.add("1." + d);
    }
    return with(addon, new Version(version, compatible, defaults));
  }

  /** The add-ons, in the order added. */
  public Set<String> addons() {
    return addons.keySet();
  }

  /** The versions of {@code addon}, newest first; empty when it is not in the catalogue. */
  public List<Version> versions(String addon) {
    return addons.getOrDefault(addon, List.of());
  }

  /** The version {@code version} of {@code addon}, or null. */
  public Version find(String addon, String version) {
    return versions(addon).stream().filter(v -> v.version().equals(version)).findFirst().orElse(null);
  }

  /** The default catalogue: vpc-cni, coredns, kube-proxy and aws-ebs-csi-driver for clusters 1.20 to 1.32. */
  public static EksAddonCatalogue defaults() {
    EksAddonCatalogue c = empty()
        // oldest first, as with() lists each new version before the others
        .with("vpc-cni", "v1.10.4-eksbuild.1", 20, 25, 20, 21)
        .with("vpc-cni", "v1.11.4-eksbuild.1", 20, 25, 22, 23, 24)
        .with("vpc-cni", "v1.12.6-eksbuild.2", 21, 29, 25, 26)
        .with("vpc-cni", "v1.15.1-eksbuild.1", 22, 30, 27, 28)
        .with("vpc-cni", "v1.18.3-eksbuild.3", 25, 32, 29, 30, 31)
        .with("vpc-cni", "v1.19.2-eksbuild.1", 25, 32, 32)
        .with("coredns", "v1.8.3-eksbuild.1", 20, 21, 20, 21)
        .with("coredns", "v1.8.7-eksbuild.3", 21, 25, 22, 23, 24)
        .with("coredns", "v1.9.3-eksbuild.11", 22, 29, 25, 26)
        .with("coredns", "v1.10.1-eksbuild.13", 26, 31, 27, 28)
        .with("coredns", "v1.11.1-eksbuild.13", 29, 32, 29)
        .with("coredns", "v1.11.3-eksbuild.2", 29, 32, 30, 31, 32)
        .with("aws-ebs-csi-driver", "v1.5.3-eksbuild.1", 20, 23, 20, 21, 22)
        .with("aws-ebs-csi-driver", "v1.11.4-eksbuild.1", 20, 25, 23, 24)
        .with("aws-ebs-csi-driver", "v1.19.0-eksbuild.2", 23, 28, 25, 26, 27)
        .with("aws-ebs-csi-driver", "v1.25.0-eksbuild.1", 23, 29, 28, 29)
        .with("aws-ebs-csi-driver", "v1.35.0-eksbuild.1", 25, 32, 30, 31, 32);
    // kube-proxy: one build per cluster minor, compatible with that minor only
    String[] kubeProxy = {"v1.20.15-eksbuild.2", "v1.21.14-eksbuild.3", "v1.22.17-eksbuild.2", "v1.23.17-eksbuild.2",
        "v1.24.17-eksbuild.4", "v1.25.16-eksbuild.8", "v1.26.15-eksbuild.10", "v1.27.16-eksbuild.14",
        "v1.28.15-eksbuild.4", "v1.29.10-eksbuild.3", "v1.30.6-eksbuild.3", "v1.31.2-eksbuild.3", "v1.32.0-eksbuild.2"};
    for (int i = 0; i < kubeProxy.length; i++) {
      c = c.with("kube-proxy", kubeProxy[i], 20 + i, 20 + i, 20 + i);
    }
    return c;
  }
}
