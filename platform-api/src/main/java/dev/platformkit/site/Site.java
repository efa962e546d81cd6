package dev.platformkit.site;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platformkit.Ownership;
import dev.platformkit.internal.Checks;
import dev.platformkit.internal.PlatformStyle;
import dev.platformkit.tenant.Tenant;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * A brand site or a per-developer preview environment of a tenant: one or more deployable
 * {@linkplain Component components} (a storefront, its API, an admin), each a Helm chart from a branch
 * deployed by an Argo CD Application, Ingresses on one ALB for the site's hosts, a certificate, and the
 * Route53 records. Previews expire and are then cleaned up.
 *
 * <pre>{@code
 * Site preview = Site.builder()
 *     .name("preview-jdoe-checkout")
 *     .tenant("shop")
 *     .environment(Environment.PREVIEW)
 *     .addHosts("jdoe-checkout.preview.shop.example.com")
 *     .addComponents(Component.builder()
 *         .name("web")
 *         .source(Source.builder()
 *             .repoURL("https://github.com/acme/shop-deploy.git")
 *             .targetRevision("main")
 *             .path("charts/shop")
 *             .build())
 *         .branch("feature/checkout")
 *         .build())
 *     .dns(Dns.zone("shop.example.com"))
 *     .expiry(Expiry.parse("72h"))
 *     .build();
 * }</pre>
 *
 * <p><b>One Argo CD Application per component</b>, not one multi-source Application: each component
 * then syncs, reports health and can be rolled back on its own (Argo CD does not roll back
 * multi-source Applications, and a multi-source Application is out of sync as a whole when one source
 * is), each carries its own {@code resources-finalizer.argocd.argoproj.io} finalizer and
 * {@code ignoreDifferences}, and a preview that moves one component to a branch changes one
 * Application. The Applications are created, waited for and deleted together. See {@link SiteObjects}.
 *
 * <p>{@code build()} checks everything at once and throws a {@link dev.platformkit.ValidationException}
 * listing every violation with its field path (names as in the spec document, such as
 * {@code components[0].source.targetRevision}, {@code components[1].name} or {@code hosts[1]}). The parts
 * ({@link Component}, {@link Source}, {@link Tls}, {@link Dns}, {@link Alb}, {@link ArgoCd}) are checked as
 * part of the site.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableSite.class)
@JsonDeserialize(as = ImmutableSite.class)
public abstract class Site implements Serializable, WithSite {
  // only the generated implementation extends it: no subclass can skip validation
  Site() {}

  private static final long serialVersionUID = 1L;

  /** The longest site name: the owner label {@code site.<name>} must fit in 63 characters. */
  public static final int MAX_NAME_LENGTH = 58; // 63 - "site.".length(), as a constant for {@value}

