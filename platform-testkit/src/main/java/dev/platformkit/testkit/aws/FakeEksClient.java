package dev.platformkit.testkit.aws;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessConfigResponse;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.AccessScope;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociateAccessPolicyRequest;
import software.amazon.awssdk.services.eks.model.AssociateAccessPolicyResponse;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.BadRequestException;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.CreateAccessEntryRequest;
import software.amazon.awssdk.services.eks.model.CreateAccessEntryResponse;
import software.amazon.awssdk.services.eks.model.CreateNodegroupRequest;
import software.amazon.awssdk.services.eks.model.CreateNodegroupResponse;
import software.amazon.awssdk.services.eks.model.DescribeNodegroupRequest;
import software.amazon.awssdk.services.eks.model.DescribeNodegroupResponse;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupConfigRequest;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupConfigResponse;
import software.amazon.awssdk.services.eks.model.UpdateStatus;
import software.amazon.awssdk.services.eks.model.UpdateType;
import software.amazon.awssdk.services.eks.model.DeleteAccessEntryRequest;
import software.amazon.awssdk.services.eks.model.DeleteAccessEntryResponse;
import software.amazon.awssdk.services.eks.model.DescribeAccessEntryRequest;
import software.amazon.awssdk.services.eks.model.DescribeAccessEntryResponse;
import software.amazon.awssdk.services.eks.model.DescribeClusterRequest;
import software.amazon.awssdk.services.eks.model.DescribeClusterResponse;
import software.amazon.awssdk.services.eks.model.DisassociateAccessPolicyRequest;
import software.amazon.awssdk.services.eks.model.DisassociateAccessPolicyResponse;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ListAccessEntriesRequest;
import software.amazon.awssdk.services.eks.model.ListAccessEntriesResponse;
import software.amazon.awssdk.services.eks.model.ListAssociatedAccessPoliciesRequest;
import software.amazon.awssdk.services.eks.model.ListAssociatedAccessPoliciesResponse;
import software.amazon.awssdk.services.eks.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.eks.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.eks.model.NotFoundException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.TagResourceRequest;
import software.amazon.awssdk.services.eks.model.TagResourceResponse;
import software.amazon.awssdk.services.eks.model.ThrottlingException;
import software.amazon.awssdk.services.eks.model.UntagResourceRequest;
import software.amazon.awssdk.services.eks.model.UntagResourceResponse;
import software.amazon.awssdk.services.eks.model.UpdateAccessEntryRequest;
import software.amazon.awssdk.services.eks.model.UpdateAccessEntryResponse;
import software.amazon.awssdk.services.eks.model.Addon;
import software.amazon.awssdk.services.eks.model.AddonInfo;
import software.amazon.awssdk.services.eks.model.AddonVersionInfo;
import software.amazon.awssdk.services.eks.model.Compatibility;
import software.amazon.awssdk.services.eks.model.DescribeAddonRequest;
import software.amazon.awssdk.services.eks.model.DescribeAddonResponse;
import software.amazon.awssdk.services.eks.model.DescribeAddonVersionsRequest;
import software.amazon.awssdk.services.eks.model.DescribeAddonVersionsResponse;
import software.amazon.awssdk.services.eks.model.DescribeUpdateRequest;
import software.amazon.awssdk.services.eks.model.DescribeUpdateResponse;
import software.amazon.awssdk.services.eks.model.ErrorDetail;
import software.amazon.awssdk.services.eks.model.ListAddonsRequest;
import software.amazon.awssdk.services.eks.model.ListAddonsResponse;
import software.amazon.awssdk.services.eks.model.ListNodegroupsRequest;
import software.amazon.awssdk.services.eks.model.ListNodegroupsResponse;
import software.amazon.awssdk.services.eks.model.ListUpdatesRequest;
import software.amazon.awssdk.services.eks.model.ListUpdatesResponse;
import software.amazon.awssdk.services.eks.model.UpdateAddonRequest;
import software.amazon.awssdk.services.eks.model.UpdateAddonResponse;
import software.amazon.awssdk.services.eks.model.UpdateClusterVersionRequest;
import software.amazon.awssdk.services.eks.model.UpdateClusterVersionResponse;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupVersionRequest;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupVersionResponse;
import software.amazon.awssdk.services.eks.model.UpdateParam;
import software.amazon.awssdk.services.eks.model.UpdateParamType;

/**
 * An in-memory {@link EksClient} for the EKS access entry and managed node group APIs, with the semantics
 * of the real service:
 *
 * <ul>
 *   <li>clusters exist only once {@link #addCluster added}; any call naming another cluster fails with
 *       {@link ResourceNotFoundException} (404). {@code DescribeCluster} returns the cluster's ARN (its
 *       partition follows the region: {@code aws-cn} for {@code cn-*}, {@code aws-us-gov} for
 *       {@code us-gov-*}) and authentication mode;
 *   <li>on a cluster whose authentication mode is {@code CONFIG_MAP} every access entry call fails with
 *       {@link InvalidRequestException} (400) "The cluster's authentication mode must be set to one of
 *       [API, API_AND_CONFIG_MAP] to perform this operation.", as EKS answers;
 *   <li>{@code CreateAccessEntry} of a principal that already has an entry fails with
 *       {@link ResourceInUseException} (409), unless it repeats the {@code clientRequestToken} of the
 *       call that created it (the SDK's idempotency token); tags are set atomically with the entry;
 *   <li>{@code DescribeAccessEntry}, {@code DeleteAccessEntry} (which drops the entry's associations and
 *       tags) and {@code DisassociateAccessPolicy} of something missing fail with
 *       {@link ResourceNotFoundException};
 *   <li>{@code ListAccessEntries} returns principal ARNs only, only those of entries associated with
 *       {@code associatedPolicyArn} when it is given, and {@code ListAssociatedAccessPolicies} the
 *       associations, both paginated with {@code maxResults} (1-100, default 100) and opaque
 *       {@code nextToken}s;
 *   <li>an entry's {@code modifiedAt} is its creation time until {@code UpdateAccessEntry} (username,
 *       Kubernetes groups) changes it; associating and disassociating access policies does not change it
 *       (each association has its own {@code modifiedAt}), and neither do {@code TagResource} and
 *       {@code UntagResource} (tags are kept by the tagging API, not the entry; AWS documents neither
 *       way, so callers must not rely on {@code modifiedAt} to see tag changes);
 *   <li>an entry's ARN is in the partition of its principal ({@code arn:aws-cn:eks:...} for an
 *       {@code arn:aws-cn:iam::...} role), and access policy ARNs are accepted in any partition;
 *   <li>{@code AssociateAccessPolicy} of an already associated policy replaces its scope; associating
 *       and listing associations work on {@code STANDARD} entries only ({@code InvalidParameterException}
 *       for node and Fargate entries);
 *   <li>{@code TagResource}, {@code UntagResource} and {@code ListTagsForResource} address an entry by its
 *       {@code accessEntryArn} and fail with {@link NotFoundException} (404) for an unknown ARN; a
 *       re-created entry has a new ARN; the same three address a node group by its {@code nodegroupArn};
 *   <li>{@code CreateNodegroup} makes a node group {@code CREATING} for {@link #TRANSITION} (on the clock),
 *       then {@code ACTIVE}; a second one of the same name is {@link ResourceInUseException};
 *       {@code DescribeNodegroup} of an unknown node group is {@link ResourceNotFoundException};
 *   <li>{@code UpdateNodegroupConfig} checks the scaling configuration as EKS does (sizes at least 0,
 *       {@code maxSize} at least 1, {@code minSize <= desiredSize <= maxSize}; {@link InvalidParameterException}),
 *       sets it at once and leaves the node group {@code UPDATING} for {@link #TRANSITION}; an update of a
 *       node group that is not {@code ACTIVE} (another update in progress) is {@link ResourceInUseException};
 *   <li>versions: a cluster has a Kubernetes version ({@link #addCluster(String, String)}, default
 *       {@link #DEFAULT_VERSION}); {@code UpdateClusterVersion} accepts the next minor only, is refused
 *       ({@link ResourceInUseException}) while another cluster update runs, and leaves the cluster
 *       {@code UPDATING} for a configurable duration on the clock, then {@code ACTIVE} at the new version;
 *       {@code DescribeUpdate} and {@code ListUpdates} show every update {@code InProgress}, then
 *       {@code Successful} (or {@code Failed}, see {@link #failNextUpdate});
 *   <li>add-ons ({@link #addAddon}): {@code ListAddons}, {@code DescribeAddon}; {@code UpdateAddon} takes only
 *       a version the {@link EksAddonCatalogue catalogue} lists as compatible with the cluster's current
 *       version ({@link InvalidParameterException}), is refused while the add-on or the cluster is updating,
 *       and runs for a duration configurable per add-on; {@code DescribeAddonVersions} answers from the
 *       catalogue, with compatibilities per cluster version;
 *   <li>node groups have a version (at most the cluster's); {@code UpdateNodegroupVersion} goes to the
 *       control plane's version only (never newer), is refused while the node group or cluster is
 *       updating, and leaves the node group {@code UPDATING} for a configurable duration;
 *       {@code ListNodegroups} lists them.
 * </ul>
 *
 * <p>Only these operations are implemented; the others are the interface's defaults, which throw
 * {@link UnsupportedOperationException}. Errors are built like the SDK's unmarshalled ones (status code,
 * error code, service name), so {@code isThrottlingException()} and {@code statusCode()} behave as on the
 * wire. The SDK's own retries are not simulated: every fault reaches the caller.
 *
 * <p>For tests and benchmarks it counts calls per operation ({@link #calls(String)}) and injects faults
 * into the next calls ({@link #throttleNext(int)}, {@link #failNext}). Thread-safe.
 */
