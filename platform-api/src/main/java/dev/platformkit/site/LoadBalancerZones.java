package dev.platformkit.site;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical hosted zone ids of Application (and Classic) Load Balancers, by region: what a Route53 alias
 * record to an ALB names as its {@code hostedZoneId}. AWS publishes them in "Elastic Load Balancing endpoints
 * and quotas" (the ALB/CLB column; Network Load Balancers have other ids). A region missing here is an error
 * naming the region, never a guess.
 */
public final class LoadBalancerZones {
  // ALB/CLB column of https://docs.aws.amazon.com/general/latest/gr/elb.html
  private static final Map<String, String> ZONES = new TreeMap<>(Map.ofEntries(
      Map.entry("af-south-1", "Z268VQBMOI5EKX"),
      Map.entry("ap-east-1", "Z3DQVH9N71FHZ0"),
      Map.entry("ap-northeast-1", "Z14GRHDCWA56QT"),
      Map.entry("ap-northeast-2", "ZWKZPGTI48KDX"),
      Map.entry("ap-northeast-3", "Z5LXEXXYW11ES"),
      Map.entry("ap-south-1", "ZP97RAFLXTNZK"),
      Map.entry("ap-southeast-1", "Z1LMS91P8CMLE5"),
      Map.entry("ap-southeast-2", "Z1GM3OXH4ZPM65"),
      Map.entry("ap-southeast-3", "Z08888821HLRG5A9ZRTER"),
      Map.entry("ca-central-1", "ZQSVJUPU6J1EY"),
      Map.entry("cn-north-1", "Z1GDH35T77C1KE"),
      Map.entry("cn-northwest-1", "ZM7IZAIOVVDZF"),
      Map.entry("eu-central-1", "Z215JYRZR1TBD5"),
      Map.entry("eu-north-1", "Z23TAZ6LKFMNIO"),
      Map.entry("eu-south-1", "Z3ULH7SSC9OV64"),
      Map.entry("eu-west-1", "Z32O12XQLNTSW2"),
      Map.entry("eu-west-2", "ZHURV8PSTC4K8"),
      Map.entry("eu-west-3", "Z3Q77PNBQS71R4"),
      Map.entry("me-south-1", "ZS929ML54UICD"),
      Map.entry("sa-east-1", "Z2P70J7HTTTPLU"),
      Map.entry("us-east-1", "Z35SXDOTRQ7X7K"),
      Map.entry("us-east-2", "Z3AADJGX6KTTL2"),
      Map.entry("us-gov-east-1", "Z166TLBEWOO7G0"),
      Map.entry("us-gov-west-1", "Z33AYJ8TM3BH4J"),
      Map.entry("us-west-1", "Z368ELLRRE2KJ0"),
      Map.entry("us-west-2", "Z1H1FL5HABSF5")));

  // k8s-shop-1a2b3c4d5e-1234567890.eu-west-1.elb.amazonaws.com, internal-..., and .elb.amazonaws.com.cn in China
  private static final Pattern ALB_HOSTNAME = Pattern.compile(
      "(?i)[a-z0-9][-a-z0-9]*\\.([a-z]{2}(?:-gov)?-[a-z]+-[0-9])\\.elb\\.amazonaws\\.com(?:\\.cn)?\\.?");

  private LoadBalancerZones() {}

  /** The ALB canonical hosted zone id of {@code region}, if this table knows the region. */
  public static Optional<String> of(String region) {
    return Optional.ofNullable(ZONES.get(region));
  }

  /** Every region this table knows, with its zone id, sorted by region. */
  public static Map<String, String> all() {
    return java.util.Collections.unmodifiableMap(ZONES);
  }

  /**
   * The region of an ALB's DNS name ({@code <name>-<id>.<region>.elb.amazonaws.com}).
   *
   * @throws IllegalArgumentException naming the hostname when it is not an ALB's
   */
  public static String region(String hostname) {
    Matcher m = ALB_HOSTNAME.matcher(hostname);
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + hostname
          + "\" is not the DNS name of an Application Load Balancer (<name>.<region>.elb.amazonaws.com)");
    }
    return m.group(1).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The canonical hosted zone id for an alias to the ALB named {@code hostname}.
   *
   * @throws IllegalArgumentException naming the hostname when it is not an ALB's, or naming the region when
   *     the table does not know it
   */
  public static String forHostname(String hostname) {
    String region = region(hostname);
    return of(region).orElseThrow(() -> new IllegalArgumentException("no Application Load Balancer hosted zone id is known for region "
        + region + " (of \"" + hostname + "\"); known regions: " + String.join(", ", ZONES.keySet())));
  }
}