  private static final Pattern ACM_ARN = Pattern.compile(
      "arn:aws(-[a-z]+)*:acm:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern SCP_GIT_URL = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/\\s][^\\s]*");
  // git check-ref-format, roughly: no whitespace, control characters, ~^:?*[\ or "..", no "@{", no ".lock" end
  private static final Pattern BAD_REVISION = Pattern.compile("[\\s\\p{Cntrl}~^:?*\\[\\\\]|\\.\\.|@\\{|^[/.-]|[/.]$|\\.lock$");
  private static final Pattern CHART_NAME = Pattern.compile("[a-z0-9]([-a-z0-9_.]*[a-z0-9])?");
  private static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
  private static final Pattern ALB_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]{0,30}[A-Za-z0-9])?");
  private static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9]([-.a-z0-9]{0,61}[a-z0-9])?");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this site's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * The site name: a DNS-1123 label of at most {@value #MAX_NAME_LENGTH} characters, unique on the
   * platform; its Argo CD Applications are named after it and their component
   * ({@link SiteObjects#applicationName}). {@link Names#dnsLabel} derives one from a user and a branch for
   * previews. Required.
   */
  public abstract String name();

  /**
   * The name of the tenant that owns the site. Required. The tenant must allow the site's hosts and
   * namespace; that is checked against the {@link Tenant} when the site is planned.
   */
  public abstract String tenant();

  /** Production, staging or preview. Required. */
  public abstract Environment environment();

  /** The host names the site serves: exact names (no wildcards), at least one. */
  public abstract List<String> hosts();

  /** The namespace the chart is deployed to, one of the tenant's. Default: the tenant's name (its default namespace). */
  public abstract Optional<String> namespace();

  /**
   * The deployable parts of the site, at least one, with distinct names: one Argo CD Application each,
   * in this order.
   */
  public abstract List<Component> components();

  /** The component named {@code name}, if the site has one. */
  public Optional<Component> component(String name) {
    return components().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The certificate. Default: {@link Tls#acm()}. */
  @Value.Default
  public Tls tls() {
    return Tls.acm();
  }

  /** The Route53 records. Required when {@link #tls()} is {@code acm}; without it, no DNS records are made. */
  public abstract Optional<Dns> dns();

  /** Ingress and load balancer settings. Default: {@link Alb#defaults()}. */
  @Value.Default
  public Alb alb() {
    return Alb.defaults();
  }

  /** Argo CD settings. Default: {@link ArgoCd#defaults()}. */
  @Value.Default
  public ArgoCd argocd() {
    return ArgoCd.defaults();
  }

  /**
   * When the site expires and is cleaned up. Required for previews, optional for staging, not allowed
   * for production (a production site is never deleted by a timer).
   */
  public abstract Optional<Expiry> expiry();

  /** The namespace the chart goes to: {@link #namespace()}, or the tenant's name. */
  @JsonIgnore
  public String destinationNamespace() {
    return namespace().orElse(tenant());
  }

  /**
   * The ALB IngressGroup of the site's Ingresses: {@link Alb#groupName()} when given, else one of the site's
   * own, {@code site.<name>} (as by {@link Names#albGroup}), so that the Ingresses of all its components share
   * one ALB.
   */
  @JsonIgnore
  public String albGroupName() {
    return alb().groupName().orElseGet(() -> Names.albGroup("site." + name()));
  }

  /**
   * The ALB name: {@link Alb#loadBalancerName()} when given, else derived within the 32-character budget
   * from the group name (so that every site of a group agrees) or from the site name.
   */
  @JsonIgnore
  public String loadBalancerName() {
    return alb().loadBalancerName().orElseGet(() -> Names.loadBalancer(alb().groupName().orElse(name())));
  }

  /** When a site created at {@code createdAt} expires, or empty if it does not. */
  public Optional<Instant> expiresAt(Instant createdAt) {
    return expiry().map(e -> e.expiresAt(createdAt));
  }

  /** Whether a site created at {@code createdAt} has expired at {@code now}. */
  public boolean isExpired(Instant createdAt, Instant now) {
    return expiresAt(createdAt).map(at -> !now.isBefore(at)).orElse(false);
  }

  /** The owner value on everything made for this site: {@code site.<name>}. */
  @JsonIgnore
  public String owner() {
    return Ownership.owner("Site", name());
  }

  /** Checks the whole site at {@code build()} and throws one exception listing every violation. */
  @Value.Check
  protected void check() {
    Checks c = new Checks("Site" + (name() == null ? "" : " " + name()));
    c.dnsLabel("name", name(), MAX_NAME_LENGTH);
    c.dnsLabel("tenant", tenant(), Tenant.MAX_NAME_LENGTH);
    c.required("environment", environment());
    namespace().ifPresent(ns -> c.dnsLabel("namespace", ns, 63));
    hosts(c);
    components(c);
    if (c.required("tls", tls())) {
      tls(c, tls());
    }
    dns().ifPresent(d -> dns(c, d));
    if (dns().isEmpty() && tls() != null && tls().mode() == TlsMode.ACM) {
      c.add("dns", "is required when tls.mode is acm: the certificate is validated through records in the hosted zone");
    }
    if (c.required("alb", alb())) {
      alb(c, alb());
    }
    if (c.required("argocd", argocd())) {
      c.dnsSubdomain("argocd.project", argocd().project());
      c.dnsLabel("argocd.namespace", argocd().namespace(), 63);
    }
    if (environment() == Environment.PREVIEW && expiry().isEmpty()) {
      c.add("expiry", "is required for a preview (a time to live such as 72h, or an instant)");
    }
    if (environment() == Environment.PRODUCTION && expiry().isPresent()) {
      c.add("expiry", "a production site never expires; remove expiry or use environment staging");
    }
    c.throwIfAny();
  }

  private void hosts(Checks c) {
    if (hosts().isEmpty()) {
      c.add("hosts", "at least one host is required");
    }
    // an invalid zone is reported under dns.hostedZone; measuring hosts against it would only add noise
    String zone = dns().map(Dns::hostedZone).filter(z -> new Checks("zone").hostname("", z, false)).orElse(null);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < hosts().size(); i++) {
      String p = "hosts[" + i + "]";
      String host = hosts().get(i);
      // exact names only: each host gets its own alias record and certificate name, and a wildcard
      // record would capture names that other sites of the tenant may use
      if (!c.hostname(p, host, false)) {
        continue;
      }
      if (!seen.add(host)) {
        c.add(p, "\"" + host + "\" is listed twice");
      } else if (zone != null && !host.equals(zone) && !host.endsWith("." + zone)) {
        c.add(p, "\"" + host + "\" is not in the hosted zone " + zone);
      }
    }
  }

  private void components(Checks c) {
    if (components().isEmpty()) {
      c.add("components", "at least one component is required (a name and the source its Argo CD Application deploys)");
      return;
    }
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> applications = new HashMap<>();
    boolean siteNameOk = name() != null && Names.isDnsLabel(name()) && name().length() <= MAX_NAME_LENGTH;
    for (int i = 0; i < components().size(); i++) {
      String p = "components[" + i + "]";
      Component component = components().get(i);
      if (component == null) {
        c.add(p, "is null");
        continue;
      }
      if (c.dnsLabel(p + ".name", component.name(), Names.DNS_LABEL_MAX)) {
        Integer first = names.putIfAbsent(component.name(), i);
        if (first != null) {
          c.add(p + ".name", "\"" + component.name() + "\" is the name of components[" + first + "] already; component names are unique in a site");
        } else if (siteNameOk) {
          // distinct names give distinct Application names (a shortened one ends in a hash); checked all the same
          Integer other = applications.putIfAbsent(Names.application(name(), component.name()), i);
          if (other != null) {
            c.add(p + ".name", "\"" + component.name() + "\" gives the same Argo CD Application name as components[" + other + "]");
          }
        }
      }
      if (c.required(p + ".source", component.source())) {
        source(c, p + ".source", component.source());
        component.branch().ifPresent(branch -> {
          if (component.source().chart().isPresent()) {
            c.add(p + ".branch", "a chart from a Helm repository has versions, not branches; set source.targetRevision instead");
          } else if (branch.isBlank() || BAD_REVISION.matcher(branch).find()) {
            c.add(p + ".branch", "\"" + branch + "\" is not a Git branch name");
          }
        });
      }
    }
  }

  private static void source(Checks c, String at, Source s) {
    boolean fromChartRepo = s.chart().isPresent();
    if (c.required(at + ".repoURL", s.repoURL())) {
      String problem = fromChartRepo ? chartRepoProblem(s.repoURL()) : gitUrlProblem(s.repoURL());
      if (problem != null) {
        c.add(at + ".repoURL", "\"" + s.repoURL() + "\" " + problem);
      }
    }
    if (c.required(at + ".targetRevision", s.targetRevision())) {
      if (s.targetRevision().isBlank()) {
        c.add(at + ".targetRevision", "must not be blank");
      } else if (!fromChartRepo && BAD_REVISION.matcher(s.targetRevision()).find()) {
        // chart versions may be semver ranges ("1.2.*", ">=1.0.0 <2.0.0"), so only Git revisions are checked
        c.add(at + ".targetRevision", "\"" + s.targetRevision() + "\" is not a branch, tag or commit SHA");
      }
    }
    if (s.path().isPresent() == fromChartRepo) {
      c.add(at, "give exactly one of path (a chart directory in a Git repository) and chart (a chart name in a Helm repository)");
    }
    s.path().ifPresent(path -> {
      if (path.isBlank() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
        c.add(at + ".path", "\"" + path + "\" is not a directory inside the repository (relative, without '..')");
      }
    });
    s.chart().ifPresent(chart -> {
      if (!CHART_NAME.matcher(chart).matches()) {
        c.add(at + ".chart", "\"" + chart + "\" is not a Helm chart name (lower-case letters, digits, '-', '_' and '.')");
      }
    });
    for (int i = 0; i < s.valueFiles().size(); i++) {
      if (s.valueFiles().get(i).isBlank()) {
        c.add(at + ".valueFiles[" + i + "]", "must not be blank");
      }
    }
    s.values().ifPresent(values -> {
      String problem = yamlMappingProblem(values);
      if (problem != null) {
        c.add(at + ".values", problem);
      }
    });
  }

  private static String gitUrlProblem(String url) {
    if (SCP_GIT_URL.matcher(url).matches()) {
      return null;
    }
    return urlProblem(url, Set.of("https", "ssh"),
        "is not a Git repository URL (https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git)");
  }

  private static String chartRepoProblem(String url) {
    return urlProblem(url, Set.of("https", "oci"), "is not a Helm chart repository URL (https://charts.example.com or oci://registry.example.com/charts)");
  }

  private static String urlProblem(String url, Set<String> schemes, String what) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return what;
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !schemes.contains(scheme) || uri.getHost() == null) {
      return what;
    }
    // an ssh user name is fine; a password or token in the URL would end up in the Application object
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && (!scheme.equals("ssh") || userInfo.contains(":"))) {
      return "must not hold credentials: Argo CD takes them from its repository secrets";
    }
    return null;
  }

  private static String yamlMappingProblem(String yaml) {
    JsonNode node;
    try {
      node = YAML.readTree(yaml);
    } catch (JacksonException e) {
      return "is not valid YAML: " + e.getOriginalMessage();
    }
    if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
      return "must be a YAML mapping of Helm values (key: value), not a " + (node.isArray() ? "list" : "single value");
    }
    return null;
  }

  private static void tls(Checks c, Tls t) {
    if (!c.required("tls.mode", t.mode())) {
      return;
    }
    if (t.mode() == TlsMode.EXISTING) {
      if (t.certificateArn().isEmpty()) {
        c.add("tls.certificateArn", "is required when tls.mode is existing");
      } else if (!ACM_ARN.matcher(t.certificateArn().get()).matches()) {
        c.add("tls.certificateArn", "\"" + t.certificateArn().get()
            + "\" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)");
      }
    } else if (t.certificateArn().isPresent()) {
      c.add("tls.certificateArn", "is only used when tls.mode is existing, not " + t.mode().value());
    }
  }

  private static void dns(Checks c, Dns d) {
    c.hostname("dns.hostedZone", d.hostedZone(), false);
    d.hostedZoneId().ifPresent(id -> {
      if (!HOSTED_ZONE_ID.matcher(id).matches()) {
        c.add("dns.hostedZoneId", "\"" + id + "\" is not a Route53 hosted zone ID (such as Z0123456789ABCDEFGHIJ)");
      }
    });
    if (d.ttl() < Dns.MIN_TTL || d.ttl() > Dns.MAX_TTL) {
      c.add("dns.ttl", d.ttl() + " is out of range: " + Dns.MIN_TTL + " to " + Dns.MAX_TTL + " seconds");
    }
    d.weight().ifPresent(w -> {
      if (w < 0 || w > Dns.MAX_WEIGHT) {
        c.add("dns.weight", w + " is out of range: 0 to " + Dns.MAX_WEIGHT);
      }
      if (d.setIdentifier().isEmpty()) {
        c.add("dns.setIdentifier", "is required when dns.weight is given");
      }
    });
    d.setIdentifier().ifPresent(id -> {
      if (id.isEmpty() || id.length() > 128) {
        c.add("dns.setIdentifier", "must be 1 to 128 characters");
      }
      if (d.weight().isEmpty()) {
        c.add("dns.weight", "is required when dns.setIdentifier is given");
      }
    });
  }

  private static void alb(Checks c, Alb a) {
    c.dnsSubdomain("alb.ingressClassName", a.ingressClassName());
    c.required("alb.scheme", a.scheme());
    a.groupName().ifPresent(g -> {
      if (!GROUP_NAME.matcher(g).matches()) {
        c.add("alb.groupName", "\"" + g + "\" is not an IngressGroup name (at most 63 lower-case letters, digits, '-' and '.')");
      }
    });
    a.loadBalancerName().ifPresent(n -> {
      if (!ALB_NAME.matcher(n).matches()) {
        c.add("alb.loadBalancerName", "\"" + n + "\" is not an ALB name (at most " + Names.LOAD_BALANCER_MAX
            + " letters, digits and '-', not starting or ending with '-')");
      } else if (n.toLowerCase(Locale.ROOT).startsWith("internal-")) {
        c.add("alb.loadBalancerName", "\"" + n + "\" starts with internal-, which AWS reserves");
      }
    });
    if (c.required("alb.healthCheckPath", a.healthCheckPath())
        && (!a.healthCheckPath().startsWith("/") || a.healthCheckPath().length() > 1024 || a.healthCheckPath().matches(".*\\s.*"))) {
      c.add("alb.healthCheckPath", "\"" + a.healthCheckPath() + "\" is not a URL path (starting with '/', at most 1024 characters, no spaces)");
    }
  }

  /** Builds {@link Site}s. */
  public static class Builder extends ImmutableSite.Builder {}
}