public final class FakeEksClient implements EksClient {

  /** Operation names, as the EKS API spells them. */
  public static final String CREATE_ACCESS_ENTRY = "CreateAccessEntry";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String DESCRIBE_ACCESS_ENTRY = "DescribeAccessEntry";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String DELETE_ACCESS_ENTRY = "DeleteAccessEntry";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String LIST_ACCESS_ENTRIES = "ListAccessEntries";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String ASSOCIATE_ACCESS_POLICY = "AssociateAccessPolicy";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String DISASSOCIATE_ACCESS_POLICY = "DisassociateAccessPolicy";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String LIST_ASSOCIATED_ACCESS_POLICIES = "ListAssociatedAccessPolicies";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String TAG_RESOURCE = "TagResource";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String UNTAG_RESOURCE = "UntagResource";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String LIST_TAGS_FOR_RESOURCE = "ListTagsForResource";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String UPDATE_ACCESS_ENTRY = "UpdateAccessEntry";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String DESCRIBE_CLUSTER = "DescribeCluster";

  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String CREATE_NODEGROUP = "CreateNodegroup";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String DESCRIBE_NODEGROUP = "DescribeNodegroup";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String UPDATE_NODEGROUP_CONFIG = "UpdateNodegroupConfig";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String LIST_NODEGROUPS = "ListNodegroups";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String UPDATE_NODEGROUP_VERSION = "UpdateNodegroupVersion";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String UPDATE_CLUSTER_VERSION = "UpdateClusterVersion";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String DESCRIBE_UPDATE = "DescribeUpdate";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String LIST_UPDATES = "ListUpdates";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String LIST_ADDONS = "ListAddons";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String DESCRIBE_ADDON = "DescribeAddon";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String UPDATE_ADDON = "UpdateAddon";
  /** See {@link #CREATE_ACCESS_ENTRY}. */
  public static final String DESCRIBE_ADDON_VERSIONS = "DescribeAddonVersions";

  /** The operations that change state. */
  public static final Set<String> WRITE_OPERATIONS = Set.of(CREATE_ACCESS_ENTRY, UPDATE_ACCESS_ENTRY, DELETE_ACCESS_ENTRY,
      ASSOCIATE_ACCESS_POLICY, DISASSOCIATE_ACCESS_POLICY, TAG_RESOURCE, UNTAG_RESOURCE, CREATE_NODEGROUP,
      UPDATE_NODEGROUP_CONFIG, UPDATE_NODEGROUP_VERSION, UPDATE_CLUSTER_VERSION, UPDATE_ADDON);

  /** The Kubernetes version of a cluster {@link #addCluster(String) added} without one. */
  public static final String DEFAULT_VERSION = "1.30";

  /** The cluster minors the fake accepts, oldest first: 1.20 to 1.32. */
  public static final List<String> SUPPORTED_VERSIONS = java.util.stream.IntStream.rangeClosed(20, 32)
      .mapToObj(m -> "1." + m).toList();

  /** How long an {@code UpdateClusterVersion} runs by default: the cluster is {@code UPDATING} meanwhile. */
  public static final Duration CLUSTER_UPDATE = Duration.ofMinutes(12);
  /** How long an {@code UpdateAddon} runs by default. */
  public static final Duration ADDON_UPDATE = Duration.ofMinutes(3);
  /** How long an {@code UpdateNodegroupVersion} runs by default (nodes are replaced). */
  public static final Duration NODEGROUP_UPDATE = Duration.ofMinutes(20);

  /** How long a node group stays {@code CREATING} or {@code UPDATING} on the clock. */
  public static final Duration TRANSITION = Duration.ofMinutes(4);

  /** What EKS answers to an access entry call on a cluster whose authentication mode is {@code CONFIG_MAP}. */
  public static final String CONFIG_MAP_ONLY = "The cluster's authentication mode must be set to one of"
      + " [API, API_AND_CONFIG_MAP] to perform this operation.";

