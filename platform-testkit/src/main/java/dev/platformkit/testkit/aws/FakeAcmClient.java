package dev.platformkit.testkit.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.AcmException;
import software.amazon.awssdk.services.acm.model.AddTagsToCertificateRequest;
import software.amazon.awssdk.services.acm.model.AddTagsToCertificateResponse;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.CertificateType;
import software.amazon.awssdk.services.acm.model.DeleteCertificateRequest;
import software.amazon.awssdk.services.acm.model.DeleteCertificateResponse;
import software.amazon.awssdk.services.acm.model.DescribeCertificateRequest;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.DomainStatus;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.InvalidArnException;
import software.amazon.awssdk.services.acm.model.InvalidParameterException;
import software.amazon.awssdk.services.acm.model.InvalidTagException;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.LimitExceededException;
import software.amazon.awssdk.services.acm.model.ListCertificatesRequest;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.ListTagsForCertificateRequest;
import software.amazon.awssdk.services.acm.model.ListTagsForCertificateResponse;
import software.amazon.awssdk.services.acm.model.RecordType;
import software.amazon.awssdk.services.acm.model.RemoveTagsFromCertificateRequest;
import software.amazon.awssdk.services.acm.model.RemoveTagsFromCertificateResponse;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.acm.model.RequestCertificateResponse;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.TooManyTagsException;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/**
 * An in-memory {@link AcmClient} for public certificates validated through DNS, with the rules of the real
 * service, on a {@link Clock} you move, validating against a linked {@link FakeRoute53Client}:
 *
 * <ul>
 *   <li>{@code RequestCertificate} with the same idempotency token and the same domain names within
 *       {@link #IDEMPOTENCY_WINDOW} returns the ARN of the first request; a token is 1 to 32 word characters
 *       ({@code \w+}). At most {@link #MAX_DOMAINS} names per certificate ({@code LimitExceededException});
 *   <li>each domain's validation record is a CNAME derived from the account and the domain alone, as ACM's
 *       are: the same record for the same domain in every certificate of the account, and a wildcard
 *       {@code *.example.com} shares {@code example.com}'s. It appears in {@code DescribeCertificate}
 *       {@link #validationRecordDelay(Duration) some time} after the request (none by default);
 *   <li>a certificate is {@code PENDING_VALIDATION} until every validation CNAME (name and value) exists in
 *       the linked Route53 fake, then {@code ISSUED} {@link #issuanceDelay(Duration)} (default one minute) after
 *       the last of them was created; {@code VALIDATION_TIMED_OUT} when that has not happened within
 *       {@link #VALIDATION_TIMEOUT};
 *   <li>{@code ListCertificates} pages ({@code NextToken}; {@value #DEFAULT_PAGE} items when {@code MaxItems} is
 *       not given, so callers must follow the token) and filters by status (default: all);
 *   <li>tags ({@code AddTagsToCertificate}, {@code RemoveTagsFromCertificate}, {@code ListTagsForCertificate},
 *       and {@code Tags} of {@code RequestCertificate}): at most 50, keys 1 to 128 and values at most 256
 *       characters, no {@code aws:} prefix ({@code InvalidTagException}, {@code TooManyTagsException});
 *   <li>{@code DeleteCertificate} of a certificate in use ({@link #setInUse}) fails with
 *       {@code ResourceInUseException} (400); an unknown ARN is {@code ResourceNotFoundException} (400, as ACM
 *       answers), a malformed one {@code InvalidArnException};
 *   <li>{@link #throttleNext} injects {@code ThrottlingException} (400), which the SDK retries.
 * </ul>
 *
 * <p>Only these operations are implemented; the others throw {@link UnsupportedOperationException}. Calls are
 * counted per operation and faults can be injected into the next calls, as with {@link FakeEksClient}.
 * Thread-safe.
 */
