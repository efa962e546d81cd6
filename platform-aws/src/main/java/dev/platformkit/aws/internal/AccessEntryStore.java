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
import java.util.ArrayList;
import java.util.Comparator;
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
 * reconciler compares lists in order), version = {@code modifiedAt}.
 *
 * <p>Ownership lives in tags, which {@code CreateAccessEntry} sets atomically with the entry. That makes
 * a partly applied create safe: if associating a policy fails after the entry exists, the entry is
 * already ours and visible to {@link #list}, so the next plan shows the missing association as an update
 * and applying it completes the entry. Within one apply the reconciler's retry of a throttled create
 * gets a conflict, re-reads the entry and updates it the same way. Nothing is rolled back: an entry
 * without policies grants nothing beyond authentication.
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

  /** Access entries of {@code cluster}, through {@code eks}. */
  public AccessEntryStore(EksClient eks, String cluster) {
    this.eks = Objects.requireNonNull(eks, "eks");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
  }

  /** One desired or associated access policy, namespaces sorted. */
  private record Policy(String policyArn, String scopeType, List<String> namespaces) {}

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

  // One paged listing, then a describe per entry for its tags: ListAccessEntries returns principal ARNs only.
  @Override
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    List<Resource> out = new ArrayList<>();
    for (String principal : principals()) {
      read(principal, selector).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return read(ref.name(), Map.of());
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
      throw AwsErrors.map(e, "creating " + what(principal));
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
    // EKS has no conditional writes: compare modifiedAt instead, and take the ARN tags are addressed by
    AccessEntry entry;
    try {
      entry = eks.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principal)).accessEntry();
    } catch (ResourceNotFoundException e) {
      throw new NotFoundException(what(principal) + " no longer exists", e);
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading " + what(principal));
    }
    if (current.version() != null && !current.version().equals(version(entry))) {
      throw new ConflictException(what(principal) + " was modified at " + entry.modifiedAt() + " since it was read");
    }
    LOG.debug("updating {}", what(principal));
    String arn = entry.accessEntryArn();
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
      Map<String, Policy> wanted = policies(update.body().get(ACCESS_POLICIES), principal);
      Map<String, Policy> have = policies(current.body().get(ACCESS_POLICIES), principal);
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

  @Override
  public void delete(Kind kind, Resource current) {
    String principal = current.ref().name();
    LOG.debug("deleting {}", what(principal));
    try {
      // deleting the entry deletes its policy associations and tags with it
      eks.deleteAccessEntry(r -> r.clusterName(cluster).principalArn(principal));
    } catch (ResourceNotFoundException e) {
      // already gone
    } catch (SdkException e) {
      throw AwsErrors.map(e, "deleting " + what(principal));
    }
  }

  // --- reading ---

  private List<String> principals() {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      ListAccessEntriesResponse response;
      try {
        response = eks.listAccessEntries(r -> r.clusterName(cluster).maxResults(PAGE_SIZE).nextToken(page));
      } catch (ResourceNotFoundException e) {
        throw clusterNotFound(e);
      } catch (SdkException e) {
        throw AwsErrors.map(e, "listing the access entries of EKS cluster " + cluster);
      }
      out.addAll(response.accessEntries());
      token = response.nextToken();
    } while (token != null);
    return out;
  }

  // The entry if its tags include the selector; empty when it is gone (deleted since it was listed).
  private Optional<Resource> read(String principal, Map<String, String> selector) {
    try {
      AccessEntry entry = eks.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principal)).accessEntry();
      if (!entry.tags().entrySet().containsAll(selector.entrySet())) {
        return Optional.empty();
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put(TYPE, entry.type());
      // only STANDARD entries carry access policies; EKS refuses the call for the others
      if (STANDARD.equals(entry.type())) {
        body.put(ACCESS_POLICIES, associatedPolicies(principal));
      }
      return Optional.of(new Resource(ResourceRef.aws(KIND, principal), new TreeMap<>(entry.tags()), Map.of(), body,
          version(entry)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading " + what(principal));
    }
  }

  private List<Object> associatedPolicies(String principal) {
    List<AssociatedAccessPolicy> all = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      ListAssociatedAccessPoliciesResponse response = eks.listAssociatedAccessPolicies(
          r -> r.clusterName(cluster).principalArn(principal).maxResults(PAGE_SIZE).nextToken(page));
      all.addAll(response.associatedAccessPolicies());
      token = response.nextToken();
    } while (token != null);
    all.sort(Comparator.comparing(AssociatedAccessPolicy::policyArn));
    List<Object> out = new ArrayList<>();
    for (AssociatedAccessPolicy p : all) {
      AccessScope scope = p.accessScope();
      out.add(policyBody(new Policy(p.policyArn(), scope.typeAsString(), List.copyOf(new TreeSet<>(scope.namespaces())))));
    }
    return out;
  }

  private static String version(AccessEntry entry) {
    return entry.modifiedAt() == null ? null : entry.modifiedAt().toString();
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

  private NotFoundException clusterNotFound(ResourceNotFoundException e) {
    return new NotFoundException("EKS cluster " + cluster + " not found (check the cluster name and the region the EKS"
        + " client is configured for)", e);
  }
}
