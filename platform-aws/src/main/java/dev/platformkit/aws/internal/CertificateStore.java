package dev.platformkit.aws.internal;

import dev.platformkit.ConflictException;
import dev.platformkit.OwnershipException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Tracking;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/**
 * ACM certificates of one region, as {@link Resource}s of kind {@code Certificate}, requested for DNS
 * validation.
 *
 * <p><b>Addressing.</b> Ref {@code aws Certificate <name>}: the certificate whose tag
 * {@value #NAME_TAG} is {@code <name>} (the site). When several carry the name (a replaced certificate still
 * in use), the newest is {@code <name>} and each older one {@code <name>@<certificate id>}, the id being the
 * last part of its ARN. A ref named by a whole ARN ({@code arn:aws:acm:...}) reads that certificate.
 *
 * <p><b>Body.</b> Desired: {@code {"domainName", "subjectAlternativeNames": [every name, sorted, the domain
 * name too], "validationMethod": "DNS"}}; labels = tags (owner marks and {@value #NAME_TAG}). Read adds
 * {@code "status": {"arn", "state" (PENDING_VALIDATION, ISSUED, FAILED, VALIDATION_TIMED_OUT, ...),
 * "validationRecords": [{"name", "type", "value"}], "inUseBy": [arn, ...]}}: one entry per validation record
 * (a wildcard and its base domain share one), the name lower case without the trailing dot, type and value as
 * ACM gives them; none yet in the first seconds after the request. {@code status} is never written.
 *
 * <p><b>Writes.</b> A create is one {@code RequestCertificate} with the tags and an idempotency token derived
 * from the name and the domain names (32 word characters), so a create repeated within ACM's hour (after a
 * timeout) gets the same certificate. The domain names of a certificate cannot change: an update writes tags
 * only, and a change of names is a replacement (a new certificate, then the old one deleted). A delete reads
 * the tags and {@code InUseBy} again and refuses, with a {@link ConflictException} naming the users, while
 * something (a load balancer, a CloudFront distribution) still uses the certificate; a certificate without
 * our marks is never deleted ({@link OwnershipException}).
 *
 * <p><b>Cost.</b> {@link #list(Kind, Map)} with an empty selector is one paged {@code ListCertificates} of the
 * ISSUED and PENDING_VALIDATION certificates, owned or not, with no call per certificate: refs are then named
 * by ARN (or by name when its tags were read before), labels are empty unless read before, and the body holds
 * the names and {@code status.arn}/{@code status.state} only. With a selector (owners), every certificate's
 * tags are read once ({@code ListTagsForCertificate}, remembered for the life of this store, refreshed by its
 * own writes and before each delete) and each certificate that matches is described
 * ({@code DescribeCertificate}): the first listing of an account with N certificates costs N tag reads, later
 * ones only the new certificates'. {@link #get} costs the same as a listing with a selector.
 */
public final class CertificateStore implements ResourceStore {
  /** The kind this store holds. */
  public static final String KIND = "Certificate";
  /** The tag naming the certificate (the site). */
  public static final String NAME_TAG = "platformkit:name";

  private static final Logger LOG = LoggerFactory.getLogger(CertificateStore.class);

  private final AcmClient acm;
  private final String where;
  private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

