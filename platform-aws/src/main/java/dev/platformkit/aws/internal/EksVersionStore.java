package dev.platformkit.aws.internal;

import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Addon;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateStatus;

/**
 * The versions of an EKS cluster's parts as owned fields, the one thing an upgrade writes on objects it
 * did not create: body {@code {version, status}} ({@code status} read-only), labels = tags.
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>kind</th><th>name</th><th>version</th><th>a version change is</th></tr>
 *   <tr><td>{@code ClusterVersion}</td><td>{@code <cluster>}</td><td>the minor, {@code 1.24}</td>
 *       <td>{@code UpdateClusterVersion}</td></tr>
 *   <tr><td>{@code Addon}</td><td>{@code <cluster>/<addon>}</td><td>{@code v1.12.6-eksbuild.2}</td>
 *       <td>{@code UpdateAddon}</td></tr>
 *   <tr><td>{@code NodeGroupVersion}</td><td>{@code <cluster>/<nodegroup>}</td><td>the minor, {@code 1.24}</td>
 *       <td>{@code UpdateNodegroupVersion}</td></tr>
 * </table>
 *
 * <p>EKS runs one update of an object at a time: a change of an object found {@code UPDATING} (or
 * {@code CREATING}, {@code DELETING}), and EKS's {@code ResourceInUseException}, are a retryable
 * {@link ConflictException}. Nothing is created, deleted or listed.
 */
public final class EksVersionStore implements ResourceStore {
  /** The cluster's Kubernetes version. */
  public static final Kind CLUSTER = Kind.aws("ClusterVersion");
  /** An installed add-on's version. */
  public static final Kind ADDON = Kind.aws("Addon");
  /** A managed node group's Kubernetes version. */
  public static final Kind NODEGROUP = Kind.aws("NodeGroupVersion");

  private static final Set<String> SETTLED = Set.of("ACTIVE", "DEGRADED", "UPDATE_FAILED", "CREATE_FAILED");
  private static final Logger LOG = LoggerFactory.getLogger(EksVersionStore.class);

  private final EksClient eks;

  /** The versions reached through {@code eks}. */
  public EksVersionStore(EksClient eks) {
    this.eks = Objects.requireNonNull(eks, "eks");
  }

  /** Whether {@code status} is one in which EKS takes no update (another is in progress). */
  public static boolean busy(Object status) {
    return !SETTLED.contains(String.valueOf(status));
  }

  /** The reference of a cluster's version. */
  public static ResourceRef cluster(String cluster) {
    return ResourceRef.aws(CLUSTER.name(), cluster);
  }

  /** The reference of an add-on's version. */
  public static ResourceRef addon(String cluster, String addon) {
    return ResourceRef.aws(ADDON.name(), cluster + "/" + addon);
  }

  /** The reference of a node group's version. */
  public static ResourceRef nodegroup(String cluster, String nodegroup) {
    return ResourceRef.aws(NODEGROUP.name(), cluster + "/" + nodegroup);
  }

  @Override
  public String provider() {
    return ResourceRef.AWS;
  }

  @Override
  public boolean supports(Kind kind) {
    return kind.equals(CLUSTER) || kind.equals(ADDON) || kind.equals(NODEGROUP);
  }

  @Override
  public Marks marks() {
    return Marks.TAGS;
  }

  @Override
  public Tracking tracking() {
    return Tracking.NONE;
  }

