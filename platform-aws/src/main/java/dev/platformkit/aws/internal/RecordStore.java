package dev.platformkit.aws.internal;

import dev.platformkit.Change;
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
import dev.platformkit.spi.Write;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route53 record sets, as {@link Resource}s of kind {@code DnsRecord}, with their ownership kept in a TXT
 * record next to each.
 *
 * <p><b>Addressing.</b> Ref {@code aws DnsRecord <zone>/<name>/<TYPE>[/<setIdentifier>]}: {@code <zone>} is the
 * hosted zone id (with or without {@code /hostedzone/}; a zone given without a dot is taken as an id) or the
 * zone's domain name, resolved once with {@code ListHostedZonesByName} and cached (a name held by two zones,
 * e.g. a public and a private one, is an error naming both ids); {@code <name>} lower case, fully qualified,
 * without the trailing dot. Body: {@code {"name", "type", "ttl"?, "records"?: [values], "alias"?:
 * {"hostedZoneId", "dnsName", "evaluateTargetHealth"}, "setIdentifier"?, "weight"?}}, names and alias DNS names
 * lower case without the trailing dot, {@code ttl} and {@code weight} as numbers; a record has either
 * {@code ttl} and {@code records} or {@code alias}, and {@code weight} goes with {@code setIdentifier}.
 *
 * <p><b>Ownership record.</b> Every record set this store writes has one TXT record set of its own, written
 * in the same change batch:
 * <pre>
 *   name  _platformkit-&lt;type&gt;[-&lt;h&gt;].&lt;name&gt;.      e.g. _platformkit-a.shop.example.com.
 *   TTL   300
 *   value "platformkit:managed-by=platformkit,platformkit:owner=site.shop"
 * </pre>
 * {@code <type>} is the owned record's type in lower case, {@code <h>} the first 8 hex digits of the SHA-256
 * of its set identifier (weighted records only), so each owned record set has its own TXT and no two owners
 * ever share one. The TXT sits one label below the record, never at its name (so never next to a CNAME, and
 * inside the zone even at its apex). Its value is the record's labels as {@code key=value} pairs, sorted by
 * key, separated by commas, with {@code %}, {@code ,}, {@code =}, {@code "}, {@code \}, spaces and non-ASCII
 * characters percent-encoded, in one quoted string of at most 255 characters. It is read back as the
 * record's {@code labels}, so the marks ({@link Marks#TAGS} keys) work as on any AWS object; records under
 * {@code _platformkit-} names are never listed as records themselves, and such names cannot be addressed.
 *
 * <p><b>Foreign records.</b> A record set without such a TXT (or whose TXT names another owner) is not ours:
 * it is listed and read without labels, and creating, changing or deleting it is an
 * {@link OwnershipException}. Its owner can hand a record over: an update that changes the owner mark rewrites
 * the TXT in the same batch (nobody else can, as the TXT read just before must name the current owner).
 *
 * <p><b>Writes.</b> {@link #write(Kind, List)} groups the writes by hosted zone, reads the current record
 * sets of the names written and their TXT records just before (paged listings that start at the first name
 * wanted and jump over records nobody wants; a record and its TXT, its subdomain, usually share a page), and
 * sends them in as few {@code ChangeResourceRecordSets} requests as Route53 allows (at most 1,000 changes and
 * 32,000 value characters each), a record's changes and its TXT's always in the same request. A create is
 * CREATE record + CREATE TXT; an update is DELETE with the exact current values + CREATE (of the record,
 * and of the TXT when the labels change); a delete is DELETE record + DELETE TXT, exact. A record that
 * changed since it was read ({@link Resource#version()}), or a batch Route53 refuses because the state moved
 * (an exists/not found/no match {@code InvalidChangeBatch}), is a {@link ConflictException}. A request is
 * all or nothing; when a later request of one call fails, the earlier ones stay made. Writes return once
 * Route53 accepted the batch ({@code PENDING}); the records read back at once.
 *
 * <p><b>Listing.</b> {@link #list(Kind, Map)} lists the configured zones, or every hosted zone of the
 * account ({@code ListHostedZones}), with one paged {@code ListResourceRecordSets} per zone. Listed and read
 * refs always name the zone by its id (without {@code /hostedzone/}), however it was configured or asked for.
 * Reads and writes take either form; a planner matches listed refs with the refs it wants by equality, so it
 * names the refs it wants through {@link #canonical(Kind, ResourceRef)} first (the engine does), or it would
 * see one record twice under two names and delete and recreate it on every apply.
 */
public final class RecordStore implements ResourceStore {
  /** The kind this store holds. */
  public static final String KIND = "DnsRecord";
  /** The first characters of every ownership TXT record's name. */
  public static final String TXT_PREFIX = "_platformkit-";
  /** The TTL of ownership TXT records. */
  public static final long TXT_TTL = 300;
  /** The most changes in one request. */
  static final int MAX_CHANGES = 1000;
  /** The most value characters in one request. */
  static final int MAX_VALUE_CHARACTERS = 32000;

  private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);
  private static final String PREFIX = "/hostedzone/";
  private static final Set<String> TYPES = Set.of("A", "AAAA", "CAA", "CNAME", "DS", "MX", "NAPTR", "NS", "PTR", "SPF", "SRV", "TXT");
  private static final Pattern NAME = Pattern.compile("(\\*\\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

  private final Route53Client route53;
  private final List<String> zones;
  private final Map<String, String> idByDomain = new ConcurrentHashMap<>();

  /**
   * Record sets reached through {@code route53}, listed in {@code zones} (ids or domain names) or, when empty,
   * in every hosted zone of the account.
   */
  public RecordStore(Route53Client route53, List<String> zones) {
    this.route53 = Objects.requireNonNull(route53, "route53");
    this.zones = List.copyOf(zones);
  }

  // where a ref points
  private record Address(String zone, String name, String type, String setIdentifier) {
    String fqdn() {
      return name + ".";
    }

    Key key() {
      return new Key(fqdn(), type, setIdentifier);
    }

    Key txtKey() {
      return new Key(txtName(name, type, setIdentifier) + ".", "TXT", null);
    }
  }

  // the identity of a record set as Route53 has it (name with the trailing dot)
  private record Key(String name, String type, String setIdentifier) {}

  @Override
  public String provider() {
    return ResourceRef.AWS;
  }

  @Override
  public boolean supports(Kind kind) {
    return kind.is(ResourceRef.AWS, KIND);
  }

  /** Tags: the ownership TXT records' pairs. */
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
    List<Resource> out = new ArrayList<>();
    if (!zones.isEmpty()) {
      for (String zone : zones) {
        out.addAll(listZone(resolve(zone), selector));
      }
      return out;
    }
    List<HostedZone> all = allZones();
    Map<String, Integer> byName = new TreeMap<>();
    all.forEach(z -> byName.merge(z.name(), 1, Integer::sum));
    for (HostedZone z : all) {
      String id = stripPrefix(z.id());
      String domain = withoutDot(z.name());
      if (byName.get(z.name()) == 1) {
        idByDomain.putIfAbsent(domain, id);
      }
      out.addAll(listZone(id, selector));
    }
    return out;
  }

  /** The record sets of one hosted zone, {@code namespace} (id or domain name), named in refs by its id. */
  @Override
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    if (namespace == null) {
      return list(kind, selector);
    }
    return listZone(resolve(namespace), selector);
  }

  /**
   * The ref naming its hosted zone by id (without {@code /hostedzone/}), as listings and reads name it: a
   * domain name is resolved once and cached ({@link #resolve}), an id needs no call.
   */
  @Override
  public ResourceRef canonical(Kind kind, ResourceRef ref) {
    Address a = parse(ref);
    return ref(ref, resolve(a.zone()), a);
  }

  private static ResourceRef ref(ResourceRef like, String zoneId, Address a) {
    String name = zoneId + "/" + a.name() + "/" + a.type() + (a.setIdentifier() == null ? "" : "/" + a.setIdentifier());
    return new ResourceRef(like.provider(), like.kind(), like.namespace(), name, like.scope());
  }

  @Override
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    Address a = parse(ref);
    String zoneId = resolve(a.zone());
    Map<Key, ResourceRecordSet> state = readNames(zoneId, Set.of(a.fqdn(), a.txtKey().name()));
    ResourceRecordSet set = state.get(a.key());
    return set == null ? Optional.empty() : Optional.of(resource(ref(ref, zoneId, a), set, state.get(a.txtKey())));
  }

  private List<Resource> listZone(String zoneId, Map<String, String> selector) {
    Map<Key, ResourceRecordSet> state = readZone(zoneId);
    List<Resource> out = new ArrayList<>();
    for (ResourceRecordSet set : state.values()) {
      String name = decode(set.name()).toLowerCase(Locale.ROOT);
      if (name.startsWith(TXT_PREFIX)) {
        continue;
      }
      String type = set.typeAsString();
      ResourceRef ref = ResourceRef.aws(KIND, zoneId + "/" + withoutDot(name) + "/" + type
          + (set.setIdentifier() == null ? "" : "/" + set.setIdentifier()));
      Resource r = resource(ref, set, state.get(new Key(txtName(withoutDot(name), type, set.setIdentifier()) + ".", "TXT", null)));
      if (r.labels().entrySet().containsAll(selector.entrySet())) {
        out.add(r);
      }
    }
    return out;
  }

  private Resource resource(ResourceRef ref, ResourceRecordSet set, ResourceRecordSet txt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", withoutDot(decode(set.name())));
    body.put("type", set.typeAsString());
    if (set.ttl() != null && set.aliasTarget() == null) { // moto answers TTL 0 for alias records; Route53 none
      body.put("ttl", set.ttl());
    }
    if (set.hasResourceRecords() && !set.resourceRecords().isEmpty()) {
      body.put("records", set.resourceRecords().stream().map(ResourceRecord::value).toList());
    }
    if (set.aliasTarget() != null) {
      Map<String, Object> alias = new LinkedHashMap<>();
      alias.put("hostedZoneId", set.aliasTarget().hostedZoneId());
      alias.put("dnsName", withoutDot(set.aliasTarget().dnsName().toLowerCase(Locale.ROOT)));
      alias.put("evaluateTargetHealth", Boolean.TRUE.equals(set.aliasTarget().evaluateTargetHealth()));
      body.put("alias", alias);
    }
    if (set.setIdentifier() != null) {
      body.put("setIdentifier", set.setIdentifier());
    }
    if (set.weight() != null) {
      body.put("weight", set.weight());
    }
    return new Resource(ref, owned(txt).orElse(Map.of()), Map.of(), body, version(set, txt));
  }

  // --- writes ---

  @Override
  public void create(Kind kind, Resource desired) {
    write(kind, List.of(new Write(Change.Action.CREATE, null, desired, null)));
  }

  @Override
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    write(kind, List.of(new Write(Change.Action.UPDATE, current, null, update)));
  }

  @Override
  public void delete(Kind kind, Resource current) {
    write(kind, List.of(new Write(Change.Action.DELETE, current, null, null)));
  }

  /**
   * Makes the writes in as few {@code ChangeResourceRecordSets} requests per hosted zone as Route53 allows;
   * see the class documentation.
   */
  @Override
  public void write(Kind kind, List<Write> writes) {
    Map<String, List<Write>> byZone = new LinkedHashMap<>();
    for (Write w : writes) {
      byZone.computeIfAbsent(resolve(parse(w.ref()).zone()), z -> new ArrayList<>()).add(w);
    }
    byZone.forEach(this::writeZone);
  }

  private void writeZone(String zoneId, List<Write> writes) {
    Set<String> names = new java.util.HashSet<>();
    for (Write w : writes) {
      Address a = parse(w.ref());
      names.add(a.fqdn());
      names.add(a.txtKey().name());
    }
    Map<Key, ResourceRecordSet> state = readNames(zoneId, names);
    List<List<software.amazon.awssdk.services.route53.model.Change>> units = new ArrayList<>();
    List<String> what = new ArrayList<>();
    for (Write w : writes) {
      List<software.amazon.awssdk.services.route53.model.Change> unit = changes(w, state);
      if (!unit.isEmpty()) {
        units.add(unit);
        what.add(w.action() + " " + w.ref());
      }
    }
    // pack whole units: a record never goes without its TXT
    List<software.amazon.awssdk.services.route53.model.Change> batch = new ArrayList<>();
    List<String> batchWhat = new ArrayList<>();
    int chars = 0;
    for (int i = 0; i < units.size(); i++) {
      List<software.amazon.awssdk.services.route53.model.Change> unit = units.get(i);
      int unitChars = unit.stream().mapToInt(RecordStore::chars).sum();
      if (!batch.isEmpty() && (batch.size() + unit.size() > MAX_CHANGES || chars + unitChars > MAX_VALUE_CHARACTERS)) {
        send(zoneId, batch, batchWhat);
        batch = new ArrayList<>();
        batchWhat = new ArrayList<>();
        chars = 0;
      }
      batch.addAll(unit);
      batchWhat.add(what.get(i));
      chars += unitChars;
    }
    if (!batch.isEmpty()) {
      send(zoneId, batch, batchWhat);
    }
  }

  // the changes of one write, checked against the state read; applies them to the state
  private List<software.amazon.awssdk.services.route53.model.Change> changes(Write w, Map<Key, ResourceRecordSet> state) {
    ResourceRef ref = w.ref();
    Address a = parse(ref);
    ResourceRecordSet existing = state.get(a.key());
    ResourceRecordSet txt = state.get(a.txtKey());
    Optional<Map<String, String>> txtLabels = owned(txt);
    Optional<String> txtOwner = txtLabels.flatMap(Marks.TAGS::owner);
    List<software.amazon.awssdk.services.route53.model.Change> out = new ArrayList<>();
    switch (w.action()) {
      case CREATE -> {
        Resource desired = w.desired();
        String owner = requireOwner(desired);
        if (existing != null) {
          if (txtOwner.isPresent() && txtOwner.get().equals(owner)) {
            throw new ConflictException(ref + " exists already");
          }
          throw new ForeignRecordException(ref, txtOwner.orElse(null), owner, "create");
        }
        if (txt != null && !owner.equals(txtOwner.orElse(null))) {
          // a TXT at our name that another owner (or nobody we know) wrote: never take it over
          throw new ForeignRecordException(ref, txtOwner.orElse(null), owner, "create");
        }
        ResourceRecordSet set = recordSet(ref, a, desired.body());
        out.add(change(ChangeAction.CREATE, set));
        if (txt != null) {
          out.add(change(ChangeAction.DELETE, txt)); // our own leftover TXT, from a record deleted by hand
        }
        out.add(change(ChangeAction.CREATE, txtSet(a, desired.labels(), ref)));
      }
      case UPDATE -> {
        Resource current = w.current();
        if (existing == null) {
          throw new NotFoundException(ref + " no longer exists");
        }
        String owner = requireOwned(ref, current, txtOwner, "change");
        checkVersion(ref, current, existing, txt);
        Map<String, Object> body = w.update().patchBody(current.body());
        Map<String, String> labels = new LinkedHashMap<>(current.labels());
        labels.putAll(w.update().setLabels());
        w.update().removeLabels().forEach(labels::remove);
        // the owner may hand the record over (a validation CNAME another site's certificate still needs),
        // but never leave it without one
        if (Marks.TAGS.owner(labels).isEmpty()) {
          throw new PlatformException(ref + ": an update would leave the DNS record without an owner (" + owner
              + "); delete it instead");
        }
        ResourceRecordSet set = recordSet(ref, a, body);
        if (!sameRecord(existing, set)) {
          out.add(change(ChangeAction.DELETE, existing));
          out.add(change(ChangeAction.CREATE, set));
        }
        ResourceRecordSet newTxt = txtSet(a, labels, ref);
        if (!sameRecord(txt, newTxt)) {
          out.add(change(ChangeAction.DELETE, txt));
          out.add(change(ChangeAction.CREATE, newTxt));
        }
      }
      case DELETE -> {
        Resource current = w.current();
        if (existing == null) {
          // gone already; clear our TXT if it was left behind
          String owner = Marks.TAGS.owner(current.labels()).orElse(null);
          if (txt != null && owner != null && owner.equals(txtOwner.orElse(null))) {
            out.add(change(ChangeAction.DELETE, txt));
          }
        } else {
          requireOwned(ref, current, txtOwner, "delete");
          checkVersion(ref, current, existing, txt);
          out.add(change(ChangeAction.DELETE, existing));
          out.add(change(ChangeAction.DELETE, txt));
        }
      }
    }
    for (software.amazon.awssdk.services.route53.model.Change c : out) {
      Key k = key(c.resourceRecordSet());
      if (c.action() == ChangeAction.DELETE) {
        state.remove(k);
      } else {
        state.put(k, c.resourceRecordSet());
      }
    }
    return out;
  }

  private void send(String zoneId, List<software.amazon.awssdk.services.route53.model.Change> batch, List<String> what) {
    String action = "changing " + batch.size() + " record sets in hosted zone " + zoneId + " (" + summary(what) + ")";
    try {
      ChangeResourceRecordSetsResponse response = route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
          .changeBatch(b -> b.comment("platformkit").changes(batch)));
      LOG.debug("{}: change {}", action, response.changeInfo().id());
    } catch (InvalidChangeBatchException e) {
      String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      if (message != null && (message.contains("already exists") || message.contains("not found") || message.contains("do not match"))) {
        throw new ConflictException(action + " failed: the records changed since they were read: " + message, e);
      }
      throw AwsErrors.map(e, action);
    } catch (SdkException e) {
      throw AwsErrors.map(e, action);
    }
  }

  private static String summary(List<String> what) {
    return what.size() <= 3 ? String.join(", ", what) : String.join(", ", what.subList(0, 3)) + " and " + (what.size() - 3) + " more";
  }

  private static String requireOwner(Resource desired) {
    return Marks.TAGS.owner(desired.labels()).orElseThrow(() -> new PlatformException(desired.ref()
        + ": a DNS record is written with its owner's marks (labels " + Marks.TAGS.of("<owner>").keySet() + ")"));
  }

  private static String requireOwned(ResourceRef ref, Resource current, Optional<String> txtOwner, String verb) {
    String owner = Marks.TAGS.owner(current.labels()).orElse(null);
    if (txtOwner.isEmpty() || !txtOwner.get().equals(owner)) {
      throw new ForeignRecordException(ref, txtOwner.orElse(null), owner, verb);
    }
    return owner;
  }

  private static void checkVersion(ResourceRef ref, Resource current, ResourceRecordSet existing, ResourceRecordSet txt) {
    if (current.version() != null && !current.version().equals(version(existing, txt))) {
      throw new ConflictException(ref + " changed since it was read");
    }
  }

  // --- conversions ---

  private ResourceRecordSet recordSet(ResourceRef ref, Address a, Map<String, Object> body) {
    check(ref, body, "name", a.name());
    check(ref, body, "type", a.type());
    check(ref, body, "setIdentifier", a.setIdentifier());
    ResourceRecordSet.Builder set = ResourceRecordSet.builder().name(a.fqdn()).type(a.type()).setIdentifier(a.setIdentifier());
    Object ttl = body.get("ttl");
    Object records = body.get("records");
    Object alias = body.get("alias");
    if (alias != null) {
      if (ttl != null || records != null) {
        throw bad(ref, "alias", "goes without ttl and records");
      }
      if (!(alias instanceof Map<?, ?> m) || !(m.get("hostedZoneId") instanceof String zone) || !(m.get("dnsName") instanceof String dns)) {
        throw bad(ref, "alias", "needs hostedZoneId and dnsName (strings)");
      }
      Object health = m.get("evaluateTargetHealth");
      if (health != null && !(health instanceof Boolean)) {
        throw bad(ref, "alias.evaluateTargetHealth", "must be true or false");
      }
      set.aliasTarget(AliasTarget.builder().hostedZoneId(zone).dnsName(withoutDot(dns.toLowerCase(Locale.ROOT)) + ".")
          .evaluateTargetHealth(Boolean.TRUE.equals(health)).build());
    } else {
      if (!(ttl instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE || n.doubleValue() != n.longValue()) {
        throw bad(ref, "ttl", "must be a whole number of seconds from 0 to 2147483647 (or give alias)");
      }
      if (!(records instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(v -> v instanceof String s && !s.isEmpty())) {
        throw bad(ref, "records", "must be a non-empty list of values (or give alias)");
      }
      set.ttl(n.longValue()).resourceRecords(list.stream().map(v -> ResourceRecord.builder().value((String) v).build()).toList());
    }
    Object weight = body.get("weight");
    if ((weight == null) != (a.setIdentifier() == null)) {
      throw bad(ref, "weight", "goes with setIdentifier (weighted records have both)");
    }
    if (weight != null) {
      if (!(weight instanceof Number w) || w.longValue() < 0 || w.longValue() > 255 || w.doubleValue() != w.longValue()) {
        throw bad(ref, "weight", "must be a whole number from 0 to 255");
      }
      set.weight(w.longValue());
    }
    return set.build();
  }

  private static void check(ResourceRef ref, Map<String, Object> body, String field, String wanted) {
    Object value = body.get(field);
    boolean optional = !field.equals("setIdentifier"); // name and type may be left out: the ref says them
    if (value == null ? !optional && wanted != null : !value.equals(wanted)) {
      throw bad(ref, field, "is " + (value == null ? "missing" : "\"" + value + "\"") + " but the ref says "
          + (wanted == null ? "none" : "\"" + wanted + "\""));
    }
  }

  private static PlatformException bad(ResourceRef ref, String field, String problem) {
    return new PlatformException(ref + ": body." + field + " " + problem);
  }

  private static ResourceRecordSet txtSet(Address a, Map<String, String> labels, ResourceRef ref) {
    String value = "\"" + encodeLabels(labels) + "\"";
    if (value.length() > 257) {
      throw new PlatformException(ref + ": its labels " + labels + " do not fit the 255 characters of an ownership TXT record");
    }
    return ResourceRecordSet.builder().name(a.txtKey().name()).type("TXT").ttl(TXT_TTL)
        .resourceRecords(ResourceRecord.builder().value(value).build()).build();
  }

  /** The name of the ownership TXT record of the record set {@code name}/{@code type}/{@code setIdentifier}. */
  static String txtName(String name, String type, String setIdentifier) {
    return TXT_PREFIX + type.toLowerCase(Locale.ROOT) + (setIdentifier == null ? "" : "-" + sha256(setIdentifier).substring(0, 8)) + "." + name;
  }

  /** The labels written in a TXT record, when it is one of ours (carries the managed-by mark). */
  static Optional<Map<String, String>> owned(ResourceRecordSet txt) {
    if (txt == null || !txt.hasResourceRecords() || txt.resourceRecords().size() != 1) {
      return Optional.empty();
    }
    String v = txt.resourceRecords().get(0).value();
    if (v == null || v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")) {
      return Optional.empty();
    }
    Map<String, String> labels = decodeLabels(v.substring(1, v.length() - 1));
    return labels != null && Marks.TAGS.owner(labels).isPresent() ? Optional.of(labels) : Optional.empty();
  }

  static String encodeLabels(Map<String, String> labels) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(labels).forEach((k, v) -> {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(escape(k)).append('=').append(escape(v));
    });
    return out.toString();
  }

  static Map<String, String> decodeLabels(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String pair : text.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        return null;
      }
      try {
        out.put(unescape(pair.substring(0, eq)), unescape(pair.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return out;
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || c == '%' || c == ',' || c == '=' || c == '"' || c == '\\') {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  private static String unescape(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String version(ResourceRecordSet set, ResourceRecordSet txt) {
    return sha256(canonical(set) + "|" + (txt == null ? "" : canonical(txt))).substring(0, 16);
  }

  private static String canonical(ResourceRecordSet s) {
    AliasTarget a = s.aliasTarget();
    return (a == null ? s.ttl() : null) + ";" + s.weight() + ";" + (s.hasResourceRecords() ? s.resourceRecords().stream().map(ResourceRecord::value).sorted().toList() : "")
        + ";" + (a == null ? "" : a.hostedZoneId() + "," + a.dnsName().toLowerCase(Locale.ROOT) + "," + a.evaluateTargetHealth());
  }

  private static boolean sameRecord(ResourceRecordSet a, ResourceRecordSet b) {
    return a != null && b != null && canonical(a).equals(canonical(b));
  }

  private static software.amazon.awssdk.services.route53.model.Change change(ChangeAction action, ResourceRecordSet set) {
    return software.amazon.awssdk.services.route53.model.Change.builder().action(action).resourceRecordSet(set).build();
  }

  private static int chars(software.amazon.awssdk.services.route53.model.Change c) {
    ResourceRecordSet s = c.resourceRecordSet();
    return s.hasResourceRecords() ? s.resourceRecords().stream().mapToInt(r -> r.value().length()).sum() : 0;
  }

  private static Key key(ResourceRecordSet s) {
    return new Key(decode(s.name()).toLowerCase(Locale.ROOT), s.typeAsString(), s.setIdentifier());
  }

  // --- Route53 reads ---

  private Map<Key, ResourceRecordSet> readZone(String zoneId) {
    Map<Key, ResourceRecordSet> out = new LinkedHashMap<>();
    String name = null;
    String type = null;
    String identifier = null;
    while (true) {
      String n = name;
      String t = type;
      String i = identifier;
      ListResourceRecordSetsResponse page = call("listing the record sets of hosted zone " + zoneId,
          () -> route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(n).startRecordType(t).startRecordIdentifier(i)));
      page.resourceRecordSets().forEach(s -> out.put(key(s), s));
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return out;
      }
      name = page.nextRecordName();
      type = page.nextRecordTypeAsString();
      identifier = page.nextRecordIdentifier();
    }
  }

  /**
   * The record sets at {@code fqdns} (lower case, trailing dot). Route53 lists in one order (names with their
   * labels reversed, as one string: {@code com.example.shop.}), and a record's TXT is its subdomain, so it
   * follows the record closely: pages start at the first name not yet seen and go on while the names wanted
   * lie within them; a gap of other records between two wanted names is jumped over with a new start.
   */
  private Map<Key, ResourceRecordSet> readNames(String zoneId, Set<String> fqdns) {
    java.util.TreeSet<String> wanted = new java.util.TreeSet<>(java.util.Comparator.comparing(RecordStore::order));
    wanted.addAll(fqdns);
    Map<Key, ResourceRecordSet> out = new LinkedHashMap<>();
    String startName = wanted.isEmpty() ? null : wanted.first();
    String startType = null;
    String startIdentifier = null;
    while (startName != null) {
      String n = startName;
      String t = startType;
      String i = startIdentifier;
      ListResourceRecordSetsResponse page = call("reading record sets of hosted zone " + zoneId,
          () -> route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(n).startRecordType(t).startRecordIdentifier(i)));
      String last = null;
      for (ResourceRecordSet s : page.resourceRecordSets()) {
        Key k = key(s);
        if (fqdns.contains(k.name())) {
          out.put(k, s);
        }
        last = k.name();
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        break;
      }
      String next = decode(page.nextRecordName()).toLowerCase(Locale.ROOT);
      // wanted names before the next record were in this page (or are not there)
      String after = wanted.ceiling(next);
      if (after == null) {
        break;
      }
      if (after.equals(next) || last != null && order(after).compareTo(order(next)) <= 0) {
        startName = page.nextRecordName();
        startType = page.nextRecordTypeAsString();
        startIdentifier = page.nextRecordIdentifier();
      } else {
        startName = after; // jump over records nobody wants
        startType = null;
        startIdentifier = null;
      }
    }
    return out;
  }

  // Route53's listing order of a name: its labels reversed, as one string with the dots
  static String order(String fqdn) {
    String[] labels = (fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn).split("\\.");
    StringBuilder out = new StringBuilder();
    for (int i = labels.length - 1; i >= 0; i--) {
      out.append(labels[i]).append('.');
    }
    return out.toString();
  }

  private List<HostedZone> allZones() {
    List<HostedZone> out = new ArrayList<>();
    String marker = null;
    while (true) {
      String m = marker;
      ListHostedZonesResponse page = call("listing the hosted zones", () -> route53.listHostedZones(r -> r.marker(m)));
      out.addAll(page.hostedZones());
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return out;
      }
      marker = page.nextMarker();
    }
  }

  /** The id (without {@code /hostedzone/}) of the zone given as an id or a domain name. */
  String resolve(String zone) {
    String z = stripPrefix(zone);
    if (!z.contains(".")) {
      return z;
    }
    String domain = withoutDot(z.toLowerCase(Locale.ROOT));
    String cached = idByDomain.get(domain);
    if (cached != null) {
      return cached;
    }
    List<String> ids = new ArrayList<>();
    String[] start = {domain + ".", null};
    while (true) {
      var page = call("looking up hosted zone " + domain,
          () -> route53.listHostedZonesByName(r -> r.dnsName(start[0]).hostedZoneId(start[1]).maxItems("100")));
      boolean past = false;
      for (HostedZone h : page.hostedZones()) {
        if (h.name().equalsIgnoreCase(domain + ".")) {
          ids.add(stripPrefix(h.id()));
        } else {
          past = true;
        }
      }
      if (past || !Boolean.TRUE.equals(page.isTruncated())) {
        break;
      }
      start[0] = page.nextDNSName();
      start[1] = page.nextHostedZoneId();
    }
    if (ids.isEmpty()) {
      throw new NotFoundException("no hosted zone named " + domain + " in this account (ListHostedZonesByName)");
    }
    if (ids.size() > 1) {
      throw new PlatformException("two hosted zones are named " + domain + ": " + String.join(" and ", ids)
          + " (a public and a private one?); name the zone by its id (set dns.hostedZoneId)");
    }
    idByDomain.put(domain, ids.get(0));
    return ids.get(0);
  }

  private static <T> T call(String action, java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (NoSuchHostedZoneException e) {
      throw new NotFoundException(action + " failed: no such hosted zone", e);
    } catch (SdkException e) {
      throw AwsErrors.map(e, action);
    }
  }

  // --- names ---

  private Address parse(ResourceRef ref) {
    String s = ref.name();
    if (s.startsWith(PREFIX)) {
      s = s.substring(PREFIX.length());
    } else if (s.startsWith("hostedzone/")) {
      s = s.substring("hostedzone/".length());
    }
    String[] parts = s.split("/", 4);
    String form = "aws DnsRecord <zone>/<name>/<TYPE>[/<setIdentifier>]";
    if (parts.length < 3 || parts[0].isEmpty()) {
      throw new PlatformException(ref + ": the name must be " + form);
    }
    String name = parts[1];
    if (!NAME.matcher(name).matches() || name.length() > 253) {
      throw new PlatformException(ref + ": the record name \"" + name + "\" must be a lower-case, fully qualified DNS name"
          + " without the trailing dot (" + form + ")");
    }
    if (name.startsWith(TXT_PREFIX) || name.contains("." + TXT_PREFIX)) {
      throw new PlatformException(ref + ": names starting with " + TXT_PREFIX + " are platformkit's ownership records");
    }
    if (!TYPES.contains(parts[2])) {
      throw new PlatformException(ref + ": the record type \"" + parts[2] + "\" must be one of " + new java.util.TreeSet<>(TYPES));
    }
    String setIdentifier = parts.length == 4 ? parts[3] : null;
    if (setIdentifier != null && (setIdentifier.isEmpty() || setIdentifier.length() > 128)) {
      throw new PlatformException(ref + ": the set identifier must have 1 to 128 characters");
    }
    String txt = txtName(name, parts[2], setIdentifier);
    if (txt.length() > 253) {
      throw new PlatformException(ref + ": the name is too long to hold its ownership record " + txt + " (at most 253 characters)");
    }
    return new Address(parts[0], name, parts[2], setIdentifier);
  }

  private static String stripPrefix(String id) {
    return id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id.startsWith("hostedzone/") ? id.substring("hostedzone/".length()) : id;
  }

  private static String withoutDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  // Route53 writes * as \052 (and other special characters as octal escapes)
  private static String decode(String name) {
    if (name == null || name.indexOf('\\') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 3 < name.length() && name.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A record (or its TXT) that another owner or nobody we know owns. */
  static final class ForeignRecordException extends OwnershipException {
    private static final long serialVersionUID = 1L;

    ForeignRecordException(ResourceRef ref, String foundOwner, String wantedOwner, String verb) {
      super(ref + (foundOwner == null ? " has no platformkit ownership record (TXT " + TXT_PREFIX + "...)"
          + " and was not made by platformkit" : " is owned by " + foundOwner) + "; refusing to " + verb + " it"
          + (wantedOwner == null ? "" : " for " + wantedOwner)
          + " (give the site another host, or delete or take over the record by hand)", ref, foundOwner);
    }
  }
}