  /** Certificates reached through {@code acm}; {@code where} names its region in messages (may be empty). */
  public CertificateStore(AcmClient acm, String where) {
    this.acm = Objects.requireNonNull(acm, "acm");
    this.where = where == null || where.isEmpty() ? "" : " in " + where;
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

  @Override
  public Tracking tracking() {
    return Tracking.NONE;
  }

  // --- reads ---

  @Override
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    if (selector.isEmpty()) {
      List<Resource> out = new ArrayList<>();
      for (CertificateSummary s : summaries(List.of(CertificateStatus.ISSUED, CertificateStatus.PENDING_VALIDATION))) {
        Map<String, String> known = tags.getOrDefault(s.certificateArn(), Map.of());
        String name = known.getOrDefault(NAME_TAG, s.certificateArn());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domainName", s.domainName());
        body.put("subjectAlternativeNames", sorted(s.subjectAlternativeNameSummaries(), s.domainName()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("arn", s.certificateArn());
        status.put("state", s.statusAsString());
        body.put("status", status);
        out.add(new Resource(ResourceRef.aws(KIND, name), known, Map.of(), body, s.certificateArn(), s.createdAt()));
      }
      return out;
    }
    List<Resource> out = new ArrayList<>();
    for (List<Resource> named : owned(selector).values()) {
      out.addAll(named);
    }
    return out;
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    String name = ref.name();
    if (name.startsWith("arn:")) {
      return describe(name).map(d -> resource(ref, d, tagsOf(d.certificateArn(), false)));
    }
    String base = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
    List<Resource> named = owned(Map.of(NAME_TAG, base)).getOrDefault(base, List.of());
    return named.stream().filter(r -> r.ref().name().equals(name)).findFirst().map(r -> r.withRef(ref));
  }

  // the certificates whose tags hold selector, described, grouped by name tag, newest first
  private Map<String, List<Resource>> owned(Map<String, String> selector) {
    Map<String, List<CertificateDetail>> byName = new TreeMap<>();
    for (CertificateSummary s : summaries(List.of())) {
      Map<String, String> t = tagsOf(s.certificateArn(), false);
      if (t == null || !t.entrySet().containsAll(selector.entrySet())) {
        continue;
      }
      describe(s.certificateArn()).ifPresent(d ->
          byName.computeIfAbsent(t.getOrDefault(NAME_TAG, d.certificateArn()), n -> new ArrayList<>()).add(d));
    }
    Map<String, List<Resource>> out = new TreeMap<>();
    byName.forEach((name, details) -> {
      details.sort(Comparator.comparing((CertificateDetail d) -> d.createdAt() == null ? Instant.EPOCH : d.createdAt()).reversed()
          .thenComparing(CertificateDetail::certificateArn));
      List<Resource> resources = new ArrayList<>();
      for (int i = 0; i < details.size(); i++) {
        CertificateDetail d = details.get(i);
        String refName = i == 0 ? name : name + "@" + id(d.certificateArn());
        resources.add(resource(ResourceRef.aws(KIND, refName), d, tagsOf(d.certificateArn(), false)));
      }
      out.put(name, resources);
    });
    return out;
  }

  private Resource resource(ResourceRef ref, CertificateDetail d, Map<String, String> labels) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("domainName", d.domainName());
    body.put("subjectAlternativeNames", sorted(d.subjectAlternativeNames(), d.domainName()));
    ValidationMethod method = d.domainValidationOptions().stream().map(DomainValidation::validationMethod)
        .filter(Objects::nonNull).findFirst().orElse(null);
    if (method != null) {
      body.put("validationMethod", method.toString());
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("arn", d.certificateArn());
    status.put("state", d.statusAsString());
    Map<String, Map<String, Object>> records = new LinkedHashMap<>();
    for (DomainValidation v : d.domainValidationOptions()) {
      if (v.resourceRecord() != null) {
        String name = v.resourceRecord().name().toLowerCase(java.util.Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", name);
        record.put("type", v.resourceRecord().typeAsString());
        record.put("value", v.resourceRecord().value());
        records.putIfAbsent(name, record);
      }
    }
    status.put("validationRecords", List.copyOf(records.values()));
    status.put("inUseBy", List.copyOf(d.inUseBy()));
    body.put("status", status);
    return new Resource(ref, labels == null ? Map.of() : labels, Map.of(), body, d.certificateArn(), d.createdAt());
  }

  // --- writes ---

  @Override
  public void create(Kind kind, Resource desired) {
    ResourceRef ref = desired.ref();
    Map<String, Object> body = desired.body();
    if (!(body.get("domainName") instanceof String domain) || domain.isBlank()) {
      throw new PlatformException(ref + ": body.domainName must be a domain name");
    }
    Object method = body.getOrDefault("validationMethod", "DNS");
    if (!"DNS".equals(method)) {
      throw new PlatformException(ref + ": body.validationMethod must be DNS, not " + method);
    }
    List<String> names = new ArrayList<>();
    Object sans = body.getOrDefault("subjectAlternativeNames", List.of(domain));
    if (!(sans instanceof List<?> list) || !list.stream().allMatch(n -> n instanceof String)) {
      throw new PlatformException(ref + ": body.subjectAlternativeNames must be a list of domain names");
    }
    list.forEach(n -> names.add((String) n));
    if (!names.contains(domain)) {
      throw new PlatformException(ref + ": body.subjectAlternativeNames must include the domainName " + domain);
    }
    if (Marks.TAGS.owner(desired.labels()).isEmpty()) {
      throw new PlatformException(ref + ": a certificate is requested with its owner's marks (tags "
          + Marks.TAGS.of("<owner>").keySet() + ")");
    }
    Map<String, String> wanted = new LinkedHashMap<>(desired.labels());
    wanted.putIfAbsent(NAME_TAG, ref.name());
    String token = token(ref.name(), names);
    String action = "requesting aws Certificate " + ref.name() + " for " + names + where;
    try {
      String arn = acm.requestCertificate(r -> r.domainName(domain).subjectAlternativeNames(names)
          .validationMethod(ValidationMethod.DNS).idempotencyToken(token).tags(tagList(wanted))).certificateArn();
      tags.put(arn, Map.copyOf(wanted));
      LOG.debug("{}: {}", action, arn);
    } catch (SdkException e) {
      throw AwsErrors.map(e, action);
    }
  }

  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    ResourceRef ref = current.ref();
    String arn = arn(current);
    Map<String, Object> patched = update.patchBody(current.body());
    for (String field : List.of("domainName", "subjectAlternativeNames", "validationMethod")) {
      if (!Objects.equals(patched.get(field), current.body().get(field))) {
        throw new PlatformException(ref + ": body." + field + " of a certificate cannot change; it is replaced instead"
            + " (a new certificate, then the old one deleted once unused)");
      }
    }
    requireOwned(current, arn);
    String action = "tagging aws Certificate " + ref.name() + " (" + arn + ")" + where;
    try {
      if (!update.setLabels().isEmpty()) {
        acm.addTagsToCertificate(r -> r.certificateArn(arn).tags(tagList(update.setLabels())));
      }
      if (!update.removeLabels().isEmpty()) {
        acm.removeTagsFromCertificate(r -> r.certificateArn(arn)
            .tags(update.removeLabels().stream().map(k -> Tag.builder().key(k).build()).toList()));
      }
    } catch (SdkException e) {
      throw AwsErrors.map(e, action);
    } finally {
      tags.remove(arn);
    }
  }

  @Override
  public void delete(Kind kind, Resource current) {
    ResourceRef ref = current.ref();
    String arn = arn(current);
    Optional<CertificateDetail> found = describe(arn);
    if (found.isEmpty()) {
      tags.remove(arn);
      return;
    }
    requireOwned(current, arn);
    String what = "aws Certificate " + ref.name() + " (" + arn + ")" + where;
    if (!found.get().inUseBy().isEmpty()) {
      throw inUse(what, found.get().inUseBy(), null);
    }
    try {
      acm.deleteCertificate(r -> r.certificateArn(arn));
      tags.remove(arn);
    } catch (ResourceNotFoundException e) {
      tags.remove(arn);
    } catch (ResourceInUseException e) {
      throw inUse(what, List.of(), e);
    } catch (SdkException e) {
      throw AwsErrors.map(e, "deleting " + what);
    }
  }

  private static ConflictException inUse(String what, List<String> users, Throwable cause) {
    return new ConflictException(what + " is still in use" + (users.isEmpty() ? "" : " by " + String.join(", ", users))
        + "; it is deleted once nothing uses it (detach it from those load balancers or distributions first)", cause);
  }

  private void requireOwned(Resource current, String arn) {
    Map<String, String> fresh = tagsOf(arn, true);
    String wanted = Marks.TAGS.owner(current.labels()).orElse(null);
    String found = fresh == null ? null : Marks.TAGS.owner(fresh).orElse(null);
    if (wanted == null || !wanted.equals(found)) {
      throw new OwnershipException(current.ref(), found, wanted == null ? "platformkit" : wanted);
    }
  }

  private static String arn(Resource current) {
    if (current.body().get("status") instanceof Map<?, ?> status && status.get("arn") instanceof String arn) {
      return arn;
    }
    if (current.version() != null && current.version().startsWith("arn:")) {
      return current.version();
    }
    throw new PlatformException(current.ref() + ": the certificate as read carries no ARN (body.status.arn)");
  }

  // --- ACM calls ---

  private List<CertificateSummary> summaries(List<CertificateStatus> statuses) {
    List<CertificateSummary> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListCertificatesResponse page;
      try {
        page = acm.listCertificates(r -> r.certificateStatuses(statuses.isEmpty() ? null : statuses).nextToken(t).maxItems(1000));
      } catch (SdkException e) {
        throw AwsErrors.map(e, "listing the certificates" + where);
      }
      out.addAll(page.certificateSummaryList());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  private Optional<CertificateDetail> describe(String arn) {
    try {
      return Optional.of(acm.describeCertificate(r -> r.certificateArn(arn)).certificate());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading aws Certificate " + arn + where);
    }
  }

  // the tags of a certificate (null when it is gone), remembered unless fresh ones are asked for
  private Map<String, String> tagsOf(String arn, boolean fresh) {
    if (!fresh) {
      Map<String, String> known = tags.get(arn);
      if (known != null) {
        return known;
      }
    }
    try {
      Map<String, String> read = new LinkedHashMap<>();
      acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags().forEach(t -> read.put(t.key(), t.value() == null ? "" : t.value()));
      tags.put(arn, Map.copyOf(read));
      return read;
    } catch (ResourceNotFoundException e) {
      tags.remove(arn);
      return null;
    } catch (SdkException e) {
      throw AwsErrors.map(e, "reading the tags of aws Certificate " + arn + where);
    }
  }

  // --- helpers ---

  /**
   * The idempotency token of a request for {@code names} by {@code name}: {@code pk} and 30 hex digits of the
   * SHA-256 of both, so equal requests share it and any change of names makes another.
   */
  static String token(String name, List<String> names) {
    return "pk" + sha256(name + "\n" + String.join(",", sorted(names, null))).substring(0, 30);
  }

  private static List<String> sorted(List<String> names, String also) {
    LinkedHashSet<String> all = new LinkedHashSet<>(names);
    if (also != null) {
      all.add(also);
    }
    return all.stream().sorted().toList();
  }

  private static List<Tag> tagList(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static String id(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
