package dev.platformkit.k8s;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.platformkit.k8s.internal.ControllerImages;
import dev.platformkit.k8s.internal.DeprecatedApiMetric;
import dev.platformkit.k8s.internal.HelmReleases;
import dev.platformkit.upgrade.DeprecatedApi;
import dev.platformkit.upgrade.DeprecatedApis;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.Inventory.ApiUsage;
import dev.platformkit.upgrade.Inventory.ControllerVersion;
import dev.platformkit.upgrade.Inventory.NodeVersion;
import dev.platformkit.upgrade.Inventory.Origin;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.ManifestScanner;
import dev.platformkit.upgrade.ScanProblem;
import dev.platformkit.upgrade.ScanResult;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Takes the upgrade {@link Inventory} of a live cluster, read-only:
 * <ul>
 *   <li>the control plane version ({@code /version});</li>
 *   <li>the API versions objects were <em>written</em> with: the API server returns every object at its
 *       preferred version, so the version used is read from the
 *       {@code kubectl.kubernetes.io/last-applied-configuration} annotation (kinds that have a deprecated
 *       version in {@link DeprecatedApis}, found through discovery, listed page by page) and from the
 *       manifests (and hook manifests) of every deployed Helm 3 release (Secrets of type
 *       {@code helm.sh/release.v1}, decoded and scanned like files);</li>
 *   <li>the {@code apiserver_requested_deprecated_apis} metric: deprecated versions some client still
 *       requests (the API server process's view since it started);</li>
 *   <li>node kubelet versions, with the managed node group from label {@code eks.amazonaws.com/nodegroup};</li>
 *   <li>installed controllers recognised by image (AWS Load Balancer Controller, Argo CD, VPC CNI, CoreDNS,
 *       kube-proxy, EBS CSI driver), with the version from the image tag.</li>
 * </ul>
 * Node group versions and EKS add-ons come from EKS, not from here. What cannot be read (a forbidden list,
 * a release that does not decode, an image without a version tag) becomes a {@link ScanProblem} and the
 * scan goes on. Every list is paged ({@code limit}/{@code continue}) and only findings are kept, so memory
 * is bounded by one page and the findings, not by the cluster's size.
 *
 * <pre>{@code
 * ScanResult result = ClusterScanner.create(client).scan();
 * Inventory inventory = result.inventory();
 * }</pre>
 */
public final class ClusterScanner {
  /** Objects per list request unless told otherwise. */
  public static final int DEFAULT_PAGE_SIZE = 500;
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final String NODEGROUP_LABEL = "eks.amazonaws.com/nodegroup";
  static final String HELM_RELEASE_TYPE = "helm.sh/release.v1";
  // Events are written by controllers by the thousand and never applied; listing them would dominate the scan
  private static final Set<String> NOT_LISTED = Set.of("Event");
  private static final JsonFactory JSON = new JsonFactory();

  private final KubernetesClient client;
  private final DeprecatedApis catalogue;
  private final ManifestScanner manifests;
  private final int pageSize;

  private ClusterScanner(KubernetesClient client, DeprecatedApis catalogue, int pageSize) {
    this.client = Objects.requireNonNull(client, "client");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    this.manifests = ManifestScanner.create(catalogue);
    this.pageSize = pageSize;
  }

  /** A scanner of the cluster {@code client} talks to, with the bundled catalogue and pages of {@value #DEFAULT_PAGE_SIZE}. */
  public static ClusterScanner create(KubernetesClient client) {
    return new ClusterScanner(client, DeprecatedApis.bundled(), DEFAULT_PAGE_SIZE);
  }

  /**
   * A scanner with its own catalogue and page size.
   *
   * @throws IllegalArgumentException when {@code pageSize} is below 1
   */
  public static ClusterScanner create(KubernetesClient client, DeprecatedApis catalogue, int pageSize) {
    return new ClusterScanner(client, catalogue, pageSize);
  }

  /** Scans everything and returns the inventory with every API usage found. */
  public ScanResult scan() {
    List<ApiUsage> usages = new ArrayList<>();
    ScanResult result = scan(usages::add);
    Inventory i = result.inventory();
    return new ScanResult(new Inventory(i.controlPlane(), usages, i.nodes(), i.nodeGroups(), i.addOns(), i.controllers()),
        result.problems(), result.objects());
  }

  /**
   * Scans everything, handing each API usage to {@code usages} as it is found; the returned inventory holds
   * the rest (control plane, nodes, controllers) but no API usages.
   */
  public ScanResult scan(Consumer<? super ApiUsage> usages) {
    Objects.requireNonNull(usages, "usages");
    Run run = new Run(usages);
    Optional<KubernetesVersion> controlPlane = run.controlPlane();
    run.lastApplied();
    run.helmReleases();
    run.metric();
    List<NodeVersion> nodes = run.nodes();
    List<ControllerVersion> controllers = run.controllers();
    return new ScanResult(new Inventory(controlPlane, List.of(), nodes, List.of(), List.of(), controllers), run.problems, run.objects);
  }

  /** One scan's state: problems and counts. */
  private final class Run {
    final Consumer<? super ApiUsage> usages;
    final List<ScanProblem> problems = new ArrayList<>();
    long objects;

    Run(Consumer<? super ApiUsage> usages) {
      this.usages = usages;
    }

    Optional<KubernetesVersion> controlPlane() {
      try {
        VersionInfo version = client.getKubernetesVersion();
        if (version == null || version.getGitVersion() == null) {
          problems.add(new ScanProblem("/version", "the API server did not say its version"));
          return Optional.empty();
        }
        return Optional.of(KubernetesVersion.parse(version.getGitVersion()));
      } catch (KubernetesClientException e) {
        problems.add(problem("/version", e));
      } catch (IllegalArgumentException e) {
        problems.add(new ScanProblem("/version", e.getMessage()));
      }
      return Optional.empty();
    }

    // --- last-applied-configuration

    void lastApplied() {
      for (ResourceDefinitionContext type : listableKinds()) {
        String what = type.getPlural() + (type.getGroup().isEmpty() ? "" : "." + type.getGroup());
        pages(what, options -> {
          var op = client.genericKubernetesResources(type);
          return type.isNamespaceScoped() ? op.inAnyNamespace().list(options) : op.list(options);
        }, (GenericKubernetesResource o) -> {
          objects++;
          Map<String, String> annotations = o.getMetadata().getAnnotations();
          String applied = annotations == null ? null : annotations.get(LAST_APPLIED);
          if (applied != null) {
            lastAppliedOf(o, applied);
          }
        });
      }
    }

    private void lastAppliedOf(HasMetadata o, String applied) {
      String[] used;
      try {
        used = apiVersionAndKind(applied);
      } catch (IOException e) {
        problems.add(new ScanProblem(o.getKind() + " " + ref(o), "the " + LAST_APPLIED + " annotation is not JSON: " + oneLine(e)));
        return;
      }
      if (used[0] != null && used[1] != null && catalogue.lookup(used[0], used[1]).isPresent()) {
        usages.accept(new ApiUsage(used[0], used[1], o.getMetadata().getNamespace(), o.getMetadata().getName(), Origin.LAST_APPLIED,
            "last-applied of " + used[1] + " " + ref(o)));
      }
    }

    /**
     * One kind per catalogue kind, at the served group the API server prefers: the replacement's group
     * first (where the objects live today), else the deprecated group while it is still served.
     */
    List<ResourceDefinitionContext> listableKinds() {
      Map<String, List<String>> groupsByKind = new LinkedHashMap<>();
      for (DeprecatedApi row : catalogue.all()) {
        row.replacement().ifPresent(r -> add(groupsByKind, row.kind(), groupOf(r)));
      }
      for (DeprecatedApi row : catalogue.all()) {
        add(groupsByKind, row.kind(), row.group());
      }
      APIGroupList served;
      try {
        served = client.getApiGroups();
      } catch (KubernetesClientException e) {
        problems.add(problem("/apis", e));
        return List.of();
      }
      Map<String, String> preferred = new LinkedHashMap<>();
      if (served != null && served.getGroups() != null) {
        for (APIGroup g : served.getGroups()) {
          if (g.getPreferredVersion() != null) {
            preferred.put(g.getName(), g.getPreferredVersion().getGroupVersion());
          }
        }
      }
      Map<String, Optional<APIResourceList>> discovered = new LinkedHashMap<>();
      List<ResourceDefinitionContext> out = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (Map.Entry<String, List<String>> e : groupsByKind.entrySet()) {
        String kind = e.getKey();
        if (NOT_LISTED.contains(kind)) {
          continue;
        }
        for (String group : e.getValue()) {
          String groupVersion = preferred.get(group);
          if (groupVersion == null) {
            continue;
          }
          Optional<APIResource> resource = discovered.computeIfAbsent(groupVersion, this::resources)
              .flatMap(list -> list.getResources().stream()
                  .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/") && r.getVerbs() != null && r.getVerbs().contains("list"))
                  .findFirst());
          if (resource.isPresent()) {
            if (seen.add(groupVersion + " " + resource.get().getName())) {
              out.add(ResourceDefinitionContext.fromApiResource(groupVersion, resource.get()));
            }
            break;
          }
        }
      }
      return out;
    }

    private Optional<APIResourceList> resources(String groupVersion) {
      try {
        return Optional.ofNullable(client.getApiResources(groupVersion));
      } catch (KubernetesClientException e) {
        problems.add(problem("/apis/" + groupVersion, e));
        return Optional.empty();
      }
    }

    // --- Helm releases

    void helmReleases() {
      pages("secrets (Helm releases)", options -> client.secrets().inAnyNamespace().withLabel("owner", "helm").list(options),
          (Secret s) -> {
            if (!HELM_RELEASE_TYPE.equals(s.getType())) {
              return;
            }
            Map<String, String> labels = s.getMetadata().getLabels();
            // the status label saves decoding superseded revisions; the release's own status decides
            if (labels != null && labels.containsKey("status") && !"deployed".equals(labels.get("status"))) {
              return;
            }
            String data = s.getData() == null ? null : s.getData().get("release");
            String where = "secret " + ref(s);
            if (data == null) {
              problems.add(new ScanProblem(where, "a Helm release secret without data.release"));
              return;
            }
            HelmReleases.Release release;
            try {
              release = HelmReleases.decodeSecretData(data);
            } catch (IllegalArgumentException e) {
              problems.add(new ScanProblem(where, "not a readable Helm release: " + e.getMessage()));
              return;
            }
            if (!"deployed".equals(release.status())) {
              return;
            }
            String namespace = release.namespace() != null ? release.namespace() : s.getMetadata().getNamespace();
            String name = "helm release " + namespace + "/" + release.name() + " revision " + release.version();
            objects += scanManifest(name, release.manifest(), null);
            for (HelmReleases.Hook hook : release.hooks()) {
              objects += scanManifest(name, hook.manifest(), hook.path());
            }
          });
    }

    private long scanManifest(String release, String manifest, String hookPath) {
      ManifestScanner.Locator locator = (line, source) -> {
        String template = source != null ? withoutChartName(source) : hookPath != null ? hookPath : null;
        return release + (template == null ? "" : " (" + (hookPath != null ? "hook " : "") + template + ")");
      };
      ScanResult result = manifests.scan(release, new StringReader(manifest), Origin.HELM_RELEASE, locator, usages);
      problems.addAll(result.problems());
      return result.objects();
    }

    // --- the metric

    void metric() {
      String exposition;
      try {
        exposition = client.raw("/metrics");
      } catch (KubernetesClientException e) {
        problems.add(problem("/metrics", e));
        return;
      }
      if (exposition == null) {
        problems.add(new ScanProblem("/metrics", "the API server serves no metrics"));
        return;
      }
      try {
        for (DeprecatedApiMetric.Series s : DeprecatedApiMetric.read(new StringReader(exposition))) {
          String kind = kindOf(s.apiVersion(), s.resource());
          usages.accept(new ApiUsage(s.apiVersion(), kind, null, null, Origin.METRIC, DeprecatedApiMetric.NAME + "{resource=" + s.resource()
              + (s.subresource().isEmpty() ? "" : ", subresource=" + s.subresource())
              + (s.removedRelease().isEmpty() ? "" : ", removed_release=" + s.removedRelease()) + "}"));
        }
      } catch (IOException e) {
        problems.add(new ScanProblem("/metrics", "cannot read: " + e.getMessage()));
      }
    }

    /** The catalogue's kind whose plural is {@code resource}, else the resource itself. */
    private String kindOf(String apiVersion, String resource) {
      for (DeprecatedApi row : catalogue.all()) {
        if (row.apiVersion().equals(apiVersion) && plural(row.kind()).equals(resource)) {
          return row.kind();
        }
      }
      return resource;
    }

    // --- nodes and controllers

    List<NodeVersion> nodes() {
      List<NodeVersion> out = new ArrayList<>();
      pages("nodes", options -> client.nodes().list(options), (Node n) -> {
        String kubelet = n.getStatus() == null || n.getStatus().getNodeInfo() == null ? null : n.getStatus().getNodeInfo().getKubeletVersion();
        try {
          Map<String, String> labels = n.getMetadata().getLabels();
          out.add(new NodeVersion(n.getMetadata().getName(), labels == null ? null : labels.get(NODEGROUP_LABEL), KubernetesVersion.parse(kubelet)));
        } catch (IllegalArgumentException e) {
          problems.add(new ScanProblem("node " + n.getMetadata().getName(), "kubelet version: " + e.getMessage()));
        }
      });
      return out;
    }

    List<ControllerVersion> controllers() {
      Set<ControllerVersion> found = new LinkedHashSet<>();
      pages("deployments.apps", options -> client.apps().deployments().inAnyNamespace().list(options),
          d -> images("Deployment", d, d.getSpec() == null ? null : d.getSpec().getTemplate(), found));
      pages("daemonsets.apps", options -> client.apps().daemonSets().inAnyNamespace().list(options),
          d -> images("DaemonSet", d, d.getSpec() == null ? null : d.getSpec().getTemplate(), found));
      pages("statefulsets.apps", options -> client.apps().statefulSets().inAnyNamespace().list(options),
          s -> images("StatefulSet", s, s.getSpec() == null ? null : s.getSpec().getTemplate(), found));
      return List.copyOf(found);
    }

    private void images(String kind, HasMetadata workload, PodTemplateSpec template, Set<ControllerVersion> found) {
      PodSpec spec = template == null ? null : template.getSpec();
      if (spec == null || spec.getContainers() == null) {
        return;
      }
      for (Container c : spec.getContainers()) {
        ControllerImages.match(c.getImage()).ifPresent(m -> {
          if (m.version() == null) {
            problems.add(new ScanProblem(kind + " " + ref(workload), "runs " + m.controller() + " from image " + c.getImage()
                + " whose tag is not a version"));
          } else {
            found.add(new ControllerVersion(m.controller(), m.version(), c.getImage()));
          }
        });
      }
    }

    // --- paging

    private <T extends HasMetadata, L extends KubernetesResourceList<T>> void pages(String what, Function<ListOptions, L> list, Consumer<T> each) {
      String token = null;
      do {
        L page;
        try {
          page = list.apply(new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token).build());
        } catch (KubernetesClientException e) {
          problems.add(problem("list " + what, e));
          return;
        }
        for (T item : page.getItems()) {
          each.accept(item);
        }
        token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
      } while (token != null && !token.isEmpty());
    }
  }

  /** Jackson's message without the location it appends on a second line. */
  static String oneLine(IOException e) {
    String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse(m);
  }

  private static ScanProblem problem(String where, KubernetesClientException e) {
    String reason = e.getCode() == 403 ? "forbidden (403)" : e.getCode() == 404 ? "not found (404)" : e.getCode() > 0 ? "HTTP " + e.getCode() : "failed";
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    return new ScanProblem(where, reason + ": " + message);
  }

  private static String ref(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return (ns == null || ns.isEmpty() ? "" : ns + "/") + o.getMetadata().getName();
  }

  private static void add(Map<String, List<String>> groupsByKind, String kind, String group) {
    List<String> groups = groupsByKind.computeIfAbsent(kind, k -> new ArrayList<>());
    if (!groups.contains(group)) {
      groups.add(group);
    }
  }

  private static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** {@code shop/templates/ingress.yaml} -> {@code templates/ingress.yaml}: the chart's name is the release's. */
  static String withoutChartName(String source) {
    int slash = source.indexOf('/');
    return slash < 0 ? source : source.substring(slash + 1);
  }

  /** The resource name Kubernetes gives a kind: Ingress -> ingresses, PodSecurityPolicy -> podsecuritypolicies. */
  static String plural(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch") || k.endsWith("sh")) {
      return k + "es";
    }
    if (k.endsWith("y") && k.length() > 1 && "aeiou".indexOf(k.charAt(k.length() - 2)) < 0) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    return k + "s";
  }

  /** apiVersion and kind of a JSON object's top level, the rest skipped. */
  static String[] apiVersionAndKind(String json) throws IOException {
    String[] out = new String[2];
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING && field.equals("apiVersion")) {
          out[0] = p.getText();
        } else if (value == JsonToken.VALUE_STRING && field.equals("kind")) {
          out[1] = p.getText();
        } else {
          p.skipChildren();
        }
      }
    }
    return out;
  }
}
