package dev.platformkit.k8s.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.dsl.internal.BaseOperation;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes Kubernetes API objects of any declared {@link Kind} as generic resources. */
public final class ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The namespaced kinds counted in a namespace about to be deleted when the API server's discovery
   * cannot be read (forbidden, or a server without it): workloads, their pods and jobs, services,
   * ingresses, storage claims, configuration, identities and policies.
   */
  static final List<ResourceDefinitionContext> DOCUMENTED_CONTENTS = List.of(
      context("apps/v1", "Deployment", "deployments"),
      context("apps/v1", "StatefulSet", "statefulsets"),
      context("apps/v1", "DaemonSet", "daemonsets"),
      context("apps/v1", "ReplicaSet", "replicasets"),
      context("batch/v1", "Job", "jobs"),
      context("batch/v1", "CronJob", "cronjobs"),
      context("v1", "Pod", "pods"),
      context("v1", "Service", "services"),
      context("networking.k8s.io/v1", "Ingress", "ingresses"),
      context("v1", "PersistentVolumeClaim", "persistentvolumeclaims"),
      context("v1", "ConfigMap", "configmaps"),
      context("v1", "Secret", "secrets"),
      context("v1", "ServiceAccount", "serviceaccounts"),
      context("rbac.authorization.k8s.io/v1", "Role", "roles"),
      context("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings"),
      context("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies"),
      context("v1", "ResourceQuota", "resourcequotas"),
      context("v1", "LimitRange", "limitranges"),
      context("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers"),
      context("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets"));

  private final KubernetesClient client;
  private volatile List<ResourceDefinitionContext> namespacedKinds; // discovered once per store

  /** A store over the user's client. */
  public ObjectStore(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * One cluster-wide list request with an equality label selector; objects being deleted are left out.
   * The request is fabric8's own (URL, authentication, retries, timeout, errors); its answer is decoded by
   * {@link ListDecoder} rather than into fabric8 objects, which cost most of a large plan's time.
   */
  public List<Resource> list(Kind kind, Map<String, String> selector) {
    return list(kind, null, selector);
  }

  /** One list request in {@code namespace} (all when null) with an equality label selector. */
  public List<Resource> list(Kind kind, String namespace, Map<String, String> selector) {
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, ?> op = ops(kind);
    BaseOperation<?, ?, ?> list = (BaseOperation<?, ?, ?>) (!kind.namespaced() ? op
        : namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace));
    byte[] body;
    try {
      body = fetch(list, selector);
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "list of " + kind.name() + (namespace == null ? "" : " in namespace " + namespace) + " " + selector);
    }
    try {
      return ListDecoder.decode(kind, body);
    } catch (IOException e) {
      throw Errors.map(new KubernetesClientException("cannot decode the answer: " + e.getMessage(), e),
          "list of " + kind.name() + " " + selector);
    }
  }

  // the GET that fabric8's list() sends, answered as bytes
  private byte[] fetch(BaseOperation<?, ?, ?> list, Map<String, String> selector) {
    HttpClient http = client.getHttpClient();
    HttpRequest request;
    try {
      StringJoiner labels = new StringJoiner(",");
      selector.forEach((k, v) -> labels.add(k + "=" + v));
      ListOptions options = new ListOptions();
      options.setLabelSelector(selector.isEmpty() ? null : labels.toString());
      URL url = list.appendListOptionParams(list.getNamespacedUrl(), options);
      HttpRequest.Builder builder = http.newHttpRequestBuilder().url(url);
      int timeout = client.getConfiguration().getRequestTimeout();
      if (timeout > 0) {
        builder.timeout(timeout, TimeUnit.MILLISECONDS);
      }
      request = builder.build();
    } catch (MalformedURLException e) {
      throw KubernetesClientException.launderThrowable(list.forOperationType("list"), e);
    }
    try {
      HttpResponse<byte[]> response = http.sendAsync(request, byte[].class).get();
      if (!response.isSuccessful()) {
        throw OperationSupport.requestFailure(request,
            OperationSupport.createStatus(response, client.getKubernetesSerialization()));
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KubernetesClientException.launderThrowable(list.forOperationType("list"), e);
    } catch (ExecutionException e) {
      throw KubernetesClientException.launderThrowable(list.forOperationType("list"), e.getCause());
    }
  }

  /** One GET; empty when the object does not exist or is being deleted. */
  public Optional<Resource> get(Kind kind, ResourceRef ref) {
    return read(kind, ref).filter(o -> o.getMetadata().getDeletionTimestamp() == null).map(o -> toResource(kind, o));
  }

  /** One GET of the namespace: why nothing can be created in it now, when it is being deleted. */
  public Optional<String> blockedNamespace(String namespace) {
    try {
      return Optional.ofNullable(client.namespaces().withName(namespace).get())
          .map(ns -> ns.getMetadata().getDeletionTimestamp())
          .map(since -> "namespace " + namespace + " is still being deleted (Terminating since " + since + ")");
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "read of Namespace " + namespace);
    }
  }

  /**
   * The objects in {@code namespace} that platformkit does not own and that nothing else owns either (no
   * {@code ownerReferences}: a Deployment counts, its ReplicaSets and Pods do not), counted by kind. Kinds
   * come from API discovery (namespaced resources that can be listed, at their group's preferred version,
   * custom resources included, as {@code kubectl api-resources --namespaced --verbs=list} shows them);
   * when discovery cannot be read, from {@link #DOCUMENTED_CONTENTS}. Left out: Events, Endpoints and
   * {@code metrics.k8s.io} (records and mirrors the system keeps, not content), and what Kubernetes puts in
   * every namespace: ConfigMap
   * {@code kube-root-ca.crt}, ServiceAccount {@code default} and its token Secret.
   */
  public Map<String, Integer> foreignContents(String namespace, Marks marks) {
    Map<String, Integer> counts = new TreeMap<>();
    for (ResourceDefinitionContext kind : namespacedKinds()) {
      GenericKubernetesResourceList list;
      try {
        list = client.genericKubernetesResources(kind).inNamespace(namespace).list();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404 || e.getCode() == 405) {
          continue; // a kind the server does not serve after all
        }
        throw Errors.map(e, "list of " + kind.getKind() + " in namespace " + namespace);
      }
      for (GenericKubernetesResource item : list.getItems()) {
        ObjectMeta meta = item.getMetadata();
        boolean ours = marks.owner(orEmpty(meta.getLabels())).isPresent();
        boolean owned = meta.getOwnerReferences() != null && !meta.getOwnerReferences().isEmpty();
        if (!ours && !owned && !isSystem(kind.getKind(), item)) {
          counts.merge(kind.getKind(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  private static boolean isSystem(String kind, GenericKubernetesResource item) {
    String name = item.getMetadata().getName();
    return switch (kind) {
      case "ConfigMap" -> name.equals("kube-root-ca.crt");
      case "ServiceAccount" -> name.equals("default");
      case "Secret" -> "kubernetes.io/service-account-token".equals(item.getAdditionalProperties().get("type"))
          && "default".equals(orEmpty(item.getMetadata().getAnnotations()).get("kubernetes.io/service-account.name"));
      default -> false;
    };
  }

  private List<ResourceDefinitionContext> namespacedKinds() {
    List<ResourceDefinitionContext> kinds = namespacedKinds;
    if (kinds == null) {
      kinds = discover().orElse(DOCUMENTED_CONTENTS);
      namespacedKinds = kinds;
    }
    return kinds;
  }

  // what `kubectl api-resources --namespaced --verbs=list` lists: core v1 and each group's preferred version
  private Optional<List<ResourceDefinitionContext>> discover() {
    try {
      List<ResourceDefinitionContext> out = new ArrayList<>();
      APIResourceList core = client.getApiResources("v1");
      APIGroupList groups = client.getApiGroups();
      if (core == null || groups == null) {
        return Optional.empty();
      }
      addListable("v1", core, out);
      for (APIGroup group : groups.getGroups()) {
        String groupVersion = group.getPreferredVersion() != null ? group.getPreferredVersion().getGroupVersion()
            : group.getVersions().get(0).getGroupVersion();
        APIResourceList resources = client.getApiResources(groupVersion);
        if (resources != null) {
          addListable(groupVersion, resources, out);
        }
      }
      return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
    } catch (KubernetesClientException e) {
      LOG.debug("API discovery failed ({}); counting the documented kinds", e.getMessage());
      return Optional.empty();
    }
  }

  private static void addListable(String groupVersion, APIResourceList list, List<ResourceDefinitionContext> out) {
    for (APIResource r : list.getResources()) {
      boolean subresource = r.getName().contains("/");
      // records and mirrors the system keeps, not content: events, a Service's endpoints, live metrics
      boolean generated = r.getName().equals("events") || (groupVersion.equals("v1") && r.getName().equals("endpoints"))
          || groupVersion.startsWith("metrics.k8s.io/");
      if (Boolean.TRUE.equals(r.getNamespaced()) && !subresource && !generated && r.getVerbs() != null
          && r.getVerbs().contains("list")) {
        out.add(context(groupVersion, r.getKind(), r.getName()));
      }
    }
  }

  /** POST of the object; a {@link dev.platformkit.ConflictException} when it exists already. */
  public void create(Kind kind, Resource desired) {
    ResourceRef ref = desired.ref();
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(kind.apiVersion());
    object.setKind(kind.name());
    object.setMetadata(new ObjectMetaBuilder().withName(ref.name()).withNamespace(ref.namespace())
        .withLabels(new LinkedHashMap<>(desired.labels())).withAnnotations(new LinkedHashMap<>(desired.annotations()))
        .build());
    kind.writable(desired.body()).forEach((field, value) -> {
      if (field.equals(Kind.FINALIZERS)) {
        List<String> finalizers = finalizers(Map.of(), value);
        object.getMetadata().setFinalizers(finalizers.isEmpty() ? null : finalizers);
      } else {
        object.setAdditionalProperty(field, value);
      }
    });
    LOG.debug("create {}", ref);
    try {
      if (kind.namespaced()) {
        ops(kind).inNamespace(ref.namespace()).resource(object).create();
      } else {
        ops(kind).resource(object).create();
      }
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "create of " + ref);
    }
  }

  /**
   * One JSON merge patch (RFC 7386) of the owned labels, annotations and body paths, carrying the
   * resource version read: the API server answers 409 Conflict when the object changed since, which is a
   * {@link dev.platformkit.ConflictException}. Nothing else on the object is touched.
   */
  public void update(Kind kind, Resource current, ResourceUpdate update) {
    ResourceRef ref = current.ref();
    String patch;
    try {
      patch = JSON.writeValueAsString(mergePatch(kind, current, update));
    } catch (JsonProcessingException e) {
      throw new PlatformException("cannot write the patch of " + ref + ": " + e.getMessage(), e, false);
    }
    LOG.debug("patch {}: {}", ref, patch);
    try {
      // given an item, fabric8 patches without reading the object first
      named(kind, ref).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "update of " + ref);
    }
  }

  /**
   * The merge patch of an update: metadata (version, labels, annotations; null removes; the whole finalizer
   * list when the update changes it, which the version makes safe) and the body patch without read-only
   * fields.
   */
  static Map<String, Object> mergePatch(Kind kind, Resource current, ResourceUpdate update) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (current.version() != null) {
      metadata.put("resourceVersion", current.version());
    }
    Map<String, Object> labels = keyed(update.setLabels(), update.removeLabels());
    if (!labels.isEmpty()) {
      metadata.put("labels", labels);
    }
    Map<String, Object> annotations = keyed(update.setAnnotations(), update.removeAnnotations());
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("metadata", metadata);
    kind.writable(update.body()).forEach((field, value) -> {
      if (field.equals(Kind.FINALIZERS)) {
        // a merge patch replaces lists whole: the list is the live one with ours added and removed
        List<String> finalizers = finalizers(current.body().get(Kind.FINALIZERS), value);
        metadata.put("finalizers", finalizers.isEmpty() ? null : finalizers);
      } else {
        patch.put(field, value);
      }
    });
    return patch;
  }

  /**
   * The finalizer list after the set patch {@code patch} (finalizer to true, or to null to remove; null
   * removes all) on the set {@code live} (finalizer to true, as read), keeping the live order.
   */
  static List<String> finalizers(Object live, Object patch) {
    List<String> out = new ArrayList<>();
    if (live instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> out.add(k.toString()));
    }
    if (patch == null) {
      return List.of();
    }
    if (!(patch instanceof Map<?, ?> set)) {
      throw new PlatformException(Kind.FINALIZERS + " must be a map from finalizer to true, not " + patch, null, false);
    }
    set.forEach((k, v) -> {
      String finalizer = k.toString();
      if (v == null || Boolean.FALSE.equals(v)) {
        out.remove(finalizer);
      } else if (!out.contains(finalizer)) {
        out.add(finalizer);
      }
    });
    return out;
  }

  /** The finalizers of an object as the body holds them: a map from each to true, in the object's order. */
  static Map<String, Object> finalizerSet(List<String> finalizers) {
    Map<String, Object> set = new LinkedHashMap<>();
    finalizers.forEach(f -> set.put(f, Boolean.TRUE));
    return set;
  }

  private static Map<String, Object> keyed(Map<String, String> set, java.util.Set<String> remove) {
    Map<String, Object> out = new LinkedHashMap<>();
    remove.forEach(k -> out.put(k, null));
    out.putAll(set);
    return out;
  }

  /**
   * DELETE, conditional on the version read; nothing when the object is gone. A Namespace that is already
   * terminating answers 409 to a second delete: its deletion is under way, which is all we ask.
   */
  public void delete(Kind kind, Resource current) {
    ResourceRef ref = current.ref();
    LOG.debug("delete {} at version {}", ref, current.version());
    try {
      var resource = resource(kind, ref);
      if (current.version() != null) {
        resource.lockResourceVersion(current.version()).delete();
      } else {
        resource.delete();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        Optional<GenericKubernetesResource> now = read(kind, ref);
        if (now.isEmpty() || now.get().getMetadata().getDeletionTimestamp() != null) {
          LOG.debug("{} is already being deleted", ref);
          return;
        }
      }
      throw Errors.map(e, "delete of " + ref);
    }
  }

  private Optional<GenericKubernetesResource> read(Kind kind, ResourceRef ref) {
    try {
      return Optional.ofNullable(resource(kind, ref).get());
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "read of " + ref);
    }
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> ops(Kind kind) {
    return client.genericKubernetesResources(context(kind.apiVersion(), kind.name(), kind.plural(), kind.namespaced()));
  }

  private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(Kind kind, ResourceRef ref) {
    return kind.namespaced() ? ops(kind).inNamespace(ref.namespace()).withName(ref.name()) : ops(kind).withName(ref.name());
  }

  // the object as a stub item: its address without content
  private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> named(Kind kind, ResourceRef ref) {
    GenericKubernetesResource stub = new GenericKubernetesResource();
    stub.setApiVersion(kind.apiVersion());
    stub.setKind(kind.name());
    stub.setMetadata(new ObjectMetaBuilder().withName(ref.name()).withNamespace(ref.namespace()).build());
    return kind.namespaced() ? ops(kind).inNamespace(ref.namespace()).resource(stub) : ops(kind).resource(stub);
  }

  private static ResourceDefinitionContext context(String apiVersion, String kind, String plural) {
    return context(apiVersion, kind, plural, true);
  }

  private static ResourceDefinitionContext context(String apiVersion, String kind, String plural, boolean namespaced) {
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(apiVersion.substring(slash + 1))
        .withKind(kind).withPlural(plural).withNamespaced(namespaced).build();
  }

  private static Resource toResource(Kind kind, GenericKubernetesResource object) {
    ObjectMeta meta = object.getMetadata();
    ResourceRef ref = kind.namespaced()
        ? ResourceRef.kubernetes(kind.name(), meta.getNamespace(), meta.getName())
        : ResourceRef.kubernetes(kind.name(), meta.getName());
    Map<String, Object> body = new LinkedHashMap<>();
    for (String field : kind.readFields()) {
      Object value = field.equals(Kind.FINALIZERS)
          ? (meta.getFinalizers() == null || meta.getFinalizers().isEmpty() ? null : finalizerSet(meta.getFinalizers()))
          : object.getAdditionalProperties().get(field);
      if (value != null) {
        body.put(field, value);
      }
    }
    Instant created = meta.getCreationTimestamp() == null ? null : Instant.parse(meta.getCreationTimestamp());
    return new Resource(ref, orEmpty(meta.getLabels()), orEmpty(meta.getAnnotations()), body, meta.getResourceVersion(),
        created);
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
