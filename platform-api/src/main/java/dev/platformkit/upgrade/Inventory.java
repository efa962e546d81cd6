package dev.platformkit.upgrade;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the scanners found that an upgrade depends on: the control plane version, the API versions in use
 * that are deprecated or removed at some minor (only those, so the inventory stays small however large the
 * corpus), node and node group versions, EKS add-ons with the versions available for each cluster minor,
 * and installed controllers. The planner reads nothing else.
 *
 * @param controlPlane the control plane version, when known
 * @param apiUsages uses of deprecated or removed API versions, in the order found
 * @param nodes kubelet versions of the nodes
 * @param nodeGroups managed node groups and their versions
 * @param addOns installed EKS add-ons
 * @param controllers installed controllers (AWS Load Balancer Controller, Argo CD, ...)
 */
public record Inventory(Optional<KubernetesVersion> controlPlane, List<ApiUsage> apiUsages, List<NodeVersion> nodes,
    List<NodeGroupVersion> nodeGroups, List<AddOn> addOns, List<ControllerVersion> controllers) implements Serializable {

  /** Copies the lists. */
  public Inventory {
    Objects.requireNonNull(controlPlane, "controlPlane");
    apiUsages = List.copyOf(apiUsages);
    nodes = List.copyOf(nodes);
    nodeGroups = List.copyOf(nodeGroups);
    addOns = List.copyOf(addOns);
    controllers = List.copyOf(controllers);
  }

  /** Nothing found. */
  public static Inventory empty() {
    return new Inventory(Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** This inventory and {@code other} together; a control plane version given by either (this one first). */
  public Inventory plus(Inventory other) {
    return new Inventory(controlPlane.or(other::controlPlane),
        concat(apiUsages, other.apiUsages), concat(nodes, other.nodes), concat(nodeGroups, other.nodeGroups),
        concat(addOns, other.addOns), concat(controllers, other.controllers));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /** Where a use of an API version was seen. */
  public enum Origin {
    /** A manifest file (including {@code helm template} and {@code kustomize build} output). */
    FILE,
    /** The {@code kubectl.kubernetes.io/last-applied-configuration} annotation of a live object. */
    LAST_APPLIED,
    /** A manifest of a deployed Helm 3 release (its {@code sh.helm.release.v1.*} secret). */
    HELM_RELEASE,
    /** The API server's {@code apiserver_requested_deprecated_apis} metric: some client still calls it. */
    METRIC
  }

  /**
   * One use of an API version that is deprecated or removed at some minor.
   *
   * @param apiVersion the apiVersion used, such as {@code networking.k8s.io/v1beta1}
   * @param kind the kind, such as {@code Ingress}; for a metric, the resource's kind when known
   * @param namespace the object's namespace; null for cluster-scoped objects, metrics, and files that name none
   * @param name the object's name; null for metrics
   * @param origin where it was seen
   * @param location where exactly, for a person: {@code manifests/ingress.yaml:12},
   *     {@code helm release shop/storefront revision 3 (templates/ingress.yaml)},
   *     {@code last-applied of Ingress shop/storefront}, {@code apiserver_requested_deprecated_apis}
   */
  public record ApiUsage(String apiVersion, String kind, String namespace, String name, Origin origin, String location)
      implements Serializable {
    /** Checks the required parts. */
    public ApiUsage {
      Objects.requireNonNull(apiVersion, "apiVersion");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * A node's kubelet version.
   *
   * @param name the node name
   * @param nodeGroup the managed node group it belongs to ({@code eks.amazonaws.com/nodegroup} label), or null
   * @param kubelet the kubelet version
   */
  public record NodeVersion(String name, String nodeGroup, KubernetesVersion kubelet) implements Serializable {}

  /**
   * A managed node group and the Kubernetes version of its nodes.
   *
   * @param name the node group name
   * @param version its version
   */
  public record NodeGroupVersion(String name, KubernetesVersion version) implements Serializable {}

  /**
   * An installed EKS add-on and the versions EKS offers for it ({@code DescribeAddonVersions}).
   *
   * @param name the add-on ({@code vpc-cni}, {@code coredns}, {@code kube-proxy}, ...)
   * @param version the installed version, such as {@code v1.12.6-eksbuild.2}
   * @param available the versions EKS offers, each with the cluster minors it is compatible with
   */
  public record AddOn(String name, String version, List<AddOnVersion> available) implements Serializable {
    /** Copies the list. */
    public AddOn {
      available = List.copyOf(available);
    }
  }

  /**
   * One version of an add-on and the cluster minors it supports.
   *
   * @param version the add-on version
   * @param clusterVersions the cluster minors it is compatible with
   * @param defaultFor the cluster minors for which it is EKS's default version
   */
  public record AddOnVersion(String version, Set<KubernetesVersion> clusterVersions, Set<KubernetesVersion> defaultFor)
      implements Serializable {
    /** Copies the sets. */
    public AddOnVersion {
      clusterVersions = Set.copyOf(clusterVersions);
      defaultFor = Set.copyOf(defaultFor);
    }
  }

  /**
   * A controller found running in the cluster, with the version read from its image tag.
   *
   * @param name the controller, as {@link ControllerCompatibility} names it ({@code aws-load-balancer-controller})
   * @param version its version, such as {@code v2.4.7}
   * @param image the image it runs
   */
  public record ControllerVersion(String name, String version, String image) implements Serializable {}
}
