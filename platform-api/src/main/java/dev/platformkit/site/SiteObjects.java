package dev.platformkit.site;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a {@link Site} is made of, as the engine and the stores see them: the {@link Kind}s, and the
 * rendering of the site's Argo CD Applications.
 *
 * <p>Each {@linkplain Component component} becomes one {@code argoproj.io/v1alpha1} Application (why one
 * each: see {@link Site}) named {@link #applicationName}, in {@code site.argocd().namespace()}, labelled with
 * the site's owner marks and {@value #COMPONENT_LABEL}, holding the finalizer {@value #FINALIZER} so that
 * deleting it deletes what Argo CD deployed. Its spec:
 *
 * <ul>
 *   <li>{@code project}: {@link ArgoCd#project()};
 *   <li>{@code source}: the component's repository, {@linkplain Component#revision() revision}, path or
 *       chart, and under {@code helm} its value files and one {@code valuesObject}: the component's inline
 *       values with the site's values ({@link #helmValues}) merged over them;
 *   <li>{@code destination}: the cluster Argo CD runs in ({@value #IN_CLUSTER}), namespace
 *       {@link Site#destinationNamespace()};
 *   <li>{@code syncPolicy}: automated with prune and self-heal unless {@link ArgoCd#autoSync()} is false;
 *       sync options {@code CreateNamespace=false} (the tenant owns its namespaces) and
 *       {@code RespectIgnoreDifferences=true};
 *   <li>{@code ignoreDifferences}: {@code /spec/replicas} of Deployments and StatefulSets, so that a
 *       {@link dev.platformkit.schedule.Schedule} (or an HPA) can scale them without Argo CD scaling them back.
 * </ul>
 *
 * <p>Every Application rendered is valid against the official Argo CD Application CRD schema (tested).
 */
public final class SiteObjects {

  /**
   * Argo CD Applications: body {@code spec} and the finalizers ({@link Kind#FINALIZERS}); reads also return
   * {@code status} ({@code status.health.status}, {@code status.sync.status}), which is never written.
   */
  public static final Kind APPLICATION = Kind.kubernetes("argoproj.io/v1alpha1", "Application", "applications", true,
      "spec", Kind.FINALIZERS).withReadOnly("status");

  /**
   * Ingresses, made by Argo CD from a component's chart and never written by platformkit: read to find the
   * load balancer's host name in {@code status.loadBalancer.ingress[0].hostname}. Found by
   * {@value #INSTANCE_LABEL} = the Application's name in {@link Site#destinationNamespace()}.
   */
  public static final Kind INGRESS = Kind.kubernetes("networking.k8s.io/v1", "Ingress", "ingresses", true, "spec")
      .withReadOnly("status");

  /** ACM certificates (platform-aws), addressed {@code ResourceRef.aws("Certificate", <site>).inScope(<region>)}. */
  public static final Kind CERTIFICATE = Kind.aws("Certificate");

  /** Route53 records (platform-aws), addressed {@code ResourceRef.aws("DnsRecord", "<zone>/<name>/<TYPE>[/<setIdentifier>]")}. */
  public static final Kind DNS_RECORD = Kind.aws("DnsRecord");

  /** The kinds a site owns, in creation order. */
  public static final List<Kind> KINDS = List.of(CERTIFICATE, DNS_RECORD, APPLICATION);

  /** The finalizer on every Application: Argo CD deletes what it deployed before the Application goes. */
  public static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";

  /** The label naming the component an Application deploys. */
  public static final String COMPONENT_LABEL = "platformkit.dev/component";

  /**
   * The label Argo CD's default resource tracking puts on everything an Application deploys, holding the
   * Application's name.
   */
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  /** The API server of the cluster Argo CD runs in, as Argo CD names it. */
  public static final String IN_CLUSTER = "https://kubernetes.default.svc";

  /** ALB ingress annotations the site's values set, in {@code ingress.annotations}. */
  public static final String ALB_ANNOTATION_PREFIX = "alb.ingress.kubernetes.io/";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SiteObjects() {}

  /**
   * The name of a component's Application: site and component name joined with '-', within
   * {@value Names#APPLICATION_MAX} characters ({@link Names#application}), such as {@code shop-api}.
   */
  public static String applicationName(Site site, Component component) {
    return Names.application(site.name(), component.name());
  }

  /** The reference of a component's Application. */
  public static ResourceRef applicationRef(Site site, Component component) {
    return ResourceRef.kubernetes(APPLICATION.name(), site.argocd().namespace(), applicationName(site, component));
  }

  /**
   * The desired Argo CD Applications of the site, one per component in the site's order (see the class
   * documentation). Body: {@code spec} and {@link Kind#FINALIZERS}.
   *
   * @param certificateArn the certificate for the load balancer: the ACM certificate requested for the site
   *     (mode {@code acm}; empty while it does not exist yet), or empty to use the site's own
   *     {@link Tls#certificateArn()} (mode {@code existing})
   * @throws IllegalArgumentException when an ARN is given for a site with TLS mode {@code none}
   */
  public static List<Resource> applications(Site site, Optional<String> certificateArn) {
    Optional<String> arn = certificateArn(site, certificateArn);
    List<Resource> out = new ArrayList<>();
    for (Component component : site.components()) {
      Map<String, String> labels = new LinkedHashMap<>(Marks.LABELS.of(site.owner()));
      labels.put(COMPONENT_LABEL, component.name());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("spec", spec(site, component, arn));
      body.put(Kind.FINALIZERS, Map.of(FINALIZER, true));
      out.add(Resource.desired(applicationRef(site, component), labels, Map.of(), body));
    }
    return out;
  }

  private static Optional<String> certificateArn(Site site, Optional<String> given) {
    if (site.tls().mode() == TlsMode.NONE) {
      if (given.isPresent()) {
        throw new IllegalArgumentException("site " + site.name() + " has tls mode none: no certificate ARN goes in its values");
      }
      return Optional.empty();
    }
    return given.isPresent() ? given : site.tls().certificateArn();
  }

  private static Map<String, Object> spec(Site site, Component component, Optional<String> arn) {
    Source s = component.source();
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", s.repoURL());
    source.put("targetRevision", component.revision());
    s.path().ifPresent(path -> source.put("path", path));
    s.chart().ifPresent(chart -> source.put("chart", chart));
    Map<String, Object> helm = new LinkedHashMap<>();
    if (!s.valueFiles().isEmpty()) {
      helm.put("valueFiles", List.copyOf(s.valueFiles()));
    }
    helm.put("valuesObject", merge(inlineValues(site, component), helmValues(site, component, arn)));
    source.put("helm", helm);

    Map<String, Object> syncPolicy = new LinkedHashMap<>();
    if (site.argocd().autoSync()) {
      Map<String, Object> automated = new LinkedHashMap<>();
      automated.put("prune", true);
      automated.put("selfHeal", true);
      syncPolicy.put("automated", automated);
    }
    syncPolicy.put("syncOptions", List.of("CreateNamespace=false", "RespectIgnoreDifferences=true"));

    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("server", IN_CLUSTER);
    destination.put("namespace", site.destinationNamespace());

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", site.argocd().project());
    spec.put("source", source);
    spec.put("destination", destination);
    spec.put("syncPolicy", syncPolicy);
    // the replica count belongs to Schedules and autoscalers, not to the chart
    spec.put("ignoreDifferences", List.of(replicas("Deployment"), replicas("StatefulSet")));
    return spec;
  }

  private static Map<String, Object> replicas(String kind) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("group", "apps");
    m.put("kind", kind);
    m.put("jsonPointers", List.of("/spec/replicas"));
    return m;
  }

  /**
   * The Helm values the site hands to a component's chart, in the layout of {@code helm create}'s
   * {@code ingress} block, merged over the component's inline values (so a chart made by {@code helm create}
   * serves the site as it is):
   *
   * <pre>{@code
   * ingress:
   *   enabled: true
   *   className: alb                                   # Alb.ingressClassName
   *   annotations:
   *     alb.ingress.kubernetes.io/scheme: internet-facing
   *     alb.ingress.kubernetes.io/group.name: site.shop  # Site.albGroupName(): one ALB for all components
   *     alb.ingress.kubernetes.io/load-balancer-name: shop
   *     alb.ingress.kubernetes.io/healthcheck-path: /healthz
   *     alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:...   # with a certificate only
   *     alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'   # '[{"HTTP": 80}]' without
   *     alb.ingress.kubernetes.io/ssl-redirect: '443'                 # with a certificate only
   *   hosts:                                            # every host of the site
   *     - host: shop.example.com
   *       paths: [{path: /, pathType: Prefix}]
   * }</pre>
   *
   * <p>The paths of each host are those of the first {@code ingress.hosts} entry of the component's inline
   * values when it has some (an API component serving {@code /api}), else {@code /} as a prefix. Annotations of
   * the inline values that the site does not set are kept.
   *
   * @param certificateArn the certificate's ARN, or empty for HTTP only
   */
  public static Map<String, Object> helmValues(Site site, Component component, Optional<String> certificateArn) {
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(ALB_ANNOTATION_PREFIX + "scheme", site.alb().scheme().value());
    annotations.put(ALB_ANNOTATION_PREFIX + "group.name", site.albGroupName());
    annotations.put(ALB_ANNOTATION_PREFIX + "load-balancer-name", site.loadBalancerName());
    annotations.put(ALB_ANNOTATION_PREFIX + "healthcheck-path", site.alb().healthCheckPath());
    if (certificateArn.isPresent()) {
      annotations.put(ALB_ANNOTATION_PREFIX + "certificate-arn", certificateArn.get());
      annotations.put(ALB_ANNOTATION_PREFIX + "listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]");
      annotations.put(ALB_ANNOTATION_PREFIX + "ssl-redirect", "443");
    } else {
      annotations.put(ALB_ANNOTATION_PREFIX + "listen-ports", "[{\"HTTP\": 80}]");
    }
    Object paths = userPaths(inlineValues(site, component));
    List<Object> hosts = new ArrayList<>();
    for (String host : site.hosts()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("host", host);
      entry.put("paths", paths);
      hosts.add(entry);
    }
    Map<String, Object> ingress = new LinkedHashMap<>();
    ingress.put("enabled", true);
    ingress.put("className", site.alb().ingressClassName());
    ingress.put("annotations", annotations);
    ingress.put("hosts", hosts);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ingress", ingress);
    return values;
  }

  private static Object userPaths(Map<String, Object> inline) {
    if (inline.get("ingress") instanceof Map<?, ?> ingress && ingress.get("hosts") instanceof List<?> hosts
        && !hosts.isEmpty() && hosts.get(0) instanceof Map<?, ?> first && first.get("paths") instanceof List<?> paths
        && !paths.isEmpty()) {
      return paths;
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("path", "/");
    root.put("pathType", "Prefix");
    return List.of(root);
  }

  private static Map<String, Object> inlineValues(Site site, Component component) {
    Optional<String> yaml = component.source().values();
    if (yaml.isEmpty() || yaml.get().isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Object> values = YAML.readValue(yaml.get(), new TypeReference<LinkedHashMap<String, Object>>() {});
      return values == null ? Map.of() : values;
    } catch (JacksonException e) {
      // Site.check has accepted the values as a YAML mapping, so this does not happen
      throw new IllegalStateException("site " + site.name() + " component " + component.name()
          + ": source.values is not a YAML mapping: " + e.getOriginalMessage(), e);
    }
  }

  // the site's values win; maps merge key by key, everything else is replaced
  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    over.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m && out.get(k) instanceof Map<?, ?> b) {
        out.put(k, merge((Map<String, Object>) b, (Map<String, Object>) m));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }
}