public final class FakeAcmClient implements AcmClient {
  /** Operation names, as the ACM API spells them. */
  public static final String REQUEST_CERTIFICATE = "RequestCertificate";
  /** See {@link #REQUEST_CERTIFICATE}. */
  public static final String DESCRIBE_CERTIFICATE = "DescribeCertificate";
  /** See {@link #REQUEST_CERTIFICATE}. */
  public static final String LIST_CERTIFICATES = "ListCertificates";
  /** See {@link #REQUEST_CERTIFICATE}. */
  public static final String DELETE_CERTIFICATE = "DeleteCertificate";
  /** See {@link #REQUEST_CERTIFICATE}. */
  public static final String ADD_TAGS_TO_CERTIFICATE = "AddTagsToCertificate";
  /** See {@link #REQUEST_CERTIFICATE}. */
  public static final String REMOVE_TAGS_FROM_CERTIFICATE = "RemoveTagsFromCertificate";
  /** See {@link #REQUEST_CERTIFICATE}. */
  public static final String LIST_TAGS_FOR_CERTIFICATE = "ListTagsForCertificate";
  /** The operations that change state. */
  public static final Set<String> WRITE_OPERATIONS = Set.of(REQUEST_CERTIFICATE, DELETE_CERTIFICATE, ADD_TAGS_TO_CERTIFICATE,
      REMOVE_TAGS_FROM_CERTIFICATE);

