package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.Change;
import dev.platformkit.ResourceRef;
import dev.platformkit.aws.AwsBackend;
import dev.platformkit.cli.Cli.Run;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.Write;
import dev.platformkit.testkit.junit.MotoServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * {@code site shift} and {@code site weights} on a real cluster (the fabric8 mock API server) with Route53 in
 * moto's local AWS API server: blue's and green's weighted records of site pay exist, as two clusters' applies
 * leave them. The shift asks first: without a terminal it refuses, an answer other than {@code yes} cancels,
 * {@code yes} or {@code --auto-approve} shifts; nothing is written before. Skipped when moto is not installed.
 */
class CliSiteShiftMotoIT {
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
  private static final Kind DNS_RECORD = Kind.aws("DnsRecord");

  @TempDir
  Path dir;

  private MotoServer moto;
  private Route53Client route53;
  private String zoneId;
  private KubernetesMockServer server;
  private Path kubeconfig;
  private Path specs;
  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void start() throws IOException {
    moto = MotoServer.start();
    URI endpoint = moto.endpoint();
    // what the CLI's AWS clients, built with the SDK's defaults, read: moto's endpoint and credentials it accepts
    setProperty("aws.endpointUrl", endpoint.toString());
    setProperty("aws.accessKeyId", "testing");
    setProperty("aws.secretAccessKey", "testing");
    route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(endpoint)
        .credentialsProvider(MotoServer.CREDENTIALS).build();
    zoneId = route53.createHostedZone(r -> r.name("example.com").callerReference("cli-shift-it")).hostedZone().id();
    // blue's and green's records of site pay, as each cluster's apply writes them: one alias record per host
    // and type for each set identifier, owned by the site
    List<Write> writes = new ArrayList<>();
    for (String type : List.of("A", "AAAA")) {
      writes.add(create("pay.example.com", type, "blue", 100, "k8s-blue-0123.us-east-1.elb.amazonaws.com"));
      writes.add(create("pay.example.com", type, "green", 0, "k8s-green-4567.us-east-1.elb.amazonaws.com"));
    }
    AwsBackend.builder().route53(route53).build().write(DNS_RECORD, writes);

    MOCK_LOG.setLevel(Level.WARNING);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    kubeconfig = Cli.kubeconfig(dir.resolve("kubeconfig"), "green", server.url("/"));

    specs = Files.createDirectories(dir.resolve("specs"));
    Files.writeString(specs.resolve("site-pay.yaml"), Files.readString(Cli.SPECS.resolve("site-pay.yaml"))
        .replace("    hostedZone: example.com\n", "    hostedZone: example.com\n    setIdentifier: green\n    weight: 0\n"));
  }

  // restored after each test: the JVM runs the other CLI tests too
  private void setProperty(String key, String value) {
    saved.put(key, System.getProperty(key));
    System.setProperty(key, value);
  }

