package dev.platformkit.aws.internal;

import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.OwnershipException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import dev.platformkit.tenant.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.AccessScope;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.ListAccessEntriesResponse;
import software.amazon.awssdk.services.eks.model.ListAssociatedAccessPoliciesResponse;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * The EKS access entries of one cluster, as {@link Resource}s: ref {@code aws AccessEntry <principalArn>},
 * labels = the entry's tags, body {@code {type, accessPolicies: [{policyArn, accessScope: {type,
 * namespaces}}]}} with policies sorted by ARN and namespaces alphabetically (EKS keeps no order, the
 * reconciler compares lists in order), created = the entry's {@code createdAt}.
 *
 * <h2>Versions and conditional writes</h2>
 *
 * <p>EKS has no conditional writes, and an entry's {@code modifiedAt} moves only with
 * {@code UpdateAccessEntry}: associating or disassociating an access policy does not change it, and AWS
 * does not say that tagging does. So the {@link Resource#version() version} is a digest of everything
 * platformkit compares: the entry's ARN (a re-created entry has a new one), {@code modifiedAt}, type,
 * tags, and every associated policy with its scope. It is computed the same way when reading
 * ({@link #list}, {@link #get}) and when checking again right before a write: {@link #update} and
 * {@link #delete} describe the entry and list its associations again, and throw a
 * {@link ConflictException} naming what changed, before writing anything, when the digest differs from
 * the version read. The engine then reads the entry again and decides again, so a policy someone else
 * associated with an entry platformkit owns (a cluster-wide {@code AmazonEKSClusterAdminPolicy}, say)
 * stops a saved plan ({@link dev.platformkit.StalePlanException}) and is removed by a one-pass apply; it is
 * never left in place by an apply that reports success. The check narrows the race to the few calls
 * between the re-read and the writes; without conditional writes nothing closes it.
 *
 * <p>{@link #delete} also checks ownership right before {@code DeleteAccessEntry}: an entry whose tags no
 * longer say {@code platformkit:managed-by=platformkit} and the owner it was read with is never deleted
 * ({@link OwnershipException}); one that changed otherwise is a {@link ConflictException}; one already
 * gone is nothing to do.
 *
 * <h2>Listing: cost grows with what platformkit owns, not with the cluster</h2>
 *
 * <p>{@code ListAccessEntries} returns principal ARNs only, so finding the owned entries means describing
 * candidates for their tags. Describing every entry of the cluster (node roles, Fargate profiles, people
 * and other tools) would make a steady-state plan cost one call per foreign entry. Instead {@link #list}
 * asks EKS for the entries associated with each access policy platformkit associates ({@code
 * ListAccessEntries} with {@code associatedPolicyArn}: {@code AmazonEKSAdminPolicy}, {@code
 * AmazonEKSEditPolicy}, {@code AmazonEKSViewPolicy}, one per {@link Role}), in the cluster's partition
 * (read once from {@code DescribeCluster}'s ARN and cached; this needs {@code eks:DescribeCluster}), and
 * describes only those candidates. A steady-state list of N owned entries costs 1 + 3 listings (plus one
 * per further page of 100) + N describes + N association listings, whatever else is in the cluster. Node
 * entries never carry access policies and are never described; foreign {@code STANDARD} entries that
 * carry one of those three policies are described once each (their tags say they are not ours) and cost
 * nothing more.
 *
 * <p>The gap: an owned entry with none of those policies associated is not listed. That happens when a
 * create is interrupted between {@code CreateAccessEntry} and {@code AssociateAccessPolicy} (the entry
 * exists, tagged as ours, with no association), or when someone else disassociated our policies. While the
 * entry is desired this does not matter: the engine {@link #get}s every desired entry that the list did not
 * return, finds it ours and plans the update that associates its policies again (and removes any other
 * policy, as for any owned entry). Once it is no longer desired (the member was removed, the tenant
 * deleted) nothing finds it, and it is left in place: an entry without access policies grants no
 * Kubernetes permission through EKS (platformkit sets no {@code kubernetesGroups}), only authentication;
 * if someone else associated another policy with it, that grant is theirs. Deleting it takes a call to
 * {@code DeleteAccessEntry} by hand, or describing every entry, which this store deliberately does not do.
 *
 * <p>Ownership lives in tags, which {@code CreateAccessEntry} sets atomically with the entry. Nothing is
 * rolled back after a failed association; the next plan completes the entry as above.
 */
public final class AccessEntryStore implements ResourceStore {
  /** The kind this store holds. */
  public static final String KIND = "AccessEntry";

  static final String TYPE = "type";
  static final String ACCESS_POLICIES = "accessPolicies";
  private static final String STANDARD = "STANDARD";
  private static final int PAGE_SIZE = 100;
  private static final Logger LOG = LoggerFactory.getLogger(AccessEntryStore.class);

  private final EksClient eks;
  private final String cluster;
  // the cluster's partition never changes: read once
  private volatile String partition;

  /** Access entries of {@code cluster}, through {@code eks}. */
  public AccessEntryStore(EksClient eks, String cluster) {
    this.eks = Objects.requireNonNull(eks, "eks");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
  }

  /** One desired or associated access policy, namespaces sorted. */
  private record Policy(String policyArn, String scopeType, List<String> namespaces) {}

  /** An entry as read: what is described, and its associations (empty for entries other than STANDARD). */
  private record Snapshot(AccessEntry entry, Map<String, Policy> policies) {

    Map<String, String> tags() {
      return new TreeMap<>(entry.tags());
    }

    Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put(TYPE, entry.type());
      if (STANDARD.equals(entry.type())) {
        List<Object> list = new ArrayList<>();
        policies.values().forEach(p -> list.add(policyBody(p)));
        body.put(ACCESS_POLICIES, list);
      }
      return body;
    }

    // a digest of everything compared, each part length-prefixed so that no two states share a text
    String version() {
      StringBuilder text = new StringBuilder();
      part(text, entry.accessEntryArn());
      part(text, String.valueOf(entry.modifiedAt()));
      part(text, entry.type());
      tags().forEach((k, v) -> part(part(part(text, "tag"), k), v));
      for (Policy p : policies.values()) {
        part(part(part(text, "policy"), p.policyArn()), p.scopeType());
        p.namespaces().forEach(ns -> part(text, ns));
      }
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every Java platform", e);
      }
    }

    private static StringBuilder part(StringBuilder text, String value) {
      String v = value == null ? "" : value;
      return text.append(v.length()).append(':').append(v).append(';');
    }

    Resource toResource() {
      return new Resource(ResourceRef.aws(KIND, entry.principalArn()), tags(), Map.of(), body(), version(),
          entry.createdAt());
    }
  }

  @Override
  public String provider() {
    return ResourceRef.AWS;
  }

  @Override
  public boolean supports(Kind kind) {
    return kind.is(ResourceRef.AWS, KIND);
  }

  /** Tags. */
  @Override
  public Marks marks() {
    return Marks.TAGS;
  }

  /** No record: an entry reads back exactly as written, and only platformkit writes owned entries. */
  @Override
  public Tracking tracking() {
    return Tracking.NONE;
  }

  /**
   * The entries associated with at least one of the access policies platformkit associates whose tags
   * include {@code selector}; see the class documentation for why, and for what is not listed.
   */
  @Override
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    Set<String> candidates = new TreeSet<>();
    for (String policyArn : platformPolicies()) {
      candidates.addAll(principals(policyArn));
    }
    List<Resource> out = new ArrayList<>();
    for (String principal : candidates) {
      // tags first: a foreign entry costs one describe and no more
      Optional<AccessEntry> entry = describe(principal);
      if (entry.isEmpty() || !entry.get().tags().entrySet().containsAll(selector.entrySet())) {
        continue;
      }
      associations(entry.get()).ifPresent(policies -> out.add(new Snapshot(entry.get(), policies).toResource()));
    }
    return out;
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return read(ref.name()).map(Snapshot::toResource);
  }

  @Override
  public void create(Kind kind, Resource desired) {
    String principal = desired.ref().name();
    String type = String.valueOf(desired.body().getOrDefault(TYPE, STANDARD));
    Map<String, Policy> policies = policies(desired.body().get(ACCESS_POLICIES), principal);
    if (!policies.isEmpty() && !STANDARD.equals(type)) {
      throw new PlatformException(what(principal) + ": access policies attach only to STANDARD entries, not " + type);
    }
    LOG.debug("creating {}", what(principal));
    try {
      eks.createAccessEntry(r -> r.clusterName(cluster).principalArn(principal).type(type).tags(desired.labels()));
    } catch (ResourceInUseException e) {
      throw new ConflictException(what(principal) + " already exists", e);
    } catch (ResourceNotFoundException e) {
      throw clusterNotFound(e);
    } catch (SdkException e) {
      throw map(e, "creating " + what(principal));
    }
    for (Policy p : policies.values()) {
      try {
        associate(principal, p);
      } catch (SdkException e) {
        throw AwsErrors.map(e, "associating " + p.policyArn() + " with the new " + what(principal),
            "The entry exists with its ownership tags; planning again shows the missing association and applying completes it.");
      }
    }
  }

  /**
   * Describes the entry and lists its associations again, and throws a {@link ConflictException} before
   * writing anything when they no longer match {@code current}'s version; then writes tags, then removes
   * associations, then associates.
   */
  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    String principal = current.ref().name();
    Set<String> unsupported = new TreeSet<>(update.body().keySet());
    unsupported.removeAll(Set.of(TYPE, ACCESS_POLICIES));
    if (!unsupported.isEmpty() || !update.setAnnotations().isEmpty() || !update.removeAnnotations().isEmpty()) {
      throw new PlatformException(what(principal) + ": only tags and accessPolicies can be changed, not "
          + (unsupported.isEmpty() ? "annotations" : unsupported));
    }
    if (update.body().containsKey(TYPE) && !Objects.equals(update.body().get(TYPE), current.body().get(TYPE))) {
      throw new PlatformException(what(principal) + ": the type of an access entry cannot be changed (from "
          + current.body().get(TYPE) + " to " + update.body().get(TYPE) + "); delete it and create it again");
    }
    Snapshot live = read(principal).orElseThrow(() -> new NotFoundException(what(principal) + " no longer exists"));
    checkVersion(current, live, "updating");
    LOG.debug("updating {}", what(principal));
    String arn = live.entry().accessEntryArn();
    try {
      if (!update.removeLabels().isEmpty()) {
        eks.untagResource(r -> r.resourceArn(arn).tagKeys(update.removeLabels()));
      }
      if (!update.setLabels().isEmpty()) {
        eks.tagResource(r -> r.resourceArn(arn).tags(update.setLabels()));
      }
    } catch (SdkException e) {
      throw AwsErrors.map(e, "tagging " + what(principal));
    }
    if (update.body().containsKey(ACCESS_POLICIES)) {
      // a merge patch replaces lists: the patch holds every policy wanted
      Map<String, Policy> wanted = policies(update.body().get(ACCESS_POLICIES), principal);
      Map<String, Policy> have = live.policies();
      // removals first: if a later write fails, the principal is left with less access, never more
      for (String policyArn : have.keySet()) {
        if (!wanted.containsKey(policyArn)) {
          disassociate(principal, policyArn);
        }
      }
      for (Policy p : wanted.values()) {
        if (!p.equals(have.get(p.policyArn()))) {
          try {
            associate(principal, p);
          } catch (SdkException e) {
            throw AwsErrors.map(e, "associating " + p.policyArn() + " with " + what(principal));
          }
        }
      }
    }
  }

  /**
   * Describes the entry again and deletes it only if it still carries platformkit's ownership tags for
   * the owner {@code current} was read with ({@link OwnershipException} otherwise) and is still the
   * version read ({@link ConflictException} otherwise). Nothing happens when it is gone.
   */
  @Override
  public void delete(Kind kind, Resource current) {
    String principal = current.ref().name();
    Optional<Snapshot> live = read(principal);
    if (live.isEmpty()) {
      return;
    }
    String owner = Marks.TAGS.owner(current.labels()).orElse(null);
    String liveOwner = Marks.TAGS.owner(live.get().entry().tags()).orElse(null);
    if (owner == null || !owner.equals(liveOwner)) {
      throw new DeleteRefused(current.ref(), what(principal), owner, liveOwner);
    }
    checkVersion(current, live.get(), "deleting");
    LOG.debug("deleting {}", what(principal));
    try {
      // deleting the entry deletes its policy associations and tags with it
      eks.deleteAccessEntry(r -> r.clusterName(cluster).principalArn(principal));
    } catch (ResourceNotFoundException e) {
      // deleted by someone else since it was described: what we wanted
    } catch (SdkException e) {
      throw AwsErrors.map(e, "deleting " + what(principal));
    }
  }

  /** Refusal to delete an entry whose ownership tags changed since it was read. */
  private static final class DeleteRefused extends OwnershipException {
    private static final long serialVersionUID = 1L;

    DeleteRefused(ResourceRef ref, String what, String owner, String liveOwner) {
      super("refusing to delete " + what + ": it was read as owned by " + owner + " but its tags now say "
          + (liveOwner == null ? "it is not managed by platformkit" : "it is owned by " + liveOwner)
          + "; it is left in place (restore its platformkit:managed-by and platformkit:owner tags to let"
          + " platformkit delete it, or delete it by hand)", ref, liveOwner);
    }
  }

  // --- reading ---

  // The EKS policies platformkit associates, in the cluster's partition.
  private List<String> platformPolicies() {
    String p = partition();
    return Arrays.stream(Role.values()).map(r -> r.eksPolicyArn(p)).toList();
  }

  private String partition() {
    String known = partition;
    if (known == null) {
      String arn;
      try {
        arn = eks.describeCluster(r -> r.name(cluster)).cluster().arn();
      } catch (ResourceNotFoundException e) {
        throw clusterNotFound(e);
      } catch (SdkException e) {
        throw AwsErrors.map(e, "describing EKS cluster " + cluster,
            "platformkit reads the cluster's ARN once for its partition, which needs eks:DescribeCluster");
      }
      String[] parts = arn == null ? new String[0] : arn.split(":", 3);
      if (parts.length < 3 || !parts[0].equals("arn") || parts[1].isEmpty()) {
        throw new PlatformException("EKS cluster " + cluster + " has no valid ARN to take its partition from: " + arn);
      }
      known = parts[1];
      partition = known;
    }
    return known;
  }

  private List<String> principals(String policyArn) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      ListAccessEntriesResponse response;
      try {
        response = eks.listAccessEntries(r -> r.clusterName(cluster).associatedPolicyArn(policyArn)
            .maxResults(PAGE_SIZE).nextToken(page));
      } catch (ResourceNotFoundException e) {
        throw clusterNotFound(e);
      } catch (SdkException e) {
        throw map(e, "listing the access entries associated with " + policyArn + " in EKS cluster " + cluster);
      }
      out.addAll(response.accessEntries());
      token = response.nextToken();
    } while (token != null);
    return out;
  }

  // The entry and its associations; empty when it is gone.
  private Optional<Snapshot> read(String principal) {
    return describe(principal).flatMap(entry -> associations(entry).map(policies -> new Snapshot(entry, policies)));
  }

  private Optional<AccessEntry> describe(String principal) {
    try {
      return Optional.of(eks.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principal)).accessEntry());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw map(e, "reading " + what(principal));
    }
  }

  // The associations of a described entry, by policy ARN; empty when the entry is gone since.
  private Optional<Map<String, Policy>> associations(AccessEntry entry) {
    Map<String, Policy> out = new TreeMap<>();
    // only STANDARD entries carry access policies; EKS refuses the call for the others
    if (!STANDARD.equals(entry.type())) {
      return Optional.of(out);
    }
    String principal = entry.principalArn();
    String token = null;
    do {
      String page = token;
      ListAssociatedAccessPoliciesResponse response;
      try {
        response = eks.listAssociatedAccessPolicies(
            r -> r.clusterName(cluster).principalArn(principal).maxResults(PAGE_SIZE).nextToken(page));
      } catch (ResourceNotFoundException e) {
        return Optional.empty();
      } catch (SdkException e) {
        throw map(e, "listing the access policies of " + what(principal));
      }
      for (AssociatedAccessPolicy p : response.associatedAccessPolicies()) {
        AccessScope scope = p.accessScope();
        out.put(p.policyArn(), new Policy(p.policyArn(), scope.typeAsString(), List.copyOf(new TreeSet<>(scope.namespaces()))));
      }
      token = response.nextToken();
    } while (token != null);
    return Optional.of(out);
  }

  // The conditional part of a write: the entry is still what was read, or nothing is written.
  private void checkVersion(Resource current, Snapshot live, String action) {
    if (current.version() == null || current.version().equals(live.version())) {
      return;
    }
    String principal = current.ref().name();
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(current.body().get(TYPE), live.entry().type())) {
      changed.add("its type is now " + live.entry().type());
    }
    if (!current.labels().equals(live.tags())) {
      changed.add("its tags are now " + live.tags());
    }
    Map<String, Policy> before = policies(current.body().get(ACCESS_POLICIES), principal);
    for (Policy p : live.policies().values()) {
      Policy was = before.get(p.policyArn());
      if (was == null) {
        changed.add(p.policyArn() + " was associated (" + scope(p) + ")");
      } else if (!was.equals(p)) {
        changed.add("the scope of " + p.policyArn() + " is now " + scope(p));
      }
    }
    for (String policyArn : before.keySet()) {
      if (!live.policies().containsKey(policyArn)) {
        changed.add(policyArn + " was disassociated");
      }
    }
    if (changed.isEmpty()) {
      changed.add("it was updated or created again (modified at " + live.entry().modifiedAt() + ")");
    }
    throw new ConflictException(what(principal) + " changed since it was read, so " + action
        + " it was not started: " + String.join("; ", changed));
  }

  private static String scope(Policy p) {
    return p.namespaces().isEmpty() ? p.scopeType() : p.scopeType() + " " + p.namespaces();
  }

  // --- writing ---

  private void associate(String principal, Policy p) {
    // associating an already associated policy replaces its scope
    eks.associateAccessPolicy(r -> r.clusterName(cluster).principalArn(principal).policyArn(p.policyArn())
        .accessScope(s -> s.type(p.scopeType()).namespaces(p.namespaces())));
  }

  private void disassociate(String principal, String policyArn) {
    try {
      eks.disassociateAccessPolicy(r -> r.clusterName(cluster).principalArn(principal).policyArn(policyArn));
    } catch (ResourceNotFoundException e) {
      // already disassociated; the entry itself was just described
    } catch (SdkException e) {
      throw AwsErrors.map(e, "disassociating " + policyArn + " from " + what(principal));
    }
  }

  // --- bodies ---

  private static Map<String, Object> policyBody(Policy p) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put(TYPE, p.scopeType());
    if (!p.namespaces().isEmpty()) {
      scope.put("namespaces", p.namespaces());
    }
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("policyArn", p.policyArn());
    policy.put("accessScope", scope);
    return policy;
  }

  // accessPolicies of a body, by policy ARN; EKS holds one association per policy
  private Map<String, Policy> policies(Object accessPolicies, String principal) {
    Map<String, Policy> out = new TreeMap<>();
    if (accessPolicies == null) {
      return out;
    }
    if (!(accessPolicies instanceof List<?> list)) {
      throw new PlatformException(what(principal) + ": accessPolicies must be a list");
    }
    for (Object item : list) {
      Map<?, ?> policy = item instanceof Map<?, ?> m ? m : Map.of();
      Map<?, ?> scope = policy.get("accessScope") instanceof Map<?, ?> m ? m : Map.of();
      Object arn = policy.get("policyArn");
      Object scopeType = scope.get(TYPE);
      Object namespaces = scope.containsKey("namespaces") ? scope.get("namespaces") : List.of();
      if (!(arn instanceof String a) || !(scopeType instanceof String t) || !(namespaces instanceof List<?> ns)) {
        throw new PlatformException(what(principal) + ": each access policy needs a policyArn and an accessScope"
            + " with a type and a list of namespaces, got " + item);
      }
      List<String> sorted = ns.stream().map(String::valueOf).sorted().distinct().toList();
      if (out.put(a, new Policy(a, t, sorted)) != null) {
        throw new PlatformException(what(principal) + ": policy " + a + " is listed twice");
      }
    }
    return out;
  }

  private String what(String principal) {
    return "aws AccessEntry " + principal + " in EKS cluster " + cluster;
  }

  // AwsErrors.map, saying what to do when the cluster still authenticates with aws-auth only
  private PlatformException map(SdkException e, String action) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && "InvalidRequestException".equals(service.awsErrorDetails().errorCode())
        && String.valueOf(service.awsErrorDetails().errorMessage()).contains("authentication mode")) {
      return AwsErrors.map(e, action, "EKS cluster " + cluster + " authenticates with the aws-auth ConfigMap only:"
          + " switch its authentication mode to API_AND_CONFIG_MAP, or manage IAM access with"
          + " iamAccess(AWS_AUTH_CONFIGMAP) (--iam-access AWS_AUTH_CONFIGMAP)");
    }
    return AwsErrors.map(e, action);
  }

  private NotFoundException clusterNotFound(ResourceNotFoundException e) {
    return new NotFoundException("EKS cluster " + cluster + " not found (check the cluster name and the region the EKS"
        + " client is configured for)", e);
  }
}