  /** How long a repeated idempotency token returns the first request's certificate. */
  public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);
  /** How long a certificate waits for its validation records before it is {@code VALIDATION_TIMED_OUT}. */
  public static final Duration VALIDATION_TIMEOUT = Duration.ofHours(72);
  /** The most domain names (the domain name and the other subject alternative names) of one certificate. */
  public static final int MAX_DOMAINS = 10;
  /** The page size of {@code ListCertificates} without {@code MaxItems}. */
  public static final int DEFAULT_PAGE = 50;

  private static final Pattern TOKEN = Pattern.compile("\\w{1,32}");
  private static final Pattern ARN = Pattern.compile("arn:aws[\\w-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+");

  private final Clock clock;
  private final FakeRoute53Client route53;
  private final String region;
  private final String accountId;
  private final Map<String, Certificate> certificates = new LinkedHashMap<>();
  private final CallLog log = new CallLog(WRITE_OPERATIONS);
  private Duration issuanceDelay = Duration.ofMinutes(1);
  private Duration recordDelay = Duration.ZERO;
  private int serial;

  private final class Certificate {
    String arn;
    String token;
    List<String> domains; // domainName first
    Instant created;
    CertificateStatus status = CertificateStatus.PENDING_VALIDATION;
    Instant issuedAt;
    final Map<String, String> tags = new TreeMap<>();
    List<String> inUseBy = List.of();

    // the service validates on its own as time passes
    Certificate settle() {
      if (status != CertificateStatus.PENDING_VALIDATION) {
        return this;
      }
      Instant now = clock.instant();
      Instant last = created;
      boolean all = true;
      for (String domain : new LinkedHashSet<>(domains.stream().map(FakeAcmClient::base).toList())) {
        Optional<Instant> since = route53 == null ? Optional.empty()
            : route53.recordSince(recordName(domain), "CNAME", recordValue(domain));
        if (since.isEmpty()) {
          all = false;
          break;
        }
        last = since.get().isAfter(last) ? since.get() : last;
      }
      Instant issueAt = last.plus(issuanceDelay);
      if (all && !now.isBefore(issueAt) && issueAt.isBefore(created.plus(VALIDATION_TIMEOUT))) {
        status = CertificateStatus.ISSUED;
        issuedAt = issueAt;
      } else if (!now.isBefore(created.plus(VALIDATION_TIMEOUT))) {
        status = CertificateStatus.VALIDATION_TIMED_OUT;
      }
      return this;
    }

    CertificateDetail toSdk() {
      boolean recordsShown = !clock.instant().isBefore(created.plus(recordDelay));
      List<DomainValidation> validations = new ArrayList<>();
      for (String domain : domains) {
        DomainStatus domainStatus = status == CertificateStatus.ISSUED ? DomainStatus.SUCCESS
            : status == CertificateStatus.PENDING_VALIDATION ? DomainStatus.PENDING_VALIDATION : DomainStatus.FAILED;
        DomainValidation.Builder v = DomainValidation.builder().domainName(domain).validationDomain(domain)
            .validationMethod(ValidationMethod.DNS).validationStatus(domainStatus);
        if (recordsShown) {
          v.resourceRecord(ResourceRecord.builder().name(recordName(base(domain))).type(RecordType.CNAME)
              .value(recordValue(base(domain))).build());
        }
        validations.add(v.build());
      }
      return CertificateDetail.builder().certificateArn(arn).domainName(domains.get(0)).subjectAlternativeNames(domains)
          .domainValidationOptions(validations).status(status).createdAt(created).issuedAt(issuedAt)
          .type(CertificateType.AMAZON_ISSUED).keyAlgorithm(KeyAlgorithm.RSA_2048).inUseBy(inUseBy).build();
    }

    CertificateSummary summary() {
      return CertificateSummary.builder().certificateArn(arn).domainName(domains.get(0))
          .subjectAlternativeNameSummaries(domains).status(status).type(CertificateType.AMAZON_ISSUED)
          .keyAlgorithm(KeyAlgorithm.RSA_2048).inUse(!inUseBy.isEmpty()).createdAt(created).issuedAt(issuedAt).build();
    }
  }

  /**
   * A fake in {@code us-east-1}, account {@code 111122223333}, on {@code clock}, validating against the records
   * of {@code route53} (null: certificates are never validated).
   */
  public FakeAcmClient(Clock clock, FakeRoute53Client route53) {
    this(clock, route53, "us-east-1", "111122223333");
  }

  /** A fake whose ARNs name {@code region} and {@code accountId}; see {@link #FakeAcmClient(Clock, FakeRoute53Client)}. */
  public FakeAcmClient(Clock clock, FakeRoute53Client route53, String region, String accountId) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.route53 = route53;
    this.region = Objects.requireNonNull(region, "region");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
  }

  /** How long after its last validation record exists a certificate is issued. */
  public synchronized FakeAcmClient issuanceDelay(Duration delay) {
    this.issuanceDelay = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** How long after the request {@code DescribeCertificate} starts showing the validation records. */
  public synchronized FakeAcmClient validationRecordDelay(Duration delay) {
    this.recordDelay = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** Test hook: the ARNs of what uses the certificate (load balancers, CloudFront); empty when unused. */
  public synchronized FakeAcmClient setInUse(String certificateArn, List<String> usedBy) {
    certificate(certificateArn).inUseBy = List.copyOf(usedBy);
    return this;
  }

  /**
   * Test hook: what uses each certificate, as a load balancer controller reports it; certificates not in the
   * map are unused. Replaces what {@link #setInUse} set before.
   */
  public synchronized FakeAcmClient setInUse(Map<String, List<String>> usersByArn) {
    for (String arn : arns()) {
      setInUse(arn, usersByArn.getOrDefault(arn, List.of()).stream().distinct().sorted().toList());
    }
    return this;
  }

  /**
   * Test hook: a certificate someone other than platformkit requested and validated by hand, writing its
   * validation CNAMEs into {@code zoneId} of the linked Route53 fake (a record shared by two domains once). It
   * is issued {@link #issuanceDelay} later on the clock.
   *
   * @return its ARN
   */
  public String requestValidatedByOthers(String zoneId, List<String> domains) {
    String arn = requestCertificate(r -> r.domainName(domains.get(0)).subjectAlternativeNames(domains)
        .validationMethod(software.amazon.awssdk.services.acm.model.ValidationMethod.DNS)).certificateArn();
    for (List<String> v : domains.stream().map(this::validationRecord).distinct().toList()) {
      route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(c -> c
          .action(software.amazon.awssdk.services.route53.model.ChangeAction.UPSERT)
          .resourceRecordSet(set -> set.name(v.get(0)).type(software.amazon.awssdk.services.route53.model.RRType.CNAME)
              .ttl(300L).resourceRecords(x -> x.value(v.get(1)))))));
    }
    return arn;
  }

  /**
   * The validation CNAME ACM gives {@code domain} in this account: {@code [name, value]}, both fully qualified
   * with the trailing dot ({@code *.example.com} has {@code example.com}'s).
   */
  public List<String> validationRecord(String domain) {
    String d = base(domain.toLowerCase(Locale.ROOT));
    return List.of(recordName(d), recordValue(d));
  }

  // --- fault injection and counting ---

  /** The next {@code count} calls of {@code operation} (any when null) fail with a fresh exception from {@code error}. */
  public synchronized FakeAcmClient failNext(String operation, int count, Supplier<? extends SdkException> error) {
    log.failNext(operation, count, error);
    return this;
  }

  /** The next {@code count} calls of {@code operation} (any when null) are throttled. */
  public FakeAcmClient throttleNext(String operation, int count) {
    return failNext(operation, count, FakeAcmClient::throttlingException);
  }

  /** The error ACM answers when it throttles: {@code ThrottlingException}, 400. */
  public static AcmException throttlingException() {
    return error(software.amazon.awssdk.services.acm.model.ThrottlingException.builder(), 400, "ThrottlingException", "Rate exceeded");
  }

  /** Calls made to {@code operation} so far, failed ones included. */
  public synchronized int calls(String operation) {
    return log.calls(operation);
  }

  /** Calls made so far, by operation. */
  public synchronized Map<String, Integer> callCounts() {
    return log.callCounts();
  }

  /** Calls made so far to {@link #WRITE_OPERATIONS}. */
  public synchronized int writeCalls() {
    return log.writeCalls();
  }

  /** Sets every call counter back to zero. */
  public synchronized void resetCalls() {
    log.resetCalls();
  }

  /** The ARNs of the certificates that exist now, oldest first (for assertions). */
  public synchronized List<String> arns() {
    return List.copyOf(certificates.keySet());
  }

  /** The status of a certificate now (for assertions). */
  public synchronized CertificateStatus status(String arn) {
    return certificate(arn).status;
  }

  // --- AcmClient ---

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized RequestCertificateResponse requestCertificate(RequestCertificateRequest request) {
    enter(REQUEST_CERTIFICATE);
    if (request.domainName() == null || request.domainName().isBlank() || request.domainName().length() > 253) {
      throw invalidParameter("DomainName must be 1 to 253 characters");
    }
    if (request.validationMethod() != ValidationMethod.DNS) {
      throw invalidParameter("this fake validates through DNS only: ValidationMethod must be DNS, not " + request.validationMethodAsString());
    }
    String token = request.idempotencyToken();
    if (token != null && !TOKEN.matcher(token).matches()) {
      throw error(software.amazon.awssdk.services.acm.model.ValidationException.builder(), 400, "ValidationException",
          "1 validation error detected: Value '" + token + "' at 'idempotencyToken' failed to satisfy constraint: "
              + "Member must satisfy regular expression pattern: \\w+ and have length less than or equal to 32");
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    names.add(request.domainName().toLowerCase(Locale.ROOT));
    if (request.hasSubjectAlternativeNames()) {
      request.subjectAlternativeNames().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
    }
    if (names.size() > MAX_DOMAINS) {
      throw error(LimitExceededException.builder(), 400, "LimitExceededException",
          "Cannot request a certificate for more than " + MAX_DOMAINS + " domain names, not " + names.size());
    }
    List<String> domains = List.copyOf(names);
    Instant now = clock.instant();
    if (token != null) {
      for (Certificate c : certificates.values()) {
        if (token.equals(c.token) && c.domains.equals(domains) && now.isBefore(c.created.plus(IDEMPOTENCY_WINDOW))) {
          return RequestCertificateResponse.builder().certificateArn(c.arn).build();
        }
      }
    }
    Map<String, String> tags = tags(request.hasTags() ? request.tags() : List.of());
    checkTags(tags);
    Certificate c = new Certificate();
    c.arn = "arn:aws:acm:" + region + ":" + accountId + ":certificate/"
        + UUID.nameUUIDFromBytes((accountId + "/" + (++serial)).getBytes(StandardCharsets.UTF_8));
    c.token = token;
    c.domains = domains;
    c.created = now;
    c.tags.putAll(tags);
    certificates.put(c.arn, c);
    return RequestCertificateResponse.builder().certificateArn(c.arn).build();
  }

  @Override
  public synchronized DescribeCertificateResponse describeCertificate(DescribeCertificateRequest request) {
    enter(DESCRIBE_CERTIFICATE);
    return DescribeCertificateResponse.builder().certificate(certificate(request.certificateArn()).toSdk()).build();
  }

  @Override
  public synchronized ListCertificatesResponse listCertificates(ListCertificatesRequest request) {
    enter(LIST_CERTIFICATES);
    int page = request.maxItems() == null ? DEFAULT_PAGE : request.maxItems();
    if (page < 1 || page > 1000) {
      throw invalidParameter("MaxItems must be between 1 and 1000");
    }
    Set<CertificateStatus> statuses = request.hasCertificateStatuses() ? Set.copyOf(request.certificateStatuses()) : Set.of();
    int from;
    try {
      from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
    } catch (NumberFormatException e) {
      throw error(software.amazon.awssdk.services.acm.model.InvalidArgsException.builder(), 400, "InvalidArgsException",
          "The NextToken is not valid");
    }
    List<Certificate> matching = certificates.values().stream().map(Certificate::settle)
        .filter(c -> statuses.isEmpty() || statuses.contains(c.status)).toList();
    List<CertificateSummary> out = matching.stream().skip(from).limit(page).map(Certificate::summary).toList();
    ListCertificatesResponse.Builder response = ListCertificatesResponse.builder().certificateSummaryList(out);
    if (from + page < matching.size()) {
      response.nextToken(Integer.toString(from + page));
    }
    return response.build();
  }

  @Override
  public synchronized DeleteCertificateResponse deleteCertificate(DeleteCertificateRequest request) {
    enter(DELETE_CERTIFICATE);
    Certificate c = certificate(request.certificateArn());
    if (!c.inUseBy.isEmpty()) {
      throw error(ResourceInUseException.builder(), 400, "ResourceInUseException",
          "Certificate " + c.arn + " is in use by " + String.join(", ", c.inUseBy));
    }
    certificates.remove(c.arn);
    return DeleteCertificateResponse.builder().build();
  }

  @Override
  public synchronized AddTagsToCertificateResponse addTagsToCertificate(AddTagsToCertificateRequest request) {
    enter(ADD_TAGS_TO_CERTIFICATE);
    Certificate c = certificate(request.certificateArn());
    Map<String, String> tags = tags(request.tags());
    checkTags(tags);
    Map<String, String> after = new TreeMap<>(c.tags);
    after.putAll(tags);
    if (after.size() > 50) {
      throw error(TooManyTagsException.builder(), 400, "TooManyTagsException", "A certificate can have at most 50 tags");
    }
    c.tags.putAll(tags);
    return AddTagsToCertificateResponse.builder().build();
  }

  @Override
  public synchronized RemoveTagsFromCertificateResponse removeTagsFromCertificate(RemoveTagsFromCertificateRequest request) {
    enter(REMOVE_TAGS_FROM_CERTIFICATE);
    Certificate c = certificate(request.certificateArn());
    // a tag given with a value is removed only when the value matches, as ACM does
    request.tags().forEach(t -> {
      if (t.value() == null || t.value().equals(c.tags.get(t.key()))) {
        c.tags.remove(t.key());
      }
    });
    return RemoveTagsFromCertificateResponse.builder().build();
  }

  @Override
  public synchronized ListTagsForCertificateResponse listTagsForCertificate(ListTagsForCertificateRequest request) {
    enter(LIST_TAGS_FOR_CERTIFICATE);
    Certificate c = certificate(request.certificateArn());
    return ListTagsForCertificateResponse.builder()
        .tags(c.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
  }

  // --- internals ---

  private void enter(String operation) {
    log.enter(operation);
  }

  private Certificate certificate(String arn) {
    if (arn == null || !ARN.matcher(arn).matches()) {
      throw error(InvalidArnException.builder(), 400, "InvalidArnException", "String '" + arn + "' is not a valid ARN");
    }
    Certificate c = certificates.get(arn);
    if (c == null) {
      throw error(ResourceNotFoundException.builder(), 400, "ResourceNotFoundException",
          "Could not find certificate " + arn + ".");
    }
    return c.settle();
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> out = new TreeMap<>();
    tags.forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
    return out;
  }

  private static void checkTags(Map<String, String> tags) {
    if (tags.size() > 50) {
      throw error(TooManyTagsException.builder(), 400, "TooManyTagsException", "A certificate can have at most 50 tags");
    }
    tags.forEach((k, v) -> {
      if (k == null || k.isEmpty() || k.length() > 128 || v.length() > 256 || k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw error(InvalidTagException.builder(), 400, "InvalidTagException", "Invalid tag: key " + k + ", value " + v
            + ". Keys have 1 to 128 and values at most 256 characters, and do not start with aws:.");
      }
    });
  }

  // a wildcard is validated through its base domain
  private static String base(String domain) {
    return domain.startsWith("*.") ? domain.substring(2) : domain;
  }

  private String recordName(String domain) {
    return "_" + hash("name/" + accountId + "/" + domain) + "." + domain + ".";
  }

  private String recordValue(String domain) {
    String h = hash("value/" + accountId + "/" + domain);
    return "_" + h + "." + h.substring(0, 10) + ".acm-validations.aws.";
  }

  private static String hash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidParameterException invalidParameter(String message) {
    return (InvalidParameterException) error(InvalidParameterException.builder(), 400, "InvalidParameterException", message);
  }

  private static AcmException error(AcmException.Builder builder, int status, String code, String message) {
    return (AcmException) builder.message(message).statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Acm").build())
        .build();
  }
}
