package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.platformkit.BackendException;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Route53's throttling answers through the real SDK client (REST-XML over HTTP to a local server that answers
 * like Route53): the SDK's own retry strategy retries {@code PriorRequestNotComplete} and {@code Throttling},
 * as the {@link AwsBackend} Javadoc says, and without SDK retries the store reports both as retryable. The
 * SDK's backoff is set to retry at once, so nothing waits on the wall clock.
 */
class Route53SdkRetryIT {
  static final Kind DNS_RECORD = Kind.aws("DnsRecord");
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private HttpServer server;
  private final Deque<String> errors = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      String code;
      synchronized (errors) {
        code = errors.poll();
      }
      String body;
      int status;
      if (code != null) {
        status = 400;
        body = "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
            + "</Code><Message>" + (code.equals("Throttling") ? "Rate exceeded"
            : "The request was rejected because Route 53 was still processing a prior request.")
            + "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
      } else {
        status = 200;
        body = "<?xml version=\"1.0\"?><ListResourceRecordSetsResponse xmlns=\"" + NS + "\"><ResourceRecordSets>"
            + rrset("shop.example.com.", "CNAME", "lb.example.net")
            + rrset("_platformkit-cname.shop.example.com.", "TXT", "\"platformkit:managed-by=platformkit,platformkit:owner=site.shop\"")
            + "</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  private static String rrset(String name, String type, String value) {
    return "<ResourceRecordSet><Name>" + name + "</Name><Type>" + type + "</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>"
        + value.replace("\"", "&quot;") + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Route53Client client(RetryStrategy strategy) {
    return Route53Client.builder().region(Region.AWS_GLOBAL)
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .overrideConfiguration(o -> o.retryStrategy(strategy)).build();
  }

  @Test
  void theSdksRetryStrategyRetriesPriorRequestNotCompleteAndThrottling() {
    errors.addAll(List.of("PriorRequestNotComplete", "Throttling", "PriorRequestNotComplete"));
    RetryStrategy sdk = AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(5)
        .backoffStrategy(BackoffStrategy.retryImmediately()).throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build();
    try (Route53Client route53 = client(sdk)) {
      AwsBackend backend = AwsBackend.builder().route53(route53).hostedZones("Z1").build();
      assertThat(backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of("site.shop")))).singleElement()
          .satisfies(r -> assertThat(r.ref().name()).isEqualTo("Z1/shop.example.com/CNAME"));
    }
    assertThat(requests.get()).isEqualTo(4);
  }

  @Test
  void withoutSdkRetriesBothAreRetryableErrorsForThePlatformsPolicy() {
    try (Route53Client route53 = client(AwsRetryStrategy.doNotRetry())) {
      AwsBackend backend = AwsBackend.builder().route53(route53).hostedZones("Z1").build();
      for (String code : List.of("PriorRequestNotComplete", "Throttling")) {
        errors.add(code);
        assertThatThrownBy(() -> backend.list(DNS_RECORD, Map.of()))
            .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryable()).isTrue())
            .hasMessageContaining(code);
      }
    }
    assertThat(requests.get()).isEqualTo(2);
  }
}