  private static Write create(String host, String type, String id, int weight, String loadBalancer) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", host);
    body.put("type", type);
    body.put("alias", Map.of("hostedZoneId", "Z35SXDOTRQ7X7K", "dnsName", loadBalancer, "evaluateTargetHealth", false));
    body.put("setIdentifier", id);
    body.put("weight", weight);
    Resource desired = Resource.desired(ResourceRef.aws("DnsRecord", "example.com/" + host + "/" + type + "/" + id),
        Marks.TAGS.of("site.pay"), Map.of(), body);
    return new Write(Change.Action.CREATE, null, desired, null);
  }

  @AfterEach
  void stop() throws InterruptedException {
    saved.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
    if (server != null) {
      server.destroy();
    }
    if (route53 != null) {
      route53.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private Run run(Terminal terminal, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--region", "us-east-1", "--site", "pay",
        "-f", specs.toString()));
    return Cli.run(terminal, all.toArray(new String[0]));
  }

  /** The live weights by identifier, read from moto: "pay.example.com. A blue 100". */
  private List<String> weights() {
    return route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets().stream()
        .filter(s -> s.setIdentifier() != null)
        .map(s -> s.name() + " " + s.typeAsString() + " " + s.setIdentifier() + " " + s.weight()).sorted().toList();
  }

  @Test
  void weightsListsEveryClustersIdentifierAndThisClustersHealth() {
    Run run = run(Terminal.none(Map.of()), "site", "weights", "--detailed-exitcode");

    assertThat(run.status()).as(run.out() + run.err()).isEqualTo(Main.CHANGES);
    assertThat(run.out()).containsPattern("(?m)^  blue   100  100%$").containsPattern("(?m)^  green    0    0%$")
        .contains("unhealthy: site pay does not serve from the cluster (context green, " + server.url("/"))
        .contains("Application argocd/pay-web does not exist on this cluster");
  }

  @Test
  void theShiftAsksOnARealClusterAndWritesNothingUntilApproved() {
    List<String> before = weights();
    assertThat(before).containsExactly("pay.example.com. A blue 100", "pay.example.com. A green 0",
        "pay.example.com. AAAA blue 100", "pay.example.com. AAAA green 0");
    String[] shift = {"site", "shift", "--weight", "blue=90", "--weight", "green=10"};

    Run refused = run(Terminal.none(Map.of()), shift);
    Cli.Person no = new Cli.Person(Map.of(), "y");
    Run cancelled = run(no, shift);
    List<String> untouched = weights();
    Cli.Person yes = new Cli.Person(Map.of(), "yes");
    Run shifted = run(yes, shift);

    assertThat(refused.status()).isEqualTo(Main.ERROR);
    assertThat(refused.out()).contains("shift plan for site pay on the cluster (context green").contains("weight: 100 -> 90")
        .contains("weight: 0 -> 10").contains("unhealthy: site pay does not serve from the cluster");
    assertThat(refused.err()).contains("error: refusing to apply 4 change(s) on the cluster (context green")
        .contains("--auto-approve");
    assertThat(cancelled.status()).isEqualTo(Main.ERROR);
    assertThat(cancelled.err()).contains("apply cancelled: the answer was not 'yes'");
    assertThat(no.prompts).singleElement().asString().contains("Do you want to apply these 4 change(s)").contains("context green");
    assertThat(untouched).isEqualTo(before);
    assertThat(shifted.status()).as(shifted.out() + shifted.err()).isZero();
    assertThat(yes.prompts).hasSize(1);
    assertThat(shifted.out()).contains("applied 4 changes");
    // moto 5 deletes every record set of a set identifier in the zone, whatever its name and type (Route53 deletes
    // the one named), so the batch of DELETE+CREATE pairs leaves moto with only the AAAA records, and the weights
    // after the shift leave out identifiers missing a record: they are checked on the embedded backend
    // (SiteShiftCliTest), not here
  }

  @Test
  void autoApproveShiftsWithoutAsking() {
    Cli.Person nobody = new Cli.Person(Map.of());

    Run shifted = run(nobody, "site", "shift", "--weight", "blue=90", "--weight", "green=10", "--auto-approve");

    assertThat(shifted.status()).as(shifted.out() + shifted.err()).isZero();
    assertThat(shifted.out()).contains("applied 4 changes");
    assertThat(nobody.prompts).isEmpty();
  }

  @Test
  void aDryRunOnARealClusterAsksNothingAndWritesNothing() {
    Cli.Person nobody = new Cli.Person(Map.of());

    Run dryRun = run(nobody, "site", "shift", "--weight", "green=100", "--dry-run");

    assertThat(dryRun.status()).as(dryRun.out() + dryRun.err()).isEqualTo(Main.CHANGES);
    assertThat(dryRun.out()).contains("weight: 0 -> 100");
    assertThat(nobody.prompts).isEmpty();
    assertThat(weights()).contains("pay.example.com. A green 0", "pay.example.com. AAAA green 0");
  }
}
