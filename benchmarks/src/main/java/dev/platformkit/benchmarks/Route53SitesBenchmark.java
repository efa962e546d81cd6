package dev.platformkit.benchmarks;

import dev.platformkit.Change;
import dev.platformkit.ResourceRef;
import dev.platformkit.aws.AwsBackend;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.Write;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.FakeRoute53Client;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Creates the DNS records of N sites in one hosted zone (per site: an alias A and AAAA record to its load
 * balancer and its certificate's validation CNAME, each with its ownership TXT record) against the testkit's
 * Route53 fake, which throttles every request beyond a number per second of its clock as Route53 does (five
 * per account), three ways side by side:
 *
 * <ul>
 *   <li>{@value #BATCHED}: one {@code AwsBackend.write} of every record (the DnsRecord store reads the names
 *       it writes, then sends change batches of up to 1,000 changes);
 *   <li>{@value #PER_SITE}: one {@code AwsBackend.write} per site, as an engine that batched within a site
 *       only would;
 *   <li>{@value #NAIVE}: one {@code ChangeResourceRecordSets} per record (the record and its TXT), no reads.
 * </ul>
 *
 * <p>Each request takes a fixed latency on the fake clock, and a throttled request is retried as the AWS SDK
 * retries it: its standard retry strategy (the throttling backoff, without jitter so runs repeat, no circuit
 * breaker) decides the wait, spent on the fake clock. "Converged" is the clock time from the first request
 * until Route53 accepted the last change. Usage: {@code Route53SitesBenchmark [sites [requestsPerSecond
 * [latencyMillis]]]} (default 500 sites, 5 per second, 100 ms); run with
 * {@code mvn -B -q -pl benchmarks -am package -DskipTests -Prun-benchmark -Dbenchmark=Route53SitesBenchmark}.
 */
public final class Route53SitesBenchmark {
  /** The batched store's rows. */
  public static final String BATCHED = "platformkit, batched";
  /** One write per site. */
  public static final String PER_SITE = "one batch per site";
  /** One request per record. */
  public static final String NAIVE = "one request per record";

  static final Kind DNS_RECORD = Kind.aws("DnsRecord");
  static final String ZONE = "Z0123456789EXAMPLE";
  static final String ELB_ZONE = "Z35SXDOTRQ7X7K";

  /**
   * One run.
   *
   * @param client which way
   * @param sites sites
   * @param records record sets written (without their TXT records)
   * @param requests Route53 requests made, retried attempts included
   * @param changeRequests {@code ChangeResourceRecordSets} requests among them
   * @param throttled requests refused with {@code Throttling}
   * @param converged fake-clock time until the last change was accepted
   */
  public record Measurement(String client, int sites, int records, int requests, int changeRequests, int throttled,
      Duration converged) {}

  private Route53SitesBenchmark() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) {
    int sites = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Duration latency = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 100);
    print(System.out, run(sites, perSecond, latency), perSecond, latency);
  }

  /** The three ways, each on a fresh zone. */
  public static List<Measurement> run(int sites, int perSecond, Duration latency) {
    return List.of(measure(BATCHED, sites, perSecond, latency), measure(PER_SITE, sites, perSecond, latency),
        measure(NAIVE, sites, perSecond, latency));
  }

  static Measurement measure(String client, int sites, int perSecond, Duration latency) {
    FakeClock clock = FakeClock.standard();
    FakeRoute53Client fake = new FakeRoute53Client(clock).addZone(ZONE, "example.com").rateLimit(perSecond);
    SdkRetrying route53 = new SdkRetrying(fake, clock, latency);
    AwsBackend backend = AwsBackend.builder().route53(route53).hostedZones(ZONE).build();
    Instant start = clock.instant();
    List<List<Resource>> bySite = new ArrayList<>();
    for (int i = 0; i < sites; i++) {
      bySite.add(records(i));
    }
    switch (client) {
      case BATCHED -> backend.write(DNS_RECORD, bySite.stream().flatMap(List::stream).map(Route53SitesBenchmark::create).toList());
      case PER_SITE -> bySite.forEach(site -> backend.write(DNS_RECORD, site.stream().map(Route53SitesBenchmark::create).toList()));
      case NAIVE -> bySite.forEach(site -> site.forEach(r -> naive(route53, r)));
      default -> throw new IllegalArgumentException(client);
    }
    Duration converged = Duration.between(start, clock.instant());
    int records = sites * 3;
    int held = fake.records(ZONE).size();
    if (held != 2 + 2 * records) {
      throw new IllegalStateException(client + ": the zone holds " + held + " record sets, not " + (2 + 2 * records));
    }
    return new Measurement(client, sites, records, fake.callCounts().values().stream().mapToInt(Integer::intValue).sum(),
        fake.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS), fake.rateLimited(), converged);
  }

  /** Site {@code i}'s records: alias A and AAAA at {@code site-i.example.com}, and a validation CNAME. */
  static List<Resource> records(int i) {
    String host = "site-" + i + ".example.com";
    String owner = "site.site-" + i;
    String lb = "k8s-site" + i + "-0123456789.us-east-1.elb.amazonaws.com";
    List<Resource> out = new ArrayList<>();
    for (String type : List.of("A", "AAAA")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", host);
      body.put("type", type);
      body.put("alias", Map.of("hostedZoneId", ELB_ZONE, "dnsName", lb, "evaluateTargetHealth", true));
      out.add(Resource.desired(ResourceRef.aws("DnsRecord", ZONE + "/" + host + "/" + type), Marks.TAGS.of(owner), Map.of(), body));
    }
    String validation = "_" + Integer.toHexString(("v" + i).hashCode()) + "0a1b2c3d." + host;
    out.add(Resource.desired(ResourceRef.aws("DnsRecord", ZONE + "/" + validation + "/CNAME"), Marks.TAGS.of(owner), Map.of(),
        Map.of("name", validation, "type", "CNAME", "ttl", 300,
            "records", List.of("_" + Integer.toHexString(i) + "f00d.abcdefghij.acm-validations.aws."))));
    return out;
  }

  private static Write create(Resource r) {
    return new Write(Change.Action.CREATE, null, r, null);
  }

  // the same record and TXT the store writes, one request per record, nothing read first
  @SuppressWarnings("unchecked")
  private static void naive(Route53Client route53, Resource r) {
    Map<String, Object> body = r.body();
    String name = (String) body.get("name");
    String type = (String) body.get("type");
    ResourceRecordSet.Builder set = ResourceRecordSet.builder().name(name + ".").type(type);
    if (body.get("alias") instanceof Map<?, ?> alias) {
      set.aliasTarget(a -> a.hostedZoneId((String) alias.get("hostedZoneId")).dnsName(alias.get("dnsName") + ".")
          .evaluateTargetHealth((Boolean) alias.get("evaluateTargetHealth")));
    } else {
      set.ttl(((Number) body.get("ttl")).longValue()).resourceRecords(((List<String>) body.get("records")).stream()
          .map(v -> ResourceRecord.builder().value(v).build()).toList());
    }
    String txtValue = "\"platformkit:managed-by=platformkit,platformkit:owner=" + r.labels().get("platformkit:owner") + "\"";
    ResourceRecordSet txt = ResourceRecordSet.builder().name("_platformkit-" + type.toLowerCase(Locale.ROOT) + "." + name + ".")
        .type("TXT").ttl(300L).resourceRecords(ResourceRecord.builder().value(txtValue).build()).build();
    route53.changeResourceRecordSets(c -> c.hostedZoneId(ZONE).changeBatch(b -> b.changes(
        x -> x.action(ChangeAction.CREATE).resourceRecordSet(set.build()), x -> x.action(ChangeAction.CREATE).resourceRecordSet(txt))));
  }

  /**
   * The Route53 fake behind what an SDK client adds: a latency per request on the clock, and retries of
   * throttling as the SDK's standard retry strategy decides them, waited on the clock.
   */
  static final class SdkRetrying implements Route53Client {
    private final FakeRoute53Client fake;
    private final FakeClock clock;
    private final Duration latency;
    private final StandardRetryStrategy strategy = AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(50).circuitBreakerEnabled(false)
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(500), Duration.ofSeconds(20)))
        .build();

    SdkRetrying(FakeRoute53Client fake, FakeClock clock, Duration latency) {
      this.fake = fake;
      this.clock = clock;
      this.latency = latency;
    }

    private <T> T call(Supplier<T> request) {
      RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("route53")).token();
      while (true) {
        clock.advance(latency);
        try {
          T response = request.get();
          strategy.recordSuccess(RecordSuccessRequest.create(token));
          return response;
        } catch (AwsServiceException e) {
          // throws when the strategy would not retry
          var refreshed = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(e).build());
          token = refreshed.token();
          clock.advance(refreshed.delay());
        }
      }
    }

    @Override
    public ChangeResourceRecordSetsResponse changeResourceRecordSets(ChangeResourceRecordSetsRequest r) {
      return call(() -> fake.changeResourceRecordSets(r));
    }

    @Override
    public ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest r) {
      return call(() -> fake.listResourceRecordSets(r));
    }

    @Override
    public ListHostedZonesByNameResponse listHostedZonesByName(ListHostedZonesByNameRequest r) {
      return call(() -> fake.listHostedZonesByName(r));
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }

  static void print(PrintStream out, List<Measurement> rows, int perSecond, Duration latency) {
    out.printf(Locale.ROOT, "Route53: creating the records of N sites in one hosted zone (3 record sets + 3 TXT per site),"
        + " throttled at %d requests/s, %d ms per request, SDK standard retries; time on the fake clock%n%n",
        perSecond, latency.toMillis());
    out.printf(Locale.ROOT, "%6s %7s  %-24s %9s %8s %9s %10s %9s%n", "sites", "records", "client", "requests", "changes",
        "throttled", "converged", "vs naive");
    Measurement naive = rows.stream().filter(m -> m.client().equals(NAIVE)).findFirst().orElse(rows.get(rows.size() - 1));
    for (Measurement m : rows) {
      out.printf(Locale.ROOT, "%6d %7d  %-24s %9d %8d %9d %9.1fs %8.3fx%n", m.sites(), m.records(), m.client(), m.requests(),
          m.changeRequests(), m.throttled(), m.converged().toMillis() / 1000.0, (double) m.requests() / naive.requests());
    }
    out.printf(Locale.ROOT, "%nrequests = all Route53 requests, retried attempts included; changes = ChangeResourceRecordSets"
        + " requests among them; vs naive = requests / the naive client's requests%n");
  }
}
