package dev.platformkit.testkit.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * An in-memory {@link Route53Client} for hosted zones and their record sets, with the rules of the real
 * service, on a {@link Clock} you move:
 *
 * <ul>
 *   <li>zones exist once {@link #addZone added} (public or private; two zones may share a name, as a public
 *       and a private zone do); a zone id is accepted with or without the {@code /hostedzone/} prefix, and
 *       returned as the SDK client returns it: prefixed by {@code ListHostedZonesByName}, bare by
 *       {@code GetHostedZone} and {@code ListHostedZones} (the SDK's {@code Route53IdInterceptor} strips it there); an unknown zone is
 *       {@code NoSuchHostedZone} (404);
 *   <li>{@code ChangeResourceRecordSets} applies its changes in order and atomically: the first invalid change
 *       fails the whole batch with {@code InvalidChangeBatch} (400) and nothing is written. Invalid are: more
 *       than {@link #MAX_CHANGES} changes or {@link #MAX_VALUE_CHARACTERS} value characters; a CREATE of a record set that exists (same name, type and set
 *       identifier); a DELETE of one that does not exist, or whose TTL, values, alias target or weight differ
 *       from the current ones; a name outside the zone; a CNAME next to any other type at its name (and any
 *       type next to a CNAME); a set identifier without a weight or a weight without a set identifier; a
 *       weighted set next to a simple one of the same name and type; an alias with a TTL or values, a
 *       non-alias without a TTL or values; a TXT value not enclosed in quotation marks;
 *   <li>names are compared without case and with or without the trailing dot, and returned lower case, fully
 *       qualified (trailing dot), with {@code *} written {@code \052} as Route53 does;
 *   <li>{@code ListResourceRecordSets} returns record sets in Route53's order (by name with its labels
 *       reversed, compared as one string with its dots, {@code com.example.www.}, then type, then set identifier), at most {@code MaxItems} (default and maximum
 *       {@value #MAX_ITEMS}) per page, with {@code IsTruncated} and {@code NextRecordName/Type/Identifier}
 *       to start the next page from;
 *   <li>a change is {@code PENDING} for {@link #propagation(Duration)} (default 30 seconds) on the clock, then
 *       {@code INSYNC} ({@code GetChange});
 *   <li>throttling: {@link #throttleNext} and {@link #priorRequestNotCompleteNext} inject the two errors Route53
 *       answers an over-eager client with ({@code Throttling} 400 and {@code PriorRequestNotComplete} 400),
 *       and {@link #rateLimit(int)} throttles every request beyond a number per second of the clock, as the
 *       real service's five requests per second per account.
 * </ul>
 *
 * <p>Only these operations are implemented; the others throw {@link UnsupportedOperationException}. Calls are
 * counted per operation and faults can be injected into the next calls, as with {@link FakeEksClient}.
 * {@link FakeAcmClient} reads the validation records it needs from a linked instance. Thread-safe.
 */
public final class FakeRoute53Client implements Route53Client {
  /** Operation names, as the Route53 API spells them. */
  public static final String LIST_HOSTED_ZONES_BY_NAME = "ListHostedZonesByName";
  /** See {@link #LIST_HOSTED_ZONES_BY_NAME}. */
  public static final String LIST_HOSTED_ZONES = "ListHostedZones";
  /** See {@link #LIST_HOSTED_ZONES_BY_NAME}. */
  public static final String GET_HOSTED_ZONE = "GetHostedZone";
  /** See {@link #LIST_HOSTED_ZONES_BY_NAME}. */
  public static final String LIST_RESOURCE_RECORD_SETS = "ListResourceRecordSets";
  /** See {@link #LIST_HOSTED_ZONES_BY_NAME}. */
  public static final String CHANGE_RESOURCE_RECORD_SETS = "ChangeResourceRecordSets";
  /** See {@link #LIST_HOSTED_ZONES_BY_NAME}. */
  public static final String GET_CHANGE = "GetChange";
  /** The operations that change state. */
  public static final Set<String> WRITE_OPERATIONS = Set.of(CHANGE_RESOURCE_RECORD_SETS);
  /** The most changes one {@code ChangeResourceRecordSets} may carry. */
  public static final int MAX_CHANGES = 1000;
  /** The most characters all {@code Value} elements of one request may hold (an UPSERT's count twice). */
  public static final int MAX_VALUE_CHARACTERS = 32000;
  /** The default and largest page of {@code ListResourceRecordSets}. */
  public static final int MAX_ITEMS = 300;

  private static final String PREFIX = "/hostedzone/";

  private final Clock clock;
  private final Map<String, Zone> zones = new LinkedHashMap<>();
  private final Map<String, Instant> changes = new HashMap<>();
  private final CallLog log = new CallLog(WRITE_OPERATIONS);
  private Duration propagation = Duration.ofSeconds(30);
  private int perSecond;
  private long currentSecond = Long.MIN_VALUE;
  private int inCurrentSecond;
  private int throttled;
  private int nextId = 1;

  private static final class Zone {
    String id;
    String name;
    boolean privateZone;
    final TreeMap<Key, Stored> records = new TreeMap<>();
  }

  // the identity of a record set: name, type, set identifier; ordered as Route53 lists them
  private record Key(String name, String type, String setIdentifier) implements Comparable<Key> {
    private static final Comparator<Key> ORDER = Comparator.comparing((Key k) -> reversed(k.name))
        .thenComparing(Key::type).thenComparing(k -> k.setIdentifier == null ? "" : k.setIdentifier);

    @Override
    public int compareTo(Key o) {
      return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
      return "[name='" + name + "', type='" + type + "'" + (setIdentifier == null ? "" : ", set-identifier='" + setIdentifier + "'") + "]";
    }
  }

  private record Stored(ResourceRecordSet set, Instant since) {}

  /** A fake on {@code clock}, with no zones. */
  public FakeRoute53Client(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Makes a public hosted zone named {@code name} exist with the id {@code id} (without {@code /hostedzone/}),
   * holding its SOA and NS record sets as Route53 creates them.
   */
  public FakeRoute53Client addZone(String id, String name) {
    return addZone(id, name, false);
  }

  /** Makes a public or private hosted zone exist; see {@link #addZone(String, String)}. */
  public synchronized FakeRoute53Client addZone(String id, String name, boolean privateZone) {
    String bare = bare(id);
    if (zones.containsKey(bare)) {
      throw new IllegalArgumentException("hosted zone " + bare + " exists already");
    }
    Zone zone = new Zone();
    zone.id = bare;
    zone.name = canonical(name);
    zone.privateZone = privateZone;
    Instant now = clock.instant();
    put(zone, ResourceRecordSet.builder().name(zone.name).type("NS").ttl(172800L)
        .resourceRecords(rr("ns-1.awsdns-01.org."), rr("ns-2.awsdns-02.net.")).build(), now);
    put(zone, ResourceRecordSet.builder().name(zone.name).type("SOA").ttl(900L)
        .resourceRecords(rr("ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")).build(), now);
    zones.put(bare, zone);
    return this;
  }

  /**
   * Makes a record set exist in a zone without a request (records made by hand or by other tools); checked
   * like a CREATE.
   */
  public synchronized FakeRoute53Client addRecord(String zoneId, ResourceRecordSet set) {
    Zone zone = zone(zoneId);
    applyAll(zone, List.of(Change.builder().action(ChangeAction.CREATE).resourceRecordSet(set).build()));
    return this;
  }

  /** How long a change stays {@code PENDING} before it is {@code INSYNC}. */
  public synchronized FakeRoute53Client propagation(Duration duration) {
    this.propagation = Objects.requireNonNull(duration, "duration");
    return this;
  }

  /**
   * Throttles ({@code Throttling}, 400) every request beyond {@code requestsPerSecond} within one second of
   * the clock, as Route53 limits an account to five requests per second; 0 turns it off.
   */
  public synchronized FakeRoute53Client rateLimit(int requestsPerSecond) {
    this.perSecond = requestsPerSecond;
    return this;
  }

  // --- fault injection and counting ---

  /** The next {@code count} calls of {@code operation} (any when null) fail with a fresh exception from {@code error}. */
  public synchronized FakeRoute53Client failNext(String operation, int count, Supplier<? extends SdkException> error) {
    log.failNext(operation, count, error);
    return this;
  }

  /** The next {@code count} calls of {@code operation} (any when null) are throttled. */
  public FakeRoute53Client throttleNext(String operation, int count) {
    return failNext(operation, count, FakeRoute53Client::throttlingException);
  }

  /** The next {@code count} calls of {@code operation} (any when null) fail with {@code PriorRequestNotComplete}. */
  public FakeRoute53Client priorRequestNotCompleteNext(String operation, int count) {
    return failNext(operation, count, FakeRoute53Client::priorRequestNotCompleteException);
  }

  /** The error Route53 answers when it throttles: {@code Throttling}, 400, "Rate exceeded". */
  public static Route53Exception throttlingException() {
    return error(Route53Exception.builder(), 400, "Throttling", "Rate exceeded");
  }

  /** The error Route53 answers while it still processes an earlier request: {@code PriorRequestNotComplete}, 400. */
  public static Route53Exception priorRequestNotCompleteException() {
    return error(PriorRequestNotCompleteException.builder(), 400, "PriorRequestNotComplete",
        "The request was rejected because Route 53 was still processing a prior request.");
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

  /** Requests refused by {@link #rateLimit(int)} so far. */
  public synchronized int rateLimited() {
    return throttled;
  }

  /** Sets every call counter back to zero. */
  public synchronized void resetCalls() {
    log.resetCalls();
    throttled = 0;
  }

  /** The record sets of a zone now, in Route53's order (for assertions). */
  public synchronized List<ResourceRecordSet> records(String zoneId) {
    return zone(zoneId).records.values().stream().map(s -> present(s.set())).toList();
  }

  /**
   * When a record set of {@code type} at {@code name}, in any zone, holding {@code value}, was created; empty when
   * there is none. {@link FakeAcmClient} asks it for validation records.
   */
  public synchronized Optional<Instant> recordSince(String name, String type, String value) {
    String n = canonical(name);
    String v = canonical(value);
    for (Zone zone : zones.values()) {
      for (Stored s : zone.records.values()) {
        if (s.set().name().equals(n) && s.set().typeAsString().equals(type)
            && s.set().resourceRecords().stream().anyMatch(r -> canonical(r.value()).equals(v))) {
          return Optional.of(s.since());
        }
      }
    }
    return Optional.empty();
  }

  // --- Route53Client ---

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized ListHostedZonesByNameResponse listHostedZonesByName(ListHostedZonesByNameRequest request) {
    enter(LIST_HOSTED_ZONES_BY_NAME);
    int max = maxItems(request.maxItems(), 100);
    // ordered by reversed name, then id; starts at dnsName (and hostedZoneId)
    List<Zone> ordered = zones.values().stream()
        .sorted(Comparator.comparing((Zone z) -> reversed(z.name)).thenComparing(z -> z.id)).toList();
    String start = request.dnsName() == null ? null : reversed(canonical(request.dnsName()));
    String startId = request.hostedZoneId() == null ? null : bare(request.hostedZoneId());
    List<HostedZone> out = new ArrayList<>();
    boolean truncated = false;
    Zone next = null;
    for (Zone z : ordered) {
      int c = start == null ? 1 : reversed(z.name).compareTo(start);
      if (c < 0 || (c == 0 && startId != null && z.id.compareTo(startId) < 0)) {
        continue;
      }
      if (out.size() == max) {
        truncated = true;
        next = z;
        break;
      }
      out.add(toSdk(z, true));
    }
    ListHostedZonesByNameResponse.Builder response = ListHostedZonesByNameResponse.builder().hostedZones(out)
        .isTruncated(truncated).maxItems(Integer.toString(max)).dnsName(request.dnsName()).hostedZoneId(request.hostedZoneId());
    if (next != null) {
      response.nextDNSName(next.name).nextHostedZoneId(next.id);
    }
    return response.build();
  }

  @Override
  public synchronized ListHostedZonesResponse listHostedZones(ListHostedZonesRequest request) {
    enter(LIST_HOSTED_ZONES);
    int max = maxItems(request.maxItems(), 100);
    List<Zone> all = new ArrayList<>(zones.values());
    int from = 0;
    if (request.marker() != null) {
      from = -1;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id.equals(bare(request.marker()))) {
          from = i;
        }
      }
      if (from < 0) {
        throw error(InvalidInputException.builder(), 400, "InvalidInput", "The input is not valid: no marker " + request.marker());
      }
    }
    List<HostedZone> out = all.stream().skip(from).limit(max).map(z -> toSdk(z, false)).toList();
    boolean truncated = from + max < all.size();
    ListHostedZonesResponse.Builder response = ListHostedZonesResponse.builder().hostedZones(out).isTruncated(truncated)
        .maxItems(Integer.toString(max)).marker(request.marker());
    if (truncated) {
      response.nextMarker(all.get(from + max).id);
    }
    return response.build();
  }

  @Override
  public synchronized GetHostedZoneResponse getHostedZone(GetHostedZoneRequest request) {
    enter(GET_HOSTED_ZONE);
    return GetHostedZoneResponse.builder().hostedZone(toSdk(zone(request.id()), false)).build();
  }

  @Override
  public synchronized ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest request) {
    enter(LIST_RESOURCE_RECORD_SETS);
    Zone zone = zone(request.hostedZoneId());
    int max = maxItems(request.maxItems(), MAX_ITEMS);
    if (request.startRecordType() != null && request.startRecordName() == null) {
      throw error(InvalidInputException.builder(), 400, "InvalidInput", "The input is not valid: StartRecordType requires StartRecordName");
    }
    if (request.startRecordIdentifier() != null && request.startRecordType() == null) {
      throw error(InvalidInputException.builder(), 400, "InvalidInput", "The input is not valid: StartRecordIdentifier requires StartRecordType");
    }
    Map<Key, Stored> tail = zone.records;
    if (request.startRecordName() != null) {
      Key from = new Key(canonical(request.startRecordName()),
          request.startRecordType() == null ? "" : request.startRecordTypeAsString(), request.startRecordIdentifier());
      tail = zone.records.tailMap(from, true);
    }
    List<ResourceRecordSet> out = new ArrayList<>();
    Key next = null;
    for (Map.Entry<Key, Stored> e : tail.entrySet()) {
      if (out.size() == max) {
        next = e.getKey();
        break;
      }
      out.add(present(e.getValue().set()));
    }
    ListResourceRecordSetsResponse.Builder response = ListResourceRecordSetsResponse.builder().resourceRecordSets(out)
        .isTruncated(next != null).maxItems(Integer.toString(max));
    if (next != null) {
      response.nextRecordName(escape(next.name())).nextRecordType(next.type()).nextRecordIdentifier(next.setIdentifier());
    }
    return response.build();
  }

  @Override
  public synchronized ChangeResourceRecordSetsResponse changeResourceRecordSets(ChangeResourceRecordSetsRequest request) {
    enter(CHANGE_RESOURCE_RECORD_SETS);
    Zone zone = zone(request.hostedZoneId());
    List<Change> batch = request.changeBatch() == null ? List.of() : request.changeBatch().changes();
    if (batch.isEmpty()) {
      throw error(InvalidInputException.builder(), 400, "InvalidInput", "The input is not valid: ChangeBatch has no changes");
    }
    if (batch.size() > MAX_CHANGES) {
      throw invalidBatch("Number of changes " + batch.size() + " exceeds the limit of " + MAX_CHANGES);
    }
    int chars = batch.stream().filter(c -> c.resourceRecordSet() != null && c.resourceRecordSet().hasResourceRecords())
        .mapToInt(c -> c.resourceRecordSet().resourceRecords().stream().mapToInt(r -> r.value() == null ? 0 : r.value().length()).sum()
            * (c.action() == ChangeAction.UPSERT ? 2 : 1)).sum();
    if (chars > MAX_VALUE_CHARACTERS) {
      throw invalidBatch("The request has " + chars + " characters in Value elements, more than the limit of " + MAX_VALUE_CHARACTERS);
    }
    applyAll(zone, batch);
    String id = "C" + String.format(Locale.ROOT, "%012d", nextId++);
    Instant now = clock.instant();
    changes.put(id, now);
    return ChangeResourceRecordSetsResponse.builder().changeInfo(ChangeInfo.builder().id(id).status(ChangeStatus.PENDING)
        .submittedAt(now).comment(request.changeBatch().comment()).build()).build();
  }

  @Override
  public synchronized GetChangeResponse getChange(GetChangeRequest request) {
    enter(GET_CHANGE);
    String id = request.id() == null ? "" : request.id().replaceFirst("^/change/", "");
    Instant submitted = changes.get(id);
    if (submitted == null) {
      throw error(NoSuchChangeException.builder(), 404, "NoSuchChange", "A change with the specified change ID does not exist: " + id);
    }
    ChangeStatus status = clock.instant().isBefore(submitted.plus(propagation)) ? ChangeStatus.PENDING : ChangeStatus.INSYNC;
    return GetChangeResponse.builder().changeInfo(ChangeInfo.builder().id(id).status(status).submittedAt(submitted).build()).build();
  }

  // --- internals ---

  private void enter(String operation) {
    log.enter(operation);
    if (perSecond > 0) {
      long second = clock.instant().getEpochSecond();
      if (second != currentSecond) {
        currentSecond = second;
        inCurrentSecond = 0;
      }
      if (++inCurrentSecond > perSecond) {
        throttled++;
        throw throttlingException();
      }
    }
  }

  // validates and applies the batch on a copy, then keeps the copy: all or nothing
  private void applyAll(Zone zone, List<Change> batch) {
    TreeMap<Key, Stored> work = new TreeMap<>(zone.records);
    Instant now = clock.instant();
    for (Change change : batch) {
      ResourceRecordSet set = normalise(zone, change.resourceRecordSet());
      Key key = key(set);
      Stored current = work.get(key);
      switch (change.action() == null ? ChangeAction.UNKNOWN_TO_SDK_VERSION : change.action()) {
        case CREATE -> {
          if (current != null) {
            throw invalidBatch("Tried to create resource record set " + key + " but it already exists");
          }
          checkNeighbours(zone, work, set);
          work.put(key, new Stored(set, now));
        }
        case DELETE -> {
          if (current == null) {
            throw invalidBatch("Tried to delete resource record set " + key + " but it was not found");
          }
          if (!same(current.set(), set)) {
            throw invalidBatch("Tried to delete resource record set " + key + " but the values provided do not match the current values");
          }
          work.remove(key);
        }
        case UPSERT -> {
          if (current == null) {
            checkNeighbours(zone, work, set);
          }
          work.put(key, new Stored(set, current != null && same(current.set(), set) ? current.since() : now));
        }
        default -> throw error(InvalidInputException.builder(), 400, "InvalidInput",
            "The input is not valid: Action must be CREATE, DELETE or UPSERT, not " + change.actionAsString());
      }
    }
    zone.records.clear();
    zone.records.putAll(work);
  }

  private void checkNeighbours(Zone zone, Map<Key, Stored> work, ResourceRecordSet set) {
    for (Stored s : work.values()) {
      ResourceRecordSet other = s.set();
      if (!other.name().equals(set.name())) {
        continue;
      }
      boolean cname = "CNAME".equals(set.typeAsString()) || "CNAME".equals(other.typeAsString());
      if (cname && !other.typeAsString().equals(set.typeAsString())) {
        throw invalidBatch("RRSet of type " + set.typeAsString() + " with DNS name " + set.name()
            + " is not permitted because a conflicting RRSet of type " + other.typeAsString()
            + " with the same DNS name already exists in zone " + zone.name);
      }
      if (other.typeAsString().equals(set.typeAsString()) && (other.setIdentifier() == null) != (set.setIdentifier() == null)) {
        throw invalidBatch("RRSet with DNS name " + set.name() + ", type " + set.typeAsString()
            + (set.setIdentifier() == null ? " cannot be created as a weighted set exists with the same name and type."
                : ", SetIdentifier " + set.setIdentifier() + " cannot be created as a non-weighted set exists with the same name and type."));
      }
    }
  }

  // checks one record set on its own and returns it with a canonical name and values
  private ResourceRecordSet normalise(Zone zone, ResourceRecordSet set) {
    if (set == null || set.name() == null || set.typeAsString() == null) {
      throw error(InvalidInputException.builder(), 400, "InvalidInput", "The input is not valid: a change needs a record set with Name and Type");
    }
    String name = canonical(set.name());
    if (!name.equals(zone.name) && !name.endsWith("." + zone.name)) {
      throw invalidBatch("RRSet with DNS name " + name + " is not permitted in zone " + zone.name);
    }
    String type = set.typeAsString();
    if (set.setIdentifier() == null && set.weight() != null) {
      throw invalidBatch("Invalid request: Missing field 'SetIdentifier' in Change with [Name=" + name + ", Type=" + type
          + "]: a Weight needs a SetIdentifier");
    }
    if (set.setIdentifier() != null && set.weight() == null) {
      throw invalidBatch("Invalid request: Missing field 'Weight' in Change with [Name=" + name + ", Type=" + type
          + ", SetIdentifier=" + set.setIdentifier() + "]");
    }
    if (set.weight() != null && (set.weight() < 0 || set.weight() > 255)) {
      throw invalidBatch("Invalid weight " + set.weight() + " in record " + name + ": between 0 and 255");
    }
    ResourceRecordSet.Builder out = set.toBuilder().name(name);
    if (set.aliasTarget() != null) {
      if (set.ttl() != null || set.hasResourceRecords() && !set.resourceRecords().isEmpty()) {
        throw invalidBatch("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]], but found more than one in Change with [Name="
            + name + ", Type=" + type + "]");
      }
      AliasTarget a = set.aliasTarget();
      if (a.hostedZoneId() == null || a.dnsName() == null || a.evaluateTargetHealth() == null) {
        throw invalidBatch("Invalid request: an AliasTarget needs HostedZoneId, DNSName and EvaluateTargetHealth in record " + name);
      }
      out.aliasTarget(a.toBuilder().dnsName(canonical(a.dnsName())).build());
    } else {
      if (set.ttl() == null || !set.hasResourceRecords() || set.resourceRecords().isEmpty()) {
        throw invalidBatch("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]], but found none in Change with [Name="
            + name + ", Type=" + type + "]");
      }
      List<ResourceRecord> values = new ArrayList<>();
      for (ResourceRecord r : set.resourceRecords()) {
        String v = r.value() == null ? "" : r.value();
        if ("TXT".equals(type) && (v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\""))) {
          throw invalidBatch("Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '"
              + v + "''");
        }
        if ("CNAME".equals(type) && set.resourceRecords().size() > 1) {
          throw invalidBatch("RRSet of type CNAME with DNS name " + name + " has more than one value");
        }
        values.add(rr(v));
      }
      out.resourceRecords(values);
    }
    return out.build();
  }

  // a DELETE matches when everything but the order of the values is equal
  private static boolean same(ResourceRecordSet a, ResourceRecordSet b) {
    return Objects.equals(a.ttl(), b.ttl()) && Objects.equals(a.weight(), b.weight())
        && Objects.equals(values(a), values(b)) && Objects.equals(alias(a), alias(b));
  }

  private static List<String> values(ResourceRecordSet s) {
    return s.hasResourceRecords() ? s.resourceRecords().stream().map(ResourceRecord::value).sorted().toList() : List.of();
  }

  private static List<Object> alias(ResourceRecordSet s) {
    AliasTarget a = s.aliasTarget();
    return a == null ? null : List.of(a.hostedZoneId(), canonical(a.dnsName()), a.evaluateTargetHealth());
  }

  private static Key key(ResourceRecordSet s) {
    return new Key(s.name(), s.typeAsString(), s.setIdentifier());
  }

  private static void put(Zone zone, ResourceRecordSet set, Instant since) {
    zone.records.put(key(set), new Stored(set, since));
  }

  private Zone zone(String id) {
    Zone zone = id == null ? null : zones.get(bare(id));
    if (zone == null) {
      throw error(NoSuchHostedZoneException.builder(), 404, "NoSuchHostedZone", "No hosted zone found with ID: " + (id == null ? "" : bare(id)));
    }
    return zone;
  }

  private static HostedZone toSdk(Zone z, boolean prefixed) {
    return HostedZone.builder().id(prefixed ? PREFIX + z.id : z.id).name(z.name).callerReference("fake-" + z.id)
        .config(HostedZoneConfig.builder().privateZone(z.privateZone).build()).resourceRecordSetCount((long) z.records.size()).build();
  }

  private static ResourceRecordSet present(ResourceRecordSet s) {
    return s.toBuilder().name(escape(s.name())).build();
  }

  private static int maxItems(String maxItems, int limit) {
    if (maxItems == null) {
      return limit;
    }
    try {
      int n = Integer.parseInt(maxItems);
      return n <= 0 ? limit : Math.min(n, limit);
    } catch (NumberFormatException e) {
      throw error(InvalidInputException.builder(), 400, "InvalidInput", "The input is not valid: MaxItems " + maxItems + " is not a number");
    }
  }

  private static String bare(String id) {
    return id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
  }

  /** Lower case, {@code \052} read as {@code *}, with the trailing dot. */
  static String canonical(String name) {
    String n = name.replace("\\052", "*").toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  private static String escape(String name) {
    return name.replace("*", "\\052");
  }

  // Route53's order: the name with its labels reversed, as one string with dots and the trailing dot
  // (so "-" and other characters below "." sort before a subdomain)
  static String reversed(String name) {
    String[] labels = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).split("\\.");
    StringBuilder out = new StringBuilder();
    for (int i = labels.length - 1; i >= 0; i--) {
      out.append(labels[i]).append('.');
    }
    return out.toString();
  }


  private static ResourceRecord rr(String value) {
    return ResourceRecord.builder().value(value).build();
  }

  private static InvalidChangeBatchException invalidBatch(String message) {
    return (InvalidChangeBatchException) error(InvalidChangeBatchException.builder(), 400, "InvalidChangeBatch", "[" + message + "]");
  }

  private static Route53Exception error(Route53Exception.Builder builder, int status, String code, String message) {
    return (Route53Exception) builder.message(message).statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Route53").build())
        .build();
  }
}
