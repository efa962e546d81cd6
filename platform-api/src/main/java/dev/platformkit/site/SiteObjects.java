package dev.platformkit.site;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PROVISIONAL copy (site-engine branch) of site-model's {@code SiteObjects}, with the signatures of the design
 * note, so that the engine compiles before site-model lands; deleted when site-model is merged.
 *
 * <p>The kinds a {@link Site} is made of, and the rendering of its Argo CD Applications.
 */
public final class SiteObjects {
  /** An Argo CD Application (status is read, never written). */
  public static final Kind APPLICATION = Kind.kubernetes("argoproj.io/v1alpha1", "Application", "applications", true, "spec", "status");
  /** The Ingress Argo CD deploys from the chart (read only). */
  public static final Kind INGRESS = Kind.kubernetes("networking.k8s.io/v1", "Ingress", "ingresses", true, "spec", "status");
  /** An ACM certificate. */
  public static final Kind CERTIFICATE = Kind.aws("Certificate");
  /** A Route53 record. */
  public static final Kind DNS_RECORD = Kind.aws("DnsRecord");
  /** What a site writes, in creation order. */
  public static final List<Kind> KINDS = List.of(CERTIFICATE, DNS_RECORD, APPLICATION);
  /** The label naming the component of an Application. */
  public static final String COMPONENT_LABEL = "platformkit.dev/component";

  private SiteObjects() {}

  /** The desired Applications of {@code site}, one per component, with the certificate ARN when there is one. */
  public static List<Resource> applications(Site site, Optional<String> certificateArn) {
    Map<String, String> labels = new LinkedHashMap<>(Marks.LABELS.of(site.owner()));
    labels.put(COMPONENT_LABEL, "main");
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("alb.ingress.kubernetes.io/group.name", site.alb().groupName().orElse(Names.albGroup(site.name())));
    annotations.put("alb.ingress.kubernetes.io/load-balancer-name", site.loadBalancerName());
    annotations.put("alb.ingress.kubernetes.io/scheme", site.alb().scheme().value());
    annotations.put("alb.ingress.kubernetes.io/healthcheck-path", site.alb().healthCheckPath());
    certificateArn.ifPresent(arn -> annotations.put("alb.ingress.kubernetes.io/certificate-arn", arn));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ingress", Map.of("hosts", site.hosts(), "annotations", annotations, "className", site.alb().ingressClassName()));
    Map<String, Object> helm = new LinkedHashMap<>();
    helm.put("valueFiles", site.source().valueFiles());
    helm.put("valuesObject", values);
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", site.source().repoURL());
    source.put("targetRevision", site.source().targetRevision());
    site.source().path().ifPresent(p -> source.put("path", p));
    site.source().chart().ifPresent(c -> source.put("chart", c));
    source.put("helm", helm);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", site.argocd().project());
    spec.put("source", source);
    spec.put("destination", Map.of("server", "https://kubernetes.default.svc", "namespace", site.destinationNamespace()));
    if (site.argocd().autoSync()) {
      spec.put("syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true)));
    }
    return List.of(Resource.desired(ResourceRef.kubernetes("Application", site.argocd().namespace(), Names.application(site.name())),
        labels, Map.of(), Map.of("spec", spec)));
  }
}