  @Override
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    throw new PlatformException("listing " + kind.name() + " objects is not supported: an upgrade names them");
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    String id = ref.name();
    try {
      if (kind.equals(CLUSTER)) {
        Cluster c = eks.describeCluster(r -> r.name(id)).cluster();
        return Optional.of(resource(ref, c.tags(), c.version(), c.statusAsString()));
      }
      String[] n = split(kind, id);
      if (kind.equals(ADDON)) {
        Addon a = eks.describeAddon(r -> r.clusterName(n[0]).addonName(n[1])).addon();
        return Optional.of(resource(ref, a.tags(), a.addonVersion(), a.statusAsString()));
      }
      if (kind.equals(NODEGROUP)) {
        Nodegroup g = eks.describeNodegroup(r -> r.clusterName(n[0]).nodegroupName(n[1])).nodegroup();
        return Optional.of(resource(ref, g.tags(), g.version(), g.statusAsString()));
      }
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading " + what(kind, id));
    }
    throw new PlatformException("this store holds no " + kind.name() + " objects");
  }

  private static Resource resource(ResourceRef ref, Map<String, String> tags, String version, String status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("status", status);
    // the version for optimistic checks: what is compared
    return new Resource(ref, tags, Map.of(), body, version + "/" + status);
  }

  @Override
  public void create(Kind kind, Resource desired) {
    throw new PlatformException(what(kind, desired.ref().name()) + ": an upgrade does not create objects");
  }

  @Override
  public void delete(Kind kind, Resource current) {
    throw new PlatformException(what(kind, current.ref().name()) + ": an upgrade does not delete objects");
  }

  /**
   * Starts the update to the body's new {@code version}; nothing else may change. Read again first: a
   * version or status other than {@code current}'s, or an object that is updating, is a
   * {@link ConflictException}.
   */
  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    String id = current.ref().name();
    String what = what(kind, id);
    if (!update.setLabels().isEmpty() || !update.removeLabels().isEmpty() || !update.setAnnotations().isEmpty()
        || !update.removeAnnotations().isEmpty()) {
      throw new PlatformException(what + ": an upgrade changes versions only, no tags");
    }
    Map<String, Object> wanted = update.patchBody(current.body());
    if (!Objects.equals(wanted.get("status"), current.body().get("status")) || wanted.size() != 2) {
      throw new PlatformException(what + ": only version can be changed");
    }
    Resource now = get(kind, current.ref()).orElseThrow(() -> new NotFoundException(what + " no longer exists"));
    if (current.version() != null && !current.version().equals(now.version())) {
      throw new ConflictException(what + " changed since it was read: now " + now.body());
    }
    if (busy(now.body().get("status"))) {
      throw new ConflictException(what + " is " + now.body().get("status") + "; EKS runs one update at a time");
    }
    String version = String.valueOf(wanted.get("version"));
    if (version.equals(now.body().get("version"))) {
      return;
    }
    LOG.info("updating {} from {} to {}", what, now.body().get("version"), version);
    try {
      if (kind.equals(CLUSTER)) {
        eks.updateClusterVersion(r -> r.name(id).version(version));
      } else if (kind.equals(ADDON)) {
        String[] n = split(kind, id);
        // OVERWRITE would discard configuration someone set on the add-on by hand; PRESERVE keeps it
        eks.updateAddon(r -> r.clusterName(n[0]).addonName(n[1]).addonVersion(version).resolveConflicts("PRESERVE"));
      } else {
        String[] n = split(kind, id);
        eks.updateNodegroupVersion(r -> r.clusterName(n[0]).nodegroupName(n[1]).version(version));
      }
    } catch (SdkException e) {
      throw AwsErrors.map(e, "updating " + what + " to " + version);
    }
  }

  /**
   * Why the last update of the object failed, from {@code ListUpdates} and {@code DescribeUpdate}: the
   * newest failed update's errors, or empty when the newest update did not fail.
   */
  public Optional<String> lastFailure(Kind kind, String id) {
    try {
      String cluster = kind.equals(CLUSTER) ? id : split(kind, id)[0];
      String nodegroup = kind.equals(NODEGROUP) ? split(kind, id)[1] : null;
      String addon = kind.equals(ADDON) ? split(kind, id)[1] : null;
      List<String> ids = new java.util.ArrayList<>();
      String token = null;
      do {
        String t = token;
        var page = eks.listUpdates(r -> r.name(cluster).nodegroupName(nodegroup).addonName(addon).nextToken(t));
        ids.addAll(page.updateIds());
        token = page.nextToken();
      } while (token != null);
      Update newest = null;
      for (String updateId : ids) {
        Update u = eks.describeUpdate(r -> r.name(cluster).updateId(updateId).nodegroupName(nodegroup).addonName(addon)).update();
        if (newest == null || !u.createdAt().isBefore(newest.createdAt())) {
          newest = u;
        }
      }
      if (newest == null || newest.status() != UpdateStatus.FAILED) {
        return Optional.empty();
      }
      Update failed = newest;
      return Optional.of("update " + failed.id() + " " + failed.statusAsString() + ": "
          + failed.errors().stream().map(e -> e.errorCodeAsString() + " " + e.errorMessage()).toList());
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading the updates of " + what(kind, id));
    }
  }

  private static String[] split(Kind kind, String id) {
    int slash = id.indexOf('/');
    if (slash <= 0 || slash == id.length() - 1) {
      throw new PlatformException("aws " + kind.name() + " " + id + ": named <cluster>/<name>");
    }
    return new String[] {id.substring(0, slash), id.substring(slash + 1)};
  }

  private static String what(Kind kind, String id) {
    return "aws " + kind.name() + " " + id;
  }
}
