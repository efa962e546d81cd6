package dev.platformkit.aws;

import dev.platformkit.aws.internal.AwsErrors;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.KubernetesVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AddonInfo;
import software.amazon.awssdk.services.eks.model.AddonVersionInfo;
import software.amazon.awssdk.services.eks.model.Compatibility;

/**
 * Reads what an upgrade of an EKS cluster depends on into an {@link Inventory}: the control plane version,
 * the managed node groups and their versions, and the installed add-ons with, from
 * {@code DescribeAddonVersions}, every version EKS offers for them and the cluster minors each supports, for
 * every minor from the cluster's up to the newest EKS offers. Reads only.
 *
 * <pre>{@code
 * Inventory eks = EksScanner.create(EksClient.create()).scan("shop-prod");
 * Inventory all = eks.plus(ClusterScanner.create(kubernetesClient).scan());
 * }</pre>
 *
 * <p>Calls: {@code DescribeCluster}, {@code ListNodegroups} and one {@code DescribeNodegroup} per node
 * group, {@code ListAddons} and one {@code DescribeAddon} per add-on, and {@code DescribeAddonVersions}
 * once per installed add-on (all pages). The client's errors become {@link dev.platformkit.PlatformException}s;
 * the client stays yours to close. Thread-safe.
 */
public final class EksScanner {
  private final EksClient eks;

  private EksScanner(EksClient eks) {
    this.eks = eks;
  }

  /** A scanner reading through {@code eks} (the cluster's region). */
  public static EksScanner create(EksClient eks) {
    return new EksScanner(Objects.requireNonNull(eks, "eks"));
  }

  /**
   * The inventory of EKS cluster {@code cluster}: its control plane version, node groups and add-ons.
   *
   * @throws dev.platformkit.NotFoundException when the cluster does not exist
   */
  public Inventory scan(String cluster) {
    if (cluster == null || cluster.isBlank()) {
      throw new IllegalArgumentException("cluster: the EKS cluster name is required");
    }
    KubernetesVersion controlPlane = call("reading EKS cluster " + cluster,
        () -> KubernetesVersion.parse(eks.describeCluster(r -> r.name(cluster)).cluster().version()));
    List<Inventory.NodeGroupVersion> nodeGroups = new ArrayList<>();
    for (String name : nodegroups(cluster)) {
      String version = call("reading node group " + name + " of EKS cluster " + cluster,
          () -> eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name)).nodegroup().version());
      nodeGroups.add(new Inventory.NodeGroupVersion(name, KubernetesVersion.parse(version)));
    }
    List<Inventory.AddOn> addOns = new ArrayList<>();
    for (String name : addons(cluster)) {
      String version = call("reading add-on " + name + " of EKS cluster " + cluster,
          () -> eks.describeAddon(r -> r.clusterName(cluster).addonName(name)).addon().addonVersion());
      addOns.add(new Inventory.AddOn(name, version, available(name, controlPlane)));
    }
    return new Inventory(Optional.of(controlPlane), List.of(), List.of(), nodeGroups, addOns, List.of());
  }

  private List<String> nodegroups(String cluster) {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page = call("listing the node groups of EKS cluster " + cluster,
          () -> eks.listNodegroups(r -> r.clusterName(cluster).nextToken(t)));
      names.addAll(page.nodegroups());
      token = page.nextToken();
    } while (token != null);
    return names;
  }

  private List<String> addons(String cluster) {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page = call("listing the add-ons of EKS cluster " + cluster,
          () -> eks.listAddons(r -> r.clusterName(cluster).nextToken(t)));
      names.addAll(page.addons());
      token = page.nextToken();
    } while (token != null);
    return names;
  }

  // every version of the add-on with the minors it supports, keeping only the minors from the cluster's on:
  // older ones are no hop of an upgrade
  private List<Inventory.AddOnVersion> available(String addon, KubernetesVersion controlPlane) {
    Map<String, Inventory.AddOnVersion> versions = new LinkedHashMap<>();
    String token = null;
    do {
      String t = token;
      var page = call("reading the versions of add-on " + addon,
          () -> eks.describeAddonVersions(r -> r.addonName(addon).nextToken(t)));
      for (AddonInfo info : page.addons()) {
        if (!addon.equals(info.addonName())) {
          continue;
        }
        for (AddonVersionInfo v : info.addonVersions()) {
          Set<KubernetesVersion> supported = new LinkedHashSet<>();
          Set<KubernetesVersion> defaults = new LinkedHashSet<>();
          for (Compatibility c : v.compatibilities()) {
            KubernetesVersion minor = KubernetesVersion.parse(c.clusterVersion()).toMinor();
            if (minor.major() != controlPlane.major() || controlPlane.toMinor().minorsUntil(minor) < 0) {
              continue;
            }
            supported.add(minor);
            if (Boolean.TRUE.equals(c.defaultVersion())) {
              defaults.add(minor);
            }
          }
          if (!supported.isEmpty()) {
            versions.putIfAbsent(v.addonVersion(), new Inventory.AddOnVersion(v.addonVersion(), supported, defaults));
          }
        }
      }
      token = page.nextToken();
    } while (token != null);
    return List.copyOf(versions.values());
  }

  private static <T> T call(String action, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw AwsErrors.map(e, action);
    }
  }
}