  private static final Set<String> ENTRY_TYPES = Set.of("STANDARD", "EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX",
      "EC2", "HYBRID_LINUX", "HYPERPOD_LINUX");
  private static final Pattern PRINCIPAL = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):(role|user)/(?:.*/)?([^/]+)");
  private static final Pattern POLICY = Pattern.compile("arn:aws[a-z-]*:eks::aws:cluster-access-policy/[A-Za-z0-9]+");
  private static final int MAX_TAGS = 50;
  private static final Pattern NODEGROUP_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9\\-_]{0,62}");

  private final Clock clock;
  private final String region;
  private final String accountId;
  private final Map<String, Cluster> clusters = new TreeMap<>();
  private final CallLog log = new CallLog(WRITE_OPERATIONS);
  private long sequence;
  private EksAddonCatalogue catalogue = EksAddonCatalogue.defaults();
  private Duration clusterUpdate = CLUSTER_UPDATE;
  private Duration nodegroupUpdate = NODEGROUP_UPDATE;
  private final Map<String, Duration> addonUpdates = new TreeMap<>();
  private final Map<String, Integer> failingUpdates = new TreeMap<>();

  private static final class Cluster {
    final String name;
    final AuthenticationMode authenticationMode;
    final Instant createdAt;
    // sorted, so that a page token can be "the last principal returned" and stay valid across writes
    final NavigableMap<String, Entry> entries = new TreeMap<>();
    final Map<String, Group> nodegroups = new TreeMap<>();
    final Map<String, AddonState> addons = new TreeMap<>();
    // every update ever started, in order; an in-progress one ends when the clock passes its end
    final List<Change> updates = new ArrayList<>();
    String version;

    Cluster(String name, AuthenticationMode authenticationMode, Instant createdAt, String version) {
      this.name = name;
      this.authenticationMode = authenticationMode;
      this.version = version;
      this.createdAt = createdAt;
    }
  }

  private final class Group {
    String cluster;
    String name;
    String arn;
    String status;
    Instant busyUntil;
    int minSize;
    int maxSize;
    int desiredSize;
    Instant createdAt;
    Instant modifiedAt;
    String version;
    final Map<String, String> tags = new TreeMap<>();

    // CREATING and UPDATING end on their own once the clock has moved past them
    Group settle() {
      if (busyUntil != null && !clock.instant().isBefore(busyUntil)) {
        status = "ACTIVE";
        busyUntil = null;
      }
      return this;
    }

    Nodegroup toSdk() {
      return Nodegroup.builder().clusterName(cluster).nodegroupName(name).nodegroupArn(arn).status(status)
          .version(version).releaseVersion(releaseVersion(version))
          .scalingConfig(NodegroupScalingConfig.builder().minSize(minSize).maxSize(maxSize).desiredSize(desiredSize).build())
          .createdAt(createdAt).modifiedAt(modifiedAt).tags(tags).build();
    }
  }

  private static final class AddonState {
    String cluster;
    String name;
    String arn;
    String version;
    Instant createdAt;
    Instant modifiedAt;
    boolean updating;
    final Map<String, String> tags = new TreeMap<>();

    Addon toSdk() {
      return Addon.builder().clusterName(cluster).addonName(name).addonArn(arn).addonVersion(version)
          .status(updating ? "UPDATING" : "ACTIVE").createdAt(createdAt).modifiedAt(modifiedAt).tags(tags).build();
    }
  }

  /** One update EKS runs: what DescribeUpdate shows, and what it does to its object once it ends. */
  private static final class Change {
    String id;
    String nodegroup; // null unless a node group's
    String addon; // null unless an add-on's
    UpdateType type;
    List<UpdateParam> params;
    Instant createdAt;
    Instant endsAt;
    boolean fails;
    UpdateStatus status = UpdateStatus.IN_PROGRESS;
    Runnable onSuccess;
    Runnable onEnd;

    Update toSdk() {
      List<ErrorDetail> errors = status == UpdateStatus.FAILED
          ? List.of(ErrorDetail.builder().errorCode("Unknown").errorMessage("the update failed (injected by the test)").build())
          : List.of();
      return Update.builder().id(id).type(type).status(status).params(params).createdAt(createdAt).errors(errors).build();
    }
  }

  private static final class Entry {
    String cluster;
    String principalArn;
    String arn;
    String type;
    String username;
    List<String> kubernetesGroups;
    String clientRequestToken;
    Instant createdAt;
    Instant modifiedAt;
    final Map<String, String> tags = new TreeMap<>();
    final NavigableMap<String, AssociatedAccessPolicy> policies = new TreeMap<>();

    AccessEntry toSdk() {
      return AccessEntry.builder().clusterName(cluster).principalArn(principalArn).accessEntryArn(arn).type(type)
          .username(username).kubernetesGroups(kubernetesGroups).createdAt(createdAt).modifiedAt(modifiedAt)
          .tags(tags).build();
    }
  }

  /** A fake in {@code us-east-1}, account {@code 111122223333}, stamping times from {@code clock}. */
  public FakeEksClient(Clock clock) {
    this(clock, "us-east-1", "111122223333");
  }

  /** A fake whose ARNs name {@code region} and {@code accountId}, stamping times from {@code clock}. */
  public FakeEksClient(Clock clock, String region, String accountId) {
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
  }

  /** Makes a cluster exist, in authentication mode {@code API_AND_CONFIG_MAP} (access entries allowed). */
  public FakeEksClient addCluster(String name) {
    return addCluster(name, AuthenticationMode.API_AND_CONFIG_MAP);
  }

  /**
   * Makes a cluster exist in {@code authenticationMode}: {@code CONFIG_MAP} refuses every access entry
   * call, {@code API} and {@code API_AND_CONFIG_MAP} allow them. Adding an existing cluster again changes
   * nothing.
   */
  public synchronized FakeEksClient addCluster(String name, AuthenticationMode authenticationMode) {
    if (authenticationMode == null || authenticationMode == AuthenticationMode.UNKNOWN_TO_SDK_VERSION) {
      throw new IllegalArgumentException("authenticationMode must be API, API_AND_CONFIG_MAP or CONFIG_MAP");
    }
    clusters.putIfAbsent(name, new Cluster(name, authenticationMode, clock.instant(), DEFAULT_VERSION));
    return this;
  }

  /**
   * Makes a cluster exist at Kubernetes {@code version} ({@code 1.23}; one of {@link #SUPPORTED_VERSIONS}),
   * in authentication mode {@code API_AND_CONFIG_MAP}, {@code ACTIVE}.
   */
  public synchronized FakeEksClient addCluster(String name, String version) {
    if (!SUPPORTED_VERSIONS.contains(version)) {
      throw new IllegalArgumentException("version " + version + " is not one of " + SUPPORTED_VERSIONS);
    }
    if (clusters.containsKey(name)) {
      throw new IllegalArgumentException("cluster " + name + " exists already");
    }
    clusters.put(name, new Cluster(name, AuthenticationMode.API_AND_CONFIG_MAP, clock.instant(), version));
    return this;
  }

  /**
   * Makes add-on {@code addon} installed on {@code cluster} at {@code version}, {@code ACTIVE} at once (a
   * helper for tests: no {@code CreateAddon} call is counted). The version must be in the catalogue and
   * compatible with the cluster's version, as {@code CreateAddon} requires.
   */
  public synchronized FakeEksClient addAddon(String cluster, String addon, String version) {
    Cluster c = cluster(cluster);
    requireCompatible(c, addon, version);
    if (c.addons.containsKey(addon)) {
      throw new IllegalArgumentException("add-on " + addon + " is installed on " + cluster + " already");
    }
    AddonState a = new AddonState();
    a.cluster = cluster;
    a.name = addon;
    a.version = version;
    a.arn = "arn:" + partition() + ":eks:" + region + ":" + accountId + ":addon/" + cluster + "/" + addon + "/"
        + UUID.nameUUIDFromBytes((cluster + addon + ++sequence).getBytes(StandardCharsets.UTF_8));
    a.createdAt = clock.instant();
    a.modifiedAt = a.createdAt;
    c.addons.put(addon, a);
    return this;
  }

  /**
   * Makes managed node group {@code name} exist in {@code cluster} at Kubernetes {@code version} (not newer
   * than the cluster's), {@code ACTIVE} at once, with 1 to 3 nodes, 2 desired (a helper for tests: no
   * {@code CreateNodegroup} call is counted).
   */
  public synchronized FakeEksClient addNodegroup(String cluster, String name, String version) {
    Cluster c = cluster(cluster);
    if (c.nodegroups.containsKey(name)) {
      throw new IllegalArgumentException("node group " + name + " exists in " + cluster + " already");
    }
    if (minor(version) > minor(c.version)) {
      throw new IllegalArgumentException("node group version " + version + " is newer than the cluster's " + c.version);
    }
    Group g = new Group();
    g.cluster = cluster;
    g.name = name;
    g.arn = "arn:" + partition() + ":eks:" + region + ":" + accountId + ":nodegroup/" + cluster + "/" + name + "/"
        + UUID.nameUUIDFromBytes((cluster + name + ++sequence).getBytes(StandardCharsets.UTF_8));
    g.minSize = 1;
    g.maxSize = 3;
    g.desiredSize = 2;
    g.createdAt = clock.instant();
    g.modifiedAt = g.createdAt;
    g.status = "ACTIVE";
    g.version = version;
    c.nodegroups.put(name, g);
    return this;
  }

  /** The add-on versions offered from now on (default: {@link EksAddonCatalogue#defaults()}). */
  public synchronized FakeEksClient addonCatalogue(EksAddonCatalogue catalogue) {
    this.catalogue = java.util.Objects.requireNonNull(catalogue, "catalogue");
    return this;
  }

  /** How long updates started from now on run: {@code UpdateClusterVersion} (default {@link #CLUSTER_UPDATE}). */
  public synchronized FakeEksClient clusterUpdateDuration(Duration duration) {
    this.clusterUpdate = positive(duration);
    return this;
  }

  /** How long {@code UpdateAddon} of {@code addon} runs from now on (default {@link #ADDON_UPDATE}). */
  public synchronized FakeEksClient addonUpdateDuration(String addon, Duration duration) {
    addonUpdates.put(addon, positive(duration));
    return this;
  }

  /** How long {@code UpdateNodegroupVersion} runs from now on (default {@link #NODEGROUP_UPDATE}). */
  public synchronized FakeEksClient nodegroupUpdateDuration(Duration duration) {
    this.nodegroupUpdate = positive(duration);
    return this;
  }

  /**
   * The next update started by {@code operation} ({@link #UPDATE_CLUSTER_VERSION}, {@link #UPDATE_ADDON} or
   * {@link #UPDATE_NODEGROUP_VERSION}) is accepted but ends {@code Failed}, leaving its object's version as
   * it was (status back to {@code ACTIVE}).
   */
  public synchronized FakeEksClient failNextUpdate(String operation) {
    if (!Set.of(UPDATE_CLUSTER_VERSION, UPDATE_ADDON, UPDATE_NODEGROUP_VERSION).contains(operation)) {
      throw new IllegalArgumentException(operation + " starts no update");
    }
    failingUpdates.merge(operation, 1, Integer::sum);
    return this;
  }

  /** The cluster's Kubernetes version now ({@code 1.24}), for assertions. */
  public synchronized String clusterVersion(String cluster) {
    return cluster(cluster).version;
  }

  /** The node group's Kubernetes version now, for assertions. */
  public synchronized String nodegroupVersion(String cluster, String nodegroup) {
    return nodegroup(cluster, nodegroup).version;
  }

  /** The add-on's version now, for assertions. */
  public synchronized String addonVersion(String cluster, String addon) {
    return addon(cluster, addon).version;
  }

  private static Duration positive(Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a duration must be positive: " + d);
    }
    return d;
  }

  /** The partition of this fake's region: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
  public String partition() {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  // --- fault injection and counting ---

  /** The next {@code count} calls, whatever their operation, fail with a throttling error (429). */
  public FakeEksClient throttleNext(int count) {
    return failNext(null, count, FakeEksClient::throttlingException);
  }

  /** The next {@code count} calls of {@code operation} fail with a throttling error (429). */
  public FakeEksClient throttleNext(String operation, int count) {
    return failNext(operation, count, FakeEksClient::throttlingException);
  }

  /**
   * The next {@code count} calls of {@code operation} (any operation when null) fail with a fresh
   * exception from {@code error}, before they change anything.
   */
  public synchronized FakeEksClient failNext(String operation, int count, Supplier<? extends SdkException> error) {
    log.failNext(operation, count, error);
    return this;
  }

  /** Faults injected but not yet thrown. */
  public synchronized int pendingFaults() {
    return log.pendingFaults();
  }

  /** The error EKS answers when it throttles: {@code ThrottlingException}, 429. */
  public static ThrottlingException throttlingException() {
    return (ThrottlingException) error(ThrottlingException.builder(), 429, "ThrottlingException", "Rate exceeded");
  }

  /** Calls made to {@code operation} so far, failed ones included. */
  public synchronized int calls(String operation) {
    return log.calls(operation);
  }

  /** Calls made so far, by operation (only operations called at least once). */
  public synchronized Map<String, Integer> callCounts() {
    return log.callCounts();
  }

  /** Calls made so far to the operations that change state ({@link #WRITE_OPERATIONS}). */
  public synchronized int writeCalls() {
    return log.writeCalls();
  }

  /** Sets every call counter back to zero. */
  public synchronized void resetCalls() {
    log.resetCalls();
  }

  // --- EksClient ---

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized CreateAccessEntryResponse createAccessEntry(CreateAccessEntryRequest request) {
    enter(CREATE_ACCESS_ENTRY);
    Cluster cluster = accessEntryCluster(request.clusterName());
    Entry existing = cluster.entries.get(request.principalArn());
    if (existing != null) {
      if (request.clientRequestToken() != null && request.clientRequestToken().equals(existing.clientRequestToken)) {
        return CreateAccessEntryResponse.builder().accessEntry(existing.toSdk()).build();
      }
      throw error(ResourceInUseException.builder().clusterName(request.clusterName()), 409, "ResourceInUseException",
          "The specified access entry resource is already in use on this cluster.");
    }
    Matcher principal = PRINCIPAL.matcher(String.valueOf(request.principalArn()));
    if (!principal.matches()) {
      throw invalidParameter("The principalArn parameter format is not valid: " + request.principalArn());
    }
    String type = request.type() == null ? "STANDARD" : request.type();
    if (!ENTRY_TYPES.contains(type)) {
      throw invalidParameter("The type " + type + " is not valid. Valid types: " + ENTRY_TYPES);
    }
    if (!"STANDARD".equals(type) && (request.username() != null || !request.kubernetesGroups().isEmpty())) {
      throw invalidParameter("The username and kubernetesGroups can only be set on access entries of type STANDARD.");
    }
    checkTags(request.tags(), Map.of(), true);

    Entry e = new Entry();
    e.cluster = request.clusterName();
    e.principalArn = request.principalArn();
    // the entry is an EKS resource of the principal's partition (a cluster only takes principals of its own)
    e.arn = "arn:" + principal.group(1) + ":eks:" + region + ":" + accountId + ":access-entry/" + e.cluster + "/"
        + principal.group(3) + "/" + principal.group(2) + "/" + principal.group(4) + "/"
        + UUID.nameUUIDFromBytes((e.cluster + e.principalArn + ++sequence).getBytes(StandardCharsets.UTF_8));
    e.type = type;
    e.username = request.username() != null ? request.username() : defaultUsername(type, principal);
    e.kubernetesGroups = List.copyOf(request.kubernetesGroups());
    e.clientRequestToken = request.clientRequestToken();
    e.createdAt = clock.instant();
    e.modifiedAt = e.createdAt;
    e.tags.putAll(request.tags());
    cluster.entries.put(e.principalArn, e);
    return CreateAccessEntryResponse.builder().accessEntry(e.toSdk()).build();
  }

  @Override
  public synchronized UpdateAccessEntryResponse updateAccessEntry(UpdateAccessEntryRequest request) {
    enter(UPDATE_ACCESS_ENTRY);
    Entry e = entry(request.clusterName(), request.principalArn());
    boolean groups = request.hasKubernetesGroups();
    if (!"STANDARD".equals(e.type) && ((groups && !request.kubernetesGroups().isEmpty()) || request.username() != null)) {
      throw invalidParameter("The username and kubernetesGroups can only be set on access entries of type STANDARD.");
    }
    if (groups) {
      e.kubernetesGroups = List.copyOf(request.kubernetesGroups());
    }
    if (request.username() != null) {
      e.username = request.username();
    }
    e.modifiedAt = clock.instant();
    return UpdateAccessEntryResponse.builder().accessEntry(e.toSdk()).build();
  }

  @Override
  public synchronized DescribeClusterResponse describeCluster(DescribeClusterRequest request) {
    enter(DESCRIBE_CLUSTER);
    Cluster c = cluster(request.name());
    return DescribeClusterResponse.builder().cluster(software.amazon.awssdk.services.eks.model.Cluster.builder()
        .name(c.name).arn("arn:" + partition() + ":eks:" + region + ":" + accountId + ":cluster/" + c.name)
        .createdAt(c.createdAt).status(clusterBusy(c) ? ClusterStatus.UPDATING : ClusterStatus.ACTIVE)
        .version(c.version).platformVersion("eks.1")
        .accessConfig(AccessConfigResponse.builder().authenticationMode(c.authenticationMode).build()).build()).build();
  }

  @Override
  public synchronized DescribeAccessEntryResponse describeAccessEntry(DescribeAccessEntryRequest request) {
    enter(DESCRIBE_ACCESS_ENTRY);
    return DescribeAccessEntryResponse.builder()
        .accessEntry(entry(request.clusterName(), request.principalArn()).toSdk()).build();
  }

  @Override
  public synchronized DeleteAccessEntryResponse deleteAccessEntry(DeleteAccessEntryRequest request) {
    enter(DELETE_ACCESS_ENTRY);
    entry(request.clusterName(), request.principalArn());
    accessEntryCluster(request.clusterName()).entries.remove(request.principalArn());
    return DeleteAccessEntryResponse.builder().build();
  }

  @Override
  public synchronized ListAccessEntriesResponse listAccessEntries(ListAccessEntriesRequest request) {
    enter(LIST_ACCESS_ENTRIES);
    Cluster cluster = accessEntryCluster(request.clusterName());
    NavigableMap<String, Entry> matching = new TreeMap<>();
    cluster.entries.forEach((principal, e) -> {
      if (request.associatedPolicyArn() == null || e.policies.containsKey(request.associatedPolicyArn())) {
        matching.put(principal, e);
      }
    });
    Page<Entry> page = page(matching, request.maxResults(), request.nextToken());
    return ListAccessEntriesResponse.builder()
        .accessEntries(page.items().stream().map(e -> e.principalArn).toList())
        .nextToken(page.nextToken()).build();
  }

  @Override
  public synchronized AssociateAccessPolicyResponse associateAccessPolicy(AssociateAccessPolicyRequest request) {
    enter(ASSOCIATE_ACCESS_POLICY);
    Entry e = entry(request.clusterName(), request.principalArn());
    requireStandard(e);
    String policyArn = request.policyArn();
    if (policyArn == null || !POLICY.matcher(policyArn).matches()) {
      throw invalidParameter("The policyArn " + policyArn + " is not a valid access policy.");
    }
    AccessScope scope = request.accessScope();
    if (scope == null || scope.type() == null || scope.type() == AccessScopeType.UNKNOWN_TO_SDK_VERSION) {
      throw invalidParameter("The accessScope type must be one of [cluster, namespace].");
    }
    if (scope.type() == AccessScopeType.NAMESPACE && scope.namespaces().isEmpty()) {
      throw invalidParameter("At least one namespace is required for an accessScope of type namespace.");
    }
    if (scope.type() == AccessScopeType.CLUSTER && !scope.namespaces().isEmpty()) {
      throw invalidParameter("Namespaces cannot be specified for an accessScope of type cluster.");
    }
    Instant now = clock.instant();
    AssociatedAccessPolicy previous = e.policies.get(policyArn);
    AssociatedAccessPolicy association = AssociatedAccessPolicy.builder().policyArn(policyArn)
        .accessScope(AccessScope.builder().type(scope.type()).namespaces(scope.namespaces()).build())
        .associatedAt(previous == null ? now : previous.associatedAt()).modifiedAt(now).build();
    // one association per policy: associating again replaces the scope
    e.policies.put(policyArn, association);
    return AssociateAccessPolicyResponse.builder().clusterName(e.cluster).principalArn(e.principalArn)
        .associatedAccessPolicy(association).build();
  }

  @Override
  public synchronized DisassociateAccessPolicyResponse disassociateAccessPolicy(DisassociateAccessPolicyRequest request) {
    enter(DISASSOCIATE_ACCESS_POLICY);
    Entry e = entry(request.clusterName(), request.principalArn());
    if (e.policies.remove(request.policyArn()) == null) {
      throw resourceNotFound(request.clusterName(),
          "The access policy " + request.policyArn() + " is not associated with the access entry.");
    }
    return DisassociateAccessPolicyResponse.builder().build();
  }

  @Override
  public synchronized ListAssociatedAccessPoliciesResponse listAssociatedAccessPolicies(
      ListAssociatedAccessPoliciesRequest request) {
    enter(LIST_ASSOCIATED_ACCESS_POLICIES);
    Entry e = entry(request.clusterName(), request.principalArn());
    requireStandard(e);
    Page<AssociatedAccessPolicy> page = page(e.policies, request.maxResults(), request.nextToken());
    return ListAssociatedAccessPoliciesResponse.builder().clusterName(e.cluster).principalArn(e.principalArn)
        .associatedAccessPolicies(page.items()).nextToken(page.nextToken()).build();
  }

  @Override
  public synchronized TagResourceResponse tagResource(TagResourceRequest request) {
    enter(TAG_RESOURCE);
    Map<String, String> tags = tagsOf(request.resourceArn());
    if (!request.hasTags() || request.tags().isEmpty()) {
      throw badRequest("tags must not be empty");
    }
    checkTags(request.tags(), tags, false);
    tags.putAll(request.tags());
    return TagResourceResponse.builder().build();
  }

  @Override
  public synchronized UntagResourceResponse untagResource(UntagResourceRequest request) {
    enter(UNTAG_RESOURCE);
    Map<String, String> tags = tagsOf(request.resourceArn());
    if (!request.hasTagKeys() || request.tagKeys().isEmpty()) {
      throw badRequest("tagKeys must contain at least one key");
    }
    request.tagKeys().forEach(tags::remove);
    return UntagResourceResponse.builder().build();
  }

  @Override
  public synchronized ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
    enter(LIST_TAGS_FOR_RESOURCE);
    return ListTagsForResourceResponse.builder().tags(tagsOf(request.resourceArn())).build();
  }

  // --- managed node groups ---

  /**
   * Makes a node group exist in {@code cluster} as {@code CreateNodegroup} does (it is {@code CREATING}
   * for {@link #TRANSITION}), without the subnets and role a real one needs: a helper for tests.
   */
  public FakeEksClient addNodegroup(String cluster, String name, int minSize, int maxSize, int desiredSize,
      Map<String, String> tags) {
    createNodegroup(r -> r.clusterName(cluster).nodegroupName(name).tags(tags)
        .scalingConfig(c -> c.minSize(minSize).maxSize(maxSize).desiredSize(desiredSize)));
    return this;
  }

  @Override
  public synchronized CreateNodegroupResponse createNodegroup(CreateNodegroupRequest request) {
    enter(CREATE_NODEGROUP);
    Cluster cluster = cluster(request.clusterName());
    if (request.nodegroupName() == null || !NODEGROUP_NAME.matcher(request.nodegroupName()).matches()) {
      throw invalidParameter("The nodegroupName " + request.nodegroupName() + " is not valid.");
    }
    if (cluster.nodegroups.containsKey(request.nodegroupName())) {
      throw error(ResourceInUseException.builder().clusterName(request.clusterName()).nodegroupName(request.nodegroupName()),
          409, "ResourceInUseException", "NodeGroup already exists with name " + request.nodegroupName()
          + " and cluster name " + request.clusterName());
    }
    NodegroupScalingConfig c = request.scalingConfig() != null ? request.scalingConfig()
        : NodegroupScalingConfig.builder().minSize(1).maxSize(2).desiredSize(2).build(); // EKS's default
    checkScaling(c.minSize(), c.maxSize(), c.desiredSize());
    checkTags(request.tags(), Map.of(), true);
    Group g = new Group();
    g.cluster = request.clusterName();
    g.name = request.nodegroupName();
    g.arn = "arn:aws:eks:" + region + ":" + accountId + ":nodegroup/" + g.cluster + "/" + g.name + "/"
        + UUID.nameUUIDFromBytes((g.cluster + g.name + ++sequence).getBytes(StandardCharsets.UTF_8));
    g.minSize = c.minSize();
    g.maxSize = c.maxSize();
    g.desiredSize = c.desiredSize();
    g.version = request.version() != null ? request.version() : cluster.version;
    if (!SUPPORTED_VERSIONS.contains(g.version) || minor(g.version) > minor(cluster.version)) {
      throw invalidParameter("Requested Nodegroup Kubernetes Version " + g.version + " is not supported with cluster version "
          + cluster.version + ".");
    }
    g.createdAt = clock.instant();
    g.modifiedAt = g.createdAt;
    g.status = "CREATING";
    g.busyUntil = g.createdAt.plus(TRANSITION);
    g.tags.putAll(request.tags());
    cluster.nodegroups.put(g.name, g);
    return CreateNodegroupResponse.builder().nodegroup(g.toSdk()).build();
  }

  @Override
  public synchronized DescribeNodegroupResponse describeNodegroup(DescribeNodegroupRequest request) {
    enter(DESCRIBE_NODEGROUP);
    return DescribeNodegroupResponse.builder().nodegroup(nodegroup(request.clusterName(), request.nodegroupName()).toSdk()).build();
  }

  @Override
  public synchronized UpdateNodegroupConfigResponse updateNodegroupConfig(UpdateNodegroupConfigRequest request) {
    enter(UPDATE_NODEGROUP_CONFIG);
    Group g = nodegroup(request.clusterName(), request.nodegroupName());
    if (!"ACTIVE".equals(g.status)) {
      throw error(ResourceInUseException.builder().clusterName(g.cluster).nodegroupName(g.name), 409,
          "ResourceInUseException", "Nodegroup " + g.name + " is currently " + g.status
          + " and cannot be updated; only one update can be in progress at a time.");
    }
    NodegroupScalingConfig c = request.scalingConfig();
    if (c == null) {
      throw invalidParameter("No changes needed for the nodegroup config.");
    }
    int min = c.minSize() != null ? c.minSize() : g.minSize;
    int max = c.maxSize() != null ? c.maxSize() : g.maxSize;
    int desired = c.desiredSize() != null ? c.desiredSize() : g.desiredSize;
    checkScaling(min, max, desired);
    g.minSize = min;
    g.maxSize = max;
    g.desiredSize = desired;
    g.modifiedAt = clock.instant();
    g.status = "UPDATING";
    g.busyUntil = g.modifiedAt.plus(TRANSITION);
    Update update = Update.builder().id(UUID.nameUUIDFromBytes((g.arn + ++sequence).getBytes(StandardCharsets.UTF_8)).toString())
        .status(UpdateStatus.IN_PROGRESS).type(UpdateType.CONFIG_UPDATE).createdAt(g.modifiedAt).build();
    return UpdateNodegroupConfigResponse.builder().update(update).build();
  }

  @Override
  public synchronized ListNodegroupsResponse listNodegroups(ListNodegroupsRequest request) {
    enter(LIST_NODEGROUPS);
    Cluster c = cluster(request.clusterName());
    NavigableMap<String, String> names = new TreeMap<>();
    c.nodegroups.keySet().forEach(n -> names.put(n, n));
    Page<String> page = page(names, request.maxResults(), request.nextToken());
    return ListNodegroupsResponse.builder().nodegroups(page.items()).nextToken(page.nextToken()).build();
  }

  // --- versions and updates ---

  /**
   * Starts a control plane update to the next minor: the cluster is {@code UPDATING} for the
   * {@linkplain #clusterUpdateDuration update duration}, then at {@code version}. Only the next minor is
   * accepted ({@link InvalidParameterException}), and only while no other cluster update runs
   * ({@link ResourceInUseException}).
   */
  @Override
  public synchronized UpdateClusterVersionResponse updateClusterVersion(UpdateClusterVersionRequest request) {
    enter(UPDATE_CLUSTER_VERSION);
    Cluster c = cluster(request.name());
    if (clusterBusy(c)) {
      throw inUse(c.name, "Cluster " + c.name + " is currently being updated; only one update can be in progress at a time.");
    }
    String version = request.version();
    if (version == null || !SUPPORTED_VERSIONS.contains(version)) {
      throw invalidParameter("Unsupported Kubernetes minor version update from " + c.version + " to " + version);
    }
    if (minor(version) != minor(c.version) + 1) {
      throw invalidParameter("Unsupported Kubernetes minor version update from " + c.version + " to " + version
          + ": a cluster is updated one minor version at a time.");
    }
    Change u = start(c, UPDATE_CLUSTER_VERSION, UpdateType.VERSION_UPDATE, clusterUpdate,
        List.of(param(UpdateParamType.VERSION, version), param(UpdateParamType.PLATFORM_VERSION, "eks.1")));
    u.onSuccess = () -> c.version = version;
    u.onEnd = () -> {};
    return UpdateClusterVersionResponse.builder().update(u.toSdk()).build();
  }

  /** An update of the cluster, or of its node group or add-on when named; {@link ResourceNotFoundException} otherwise. */
  @Override
  public synchronized DescribeUpdateResponse describeUpdate(DescribeUpdateRequest request) {
    enter(DESCRIBE_UPDATE);
    Cluster c = cluster(request.name());
    for (Change u : c.updates) {
      if (u.id.equals(request.updateId()) && java.util.Objects.equals(u.nodegroup, request.nodegroupName())
          && java.util.Objects.equals(u.addon, request.addonName())) {
        return DescribeUpdateResponse.builder().update(u.toSdk()).build();
      }
    }
    throw resourceNotFound(c.name, "No update found for ID: " + request.updateId() + ".");
  }

  /** The ids of the updates of the cluster (or of its node group or add-on when named), oldest first, paginated. */
  @Override
  public synchronized ListUpdatesResponse listUpdates(ListUpdatesRequest request) {
    enter(LIST_UPDATES);
    Cluster c = cluster(request.name());
    if (request.nodegroupName() != null) {
      nodegroup(c.name, request.nodegroupName());
    }
    if (request.addonName() != null) {
      addon(c.name, request.addonName());
    }
    NavigableMap<String, String> ids = new TreeMap<>();
    for (int i = 0; i < c.updates.size(); i++) {
      Change u = c.updates.get(i);
      if (java.util.Objects.equals(u.nodegroup, request.nodegroupName()) && java.util.Objects.equals(u.addon, request.addonName())) {
        ids.put(String.format("%08d", i), u.id);
      }
    }
    Page<String> page = page(ids, request.maxResults(), request.nextToken());
    return ListUpdatesResponse.builder().updateIds(page.items()).nextToken(page.nextToken()).build();
  }

  @Override
  public synchronized ListAddonsResponse listAddons(ListAddonsRequest request) {
    enter(LIST_ADDONS);
    Cluster c = cluster(request.clusterName());
    NavigableMap<String, String> names = new TreeMap<>();
    c.addons.keySet().forEach(n -> names.put(n, n));
    Page<String> page = page(names, request.maxResults(), request.nextToken());
    return ListAddonsResponse.builder().addons(page.items()).nextToken(page.nextToken()).build();
  }

  @Override
  public synchronized DescribeAddonResponse describeAddon(DescribeAddonRequest request) {
    enter(DESCRIBE_ADDON);
    return DescribeAddonResponse.builder().addon(addon(request.clusterName(), request.addonName()).toSdk()).build();
  }

  /**
   * Starts an add-on update to {@code addonVersion}, which must be in the catalogue and compatible with the
   * cluster's current version ({@link InvalidParameterException}); refused while the add-on or the cluster
   * is being updated ({@link ResourceInUseException}). The add-on is {@code UPDATING} meanwhile.
   */
  @Override
  public synchronized UpdateAddonResponse updateAddon(UpdateAddonRequest request) {
    enter(UPDATE_ADDON);
    Cluster c = cluster(request.clusterName());
    AddonState a = addon(c.name, request.addonName());
    if (a.updating) {
      throw inUse(c.name, "Addon " + a.name + " is currently being updated; only one update can be in progress at a time.");
    }
    if (clusterBusy(c)) {
      throw inUse(c.name, "Cluster " + c.name + " is currently being updated.");
    }
    String version = request.addonVersion() != null ? request.addonVersion() : a.version;
    requireCompatible(c, a.name, version);
    Change u = start(c, UPDATE_ADDON, UpdateType.ADDON_UPDATE, addonUpdates.getOrDefault(a.name, ADDON_UPDATE),
        List.of(param(UpdateParamType.ADDON_VERSION, version)));
    u.addon = a.name;
    a.updating = true;
    a.modifiedAt = clock.instant();
    u.onSuccess = () -> a.version = version;
    u.onEnd = () -> a.updating = false;
    return UpdateAddonResponse.builder().update(u.toSdk()).build();
  }

  /**
   * The catalogue's add-ons (only {@code addonName} when given) with their versions, each with its
   * compatibilities; with {@code kubernetesVersion}, only the versions compatible with it (add-ons with none
   * are left out). Paginated over add-ons.
   */
  @Override
  public synchronized DescribeAddonVersionsResponse describeAddonVersions(DescribeAddonVersionsRequest request) {
    enter(DESCRIBE_ADDON_VERSIONS);
    NavigableMap<String, AddonInfo> infos = new TreeMap<>();
    for (String addon : catalogue.addons()) {
      if (request.addonName() != null && !request.addonName().equals(addon)) {
        continue;
      }
      List<AddonVersionInfo> versions = new ArrayList<>();
      for (EksAddonCatalogue.Version v : catalogue.versions(addon)) {
        if (request.kubernetesVersion() != null && !v.clusterVersions().contains(request.kubernetesVersion())) {
          continue;
        }
        List<Compatibility> compatibilities = v.clusterVersions().stream().map(cv -> Compatibility.builder()
            .clusterVersion(cv).platformVersions("*").defaultVersion(v.defaultFor().contains(cv)).build()).toList();
        versions.add(AddonVersionInfo.builder().addonVersion(v.version()).architecture("amd64", "arm64")
            .compatibilities(compatibilities).requiresConfiguration(false).build());
      }
      if (!versions.isEmpty()) {
        infos.put(addon, AddonInfo.builder().addonName(addon).type("networking").owner("aws").publisher("eks")
            .addonVersions(versions).build());
      }
    }
    Page<AddonInfo> page = page(infos, request.maxResults(), request.nextToken());
    return DescribeAddonVersionsResponse.builder().addons(page.items()).nextToken(page.nextToken()).build();
  }

  /**
   * Starts a node group version update: to the control plane's version only (the default when none is
   * given; any other, newer or older, is {@link InvalidParameterException}); refused while the node group
   * or the cluster is being updated ({@link ResourceInUseException}). The node group is {@code UPDATING}
   * for the {@linkplain #nodegroupUpdateDuration update duration}, then at the version.
   */
  @Override
  public synchronized UpdateNodegroupVersionResponse updateNodegroupVersion(UpdateNodegroupVersionRequest request) {
    enter(UPDATE_NODEGROUP_VERSION);
    Cluster c = cluster(request.clusterName());
    Group g = nodegroup(c.name, request.nodegroupName());
    if (!"ACTIVE".equals(g.status)) {
      throw error(ResourceInUseException.builder().clusterName(g.cluster).nodegroupName(g.name), 409,
          "ResourceInUseException", "Nodegroup " + g.name + " is currently " + g.status
          + " and cannot be updated; only one update can be in progress at a time.");
    }
    if (clusterBusy(c)) {
      throw inUse(c.name, "Cluster " + c.name + " is currently being updated.");
    }
    String version = request.version() != null ? request.version() : c.version;
    if (minor(version) > minor(c.version)) {
      throw invalidParameter("Requested Nodegroup Kubernetes Version " + version + " is newer than the cluster version "
          + c.version + ".");
    }
    if (!version.equals(c.version)) {
      throw invalidParameter("Requested Nodegroup Kubernetes Version " + version + " is not the cluster version "
          + c.version + ": a node group is updated to the cluster's version.");
    }
    Change u = start(c, UPDATE_NODEGROUP_VERSION, UpdateType.VERSION_UPDATE, nodegroupUpdate,
        List.of(param(UpdateParamType.VERSION, version), param(UpdateParamType.RELEASE_VERSION, releaseVersion(version))));
    u.nodegroup = g.name;
    g.status = "UPDATING";
    g.modifiedAt = clock.instant();
    g.busyUntil = u.endsAt;
    u.onSuccess = () -> g.version = version;
    u.onEnd = () -> {};
    return UpdateNodegroupVersionResponse.builder().update(u.toSdk()).build();
  }

  private Group nodegroup(String clusterName, String name) {
    Group g = cluster(clusterName).nodegroups.get(name);
    if (g == null) {
      throw error(ResourceNotFoundException.builder().clusterName(clusterName).nodegroupName(name), 404,
          "ResourceNotFoundException", "No node group found for name: " + name + ".");
    }
    return g.settle();
  }

  private static void checkScaling(Integer min, Integer max, Integer desired) {
    if (min == null || max == null || desired == null || min < 0 || desired < 0) {
      throw invalidParameter("minSize, maxSize and desiredSize must be given and at least 0.");
    }
    if (max < 1) {
      throw invalidParameter("Maximum capacity " + max + " can't be less than 1");
    }
    if (min > desired) {
      throw invalidParameter("Minimum capacity " + min + " can't be greater than desired size " + desired);
    }
    if (desired > max) {
      throw invalidParameter("Desired capacity " + desired + " can't be greater than max size " + max);
    }
  }

  // --- internals ---

  private void enter(String operation) {
    log.enter(operation);
  }

  private Cluster cluster(String name) {
    Cluster cluster = name == null ? null : clusters.get(name);
    if (cluster == null) {
      throw resourceNotFound(name, "No cluster found for name: " + name + ".");
    }
    settle(cluster);
    return cluster;
  }

  // ends the updates whose time has come, in the order they end
  private void settle(Cluster cluster) {
    Instant now = clock.instant();
    cluster.updates.stream().filter(u -> u.status == UpdateStatus.IN_PROGRESS && !now.isBefore(u.endsAt))
        .sorted(java.util.Comparator.comparing((Change u) -> u.endsAt)).forEach(u -> {
          u.status = u.fails ? UpdateStatus.FAILED : UpdateStatus.SUCCESSFUL;
          if (!u.fails) {
            u.onSuccess.run();
          }
          u.onEnd.run();
        });
  }

  private static boolean clusterBusy(Cluster c) {
    return c.updates.stream().anyMatch(u -> u.status == UpdateStatus.IN_PROGRESS && u.nodegroup == null && u.addon == null);
  }

  private Change start(Cluster c, String operation, UpdateType type, Duration duration, List<UpdateParam> params) {
    Change u = new Change();
    u.id = UUID.nameUUIDFromBytes((c.name + operation + ++sequence).getBytes(StandardCharsets.UTF_8)).toString();
    u.type = type;
    u.params = params;
    u.createdAt = clock.instant();
    u.endsAt = u.createdAt.plus(duration);
    Integer failing = failingUpdates.get(operation);
    if (failing != null) {
      u.fails = true;
      failingUpdates.compute(operation, (k, n) -> n == 1 ? null : n - 1);
    }
    c.updates.add(u);
    return u;
  }

  private static UpdateParam param(UpdateParamType type, String value) {
    return UpdateParam.builder().type(type).value(value).build();
  }

  private static int minor(String version) {
    java.util.regex.Matcher m = Pattern.compile("1\\.(\\d+)").matcher(String.valueOf(version));
    if (!m.matches()) {
      throw invalidParameter("Unsupported Kubernetes version " + version + ".");
    }
    return Integer.parseInt(m.group(1));
  }

  // EKS's AMI release of a node group: the latest patch of its minor
  private static String releaseVersion(String version) {
    return version == null ? null : version + ".0-20241109";
  }

  private static ResourceInUseException inUse(String cluster, String message) {
    return (ResourceInUseException) error(ResourceInUseException.builder().clusterName(cluster), 409,
        "ResourceInUseException", message);
  }

  private void requireCompatible(Cluster c, String addon, String version) {
    EksAddonCatalogue.Version v = catalogue.find(addon, version);
    if (catalogue.versions(addon).isEmpty()) {
      throw invalidParameter("Addon " + addon + " specified is not supported");
    }
    if (v == null || !v.clusterVersions().contains(c.version)) {
      throw invalidParameter("Addon version specified is not supported with cluster version " + c.version
          + ": " + addon + " " + version);
    }
  }

  private AddonState addon(String clusterName, String name) {
    AddonState a = cluster(clusterName).addons.get(name);
    if (a == null) {
      throw (ResourceNotFoundException) error(ResourceNotFoundException.builder().clusterName(clusterName).addonName(name),
          404, "ResourceNotFoundException", "No addon: " + name + " found in cluster: " + clusterName);
    }
    return a;
  }

  // the cluster of an access entry call: it must exist, then allow the access entry API
  private Cluster accessEntryCluster(String name) {
    Cluster cluster = cluster(name);
    if (cluster.authenticationMode == AuthenticationMode.CONFIG_MAP) {
      throw (InvalidRequestException) error(InvalidRequestException.builder().clusterName(name), 400,
          "InvalidRequestException", CONFIG_MAP_ONLY);
    }
    return cluster;
  }

  private Entry entry(String clusterName, String principalArn) {
    Entry e = accessEntryCluster(clusterName).entries.get(principalArn);
    if (e == null) {
      throw resourceNotFound(clusterName, "The specified access entry resource could not be found.");
    }
    return e;
  }

  // the tags of the access entry or node group with this ARN
  private Map<String, String> tagsOf(String arn) {
    for (Cluster c : clusters.values()) {
      for (Entry e : c.entries.values()) {
        if (e.arn.equals(arn)) {
          return e.tags;
        }
      }
      for (Group g : c.nodegroups.values()) {
        if (g.arn.equals(arn)) {
          return g.tags;
        }
      }
    }
    throw error(NotFoundException.builder(), 404, "NotFoundException", "Resource not found: " + arn);
  }

  private static void requireStandard(Entry e) {
    if (!"STANDARD".equals(e.type)) {
      throw invalidParameter("This operation can only be performed on Access Entries with a type of \"STANDARD\".");
    }
  }

  private static String defaultUsername(String type, Matcher principal) {
    if (!"STANDARD".equals(type)) {
      return "system:node:{{EC2PrivateDNSName}}";
    }
    return "role".equals(principal.group(3))
        ? "arn:" + principal.group(1) + ":sts::" + principal.group(2) + ":assumed-role/" + principal.group(4) + "/{{SessionName}}"
        : principal.group(0);
  }

  private static void checkTags(Map<String, String> added, Map<String, String> existing, boolean onCreate) {
    Map<String, String> all = new LinkedHashMap<>(existing);
    all.putAll(added);
    String problem = null;
    if (all.size() > MAX_TAGS) {
      problem = "A resource can have at most " + MAX_TAGS + " tags.";
    }
    for (Map.Entry<String, String> t : added.entrySet()) {
      if (t.getKey().isEmpty() || t.getKey().length() > 128 || t.getValue().length() > 256) {
        problem = "Tag keys must have 1 to 128 characters and values at most 256: " + t.getKey();
      } else if (t.getKey().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        problem = "Tag keys starting with aws: are reserved: " + t.getKey();
      }
    }
    if (problem != null) {
      throw onCreate ? invalidParameter(problem) : badRequest(problem);
    }
  }

  private record Page<T>(List<T> items, String nextToken) {}

  // Tokens are the last key of the previous page, encoded so that callers treat them as opaque.
  private static <T> Page<T> page(NavigableMap<String, T> items, Integer maxResults, String nextToken) {
    int size = maxResults == null ? 100 : maxResults;
    if (size < 1 || size > 100) {
      throw invalidParameter("maxResults must be between 1 and 100, was " + maxResults);
    }
    NavigableMap<String, T> rest = items;
    if (nextToken != null) {
      String after;
      try {
        after = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalidParameter("The nextToken is not valid.");
      }
      if (!after.startsWith("k:")) {
        throw invalidParameter("The nextToken is not valid.");
      }
      rest = items.tailMap(after.substring(2), false);
    }
    List<Map.Entry<String, T>> taken = new ArrayList<>();
    for (Map.Entry<String, T> item : rest.entrySet()) {
      if (taken.size() == size) {
        break;
      }
      taken.add(item);
    }
    boolean more = !taken.isEmpty() && rest.higherKey(taken.get(taken.size() - 1).getKey()) != null;
    String token = more ? Base64.getUrlEncoder().encodeToString(
        ("k:" + taken.get(taken.size() - 1).getKey()).getBytes(StandardCharsets.UTF_8)) : null;
    return new Page<>(taken.stream().map(Map.Entry::getValue).toList(), token);
  }

  private static ResourceNotFoundException resourceNotFound(String clusterName, String message) {
    return (ResourceNotFoundException) error(ResourceNotFoundException.builder().clusterName(clusterName), 404,
        "ResourceNotFoundException", message);
  }

  private static InvalidParameterException invalidParameter(String message) {
    return (InvalidParameterException) error(InvalidParameterException.builder(), 400, "InvalidParameterException", message);
  }

  private static BadRequestException badRequest(String message) {
    return (BadRequestException) error(BadRequestException.builder(), 400, "BadRequestException", message);
  }

  // As the SDK unmarshals service errors: status code and error details with code, message and service.
  private static EksException error(EksException.Builder builder, int status, String code, String message) {
    return (EksException) builder.message(message).statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Eks").build())
        .build();
  }
}
