package dev.platformkit.k8s.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes the plain API kinds ({@link ApiKind}) as generic resources. */
public final class ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;

  /** A store over the user's client. */
  public ObjectStore(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** One cluster-wide list request with an equality label selector; objects being deleted are left out. */
  public List<Resource> list(ApiKind kind, Map<String, String> selector) {
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, ?> op = ops(kind);
    GenericKubernetesResourceList list;
    try {
      list = kind.namespaced() ? op.inAnyNamespace().withLabels(selector).list() : op.withLabels(selector).list();
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "list of " + kind.name() + " " + selector);
    }
    List<Resource> out = new ArrayList<>(list.getItems().size());
    for (GenericKubernetesResource item : list.getItems()) {
      // an object being deleted (a Terminating namespace) is on its way out: planning its deletion again,
      // or an update that the API server would refuse, is noise
      if (item.getMetadata().getDeletionTimestamp() == null) {
        out.add(toResource(kind, item));
      }
    }
    return out;
  }

  /** One GET; empty when the object does not exist. */
  public Optional<Resource> get(ApiKind kind, ResourceRef ref) {
    return read(kind, ref).map(o -> toResource(kind, o));
  }

  /** POST of the object; a {@link ConflictException} when it exists already. */
  public void create(ApiKind kind, Resource desired) {
    ResourceRef ref = desired.ref();
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(kind.apiVersion());
    object.setKind(kind.name());
    object.setMetadata(new ObjectMetaBuilder().withName(ref.name()).withNamespace(ref.namespace())
        .withLabels(new LinkedHashMap<>(desired.labels())).withAnnotations(new LinkedHashMap<>(desired.annotations()))
        .build());
    desired.body().forEach(object::setAdditionalProperty);
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
   * A JSON Patch of the owned fields, conditional on the version read: a stale version is a 409 and so a
   * {@link ConflictException}.
   */
  public void update(ApiKind kind, Resource current, ResourceUpdate update) {
    ResourceRef ref = current.ref();
    String patch;
    try {
      patch = JSON.writeValueAsString(JsonPatch.of(current, update));
    } catch (JsonProcessingException e) {
      throw new PlatformException("cannot write the patch of " + ref + ": " + e.getMessage(), e, false);
    }
    LOG.debug("patch {}: {}", ref, patch);
    try {
      // given an item, fabric8 patches without reading the object first
      named(kind, ref).patch(PatchContext.of(PatchType.JSON), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 422) {
        // an operation that cannot apply to an object changed since it was read (removing a label that is
        // gone) is a 422 without detail, like an invalid object; the version tells the two apart
        Optional<GenericKubernetesResource> now = read(kind, ref);
        if (now.isEmpty()) {
          throw new NotFoundException("update of " + ref + " failed: it no longer exists", e);
        }
        String version = now.get().getMetadata().getResourceVersion();
        if (!Objects.equals(version, current.version())) {
          throw new ConflictException("update of " + ref + " failed: it was modified (version " + version
              + ", update based on " + current.version() + ")", e);
        }
      }
      throw Errors.map(e, "update of " + ref);
    }
  }

  /**
   * DELETE, conditional on the version read; nothing when the object is gone. A Namespace that is already
   * terminating answers 409 to a second delete: its deletion is under way, which is all we ask.
   */
  public void delete(ApiKind kind, Resource current) {
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

  private Optional<GenericKubernetesResource> read(ApiKind kind, ResourceRef ref) {
    try {
      return Optional.ofNullable(resource(kind, ref).get());
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "read of " + ref);
    }
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> ops(ApiKind kind) {
    return client.genericKubernetesResources(kind.context());
  }

  private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(ApiKind kind, ResourceRef ref) {
    return kind.namespaced() ? ops(kind).inNamespace(ref.namespace()).withName(ref.name()) : ops(kind).withName(ref.name());
  }

  // the object as a stub item: its address without content
  private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> named(ApiKind kind, ResourceRef ref) {
    GenericKubernetesResource stub = new GenericKubernetesResource();
    stub.setApiVersion(kind.apiVersion());
    stub.setKind(kind.name());
    stub.setMetadata(new ObjectMetaBuilder().withName(ref.name()).withNamespace(ref.namespace()).build());
    return kind.namespaced() ? ops(kind).inNamespace(ref.namespace()).resource(stub) : ops(kind).resource(stub);
  }

  private static Resource toResource(ApiKind kind, GenericKubernetesResource object) {
    ObjectMeta meta = object.getMetadata();
    ResourceRef ref = kind.namespaced()
        ? ResourceRef.kubernetes(kind.name(), meta.getNamespace(), meta.getName())
        : ResourceRef.kubernetes(kind.name(), meta.getName());
    Map<String, Object> body = new LinkedHashMap<>();
    for (String field : kind.ownedFields()) {
      Object value = object.getAdditionalProperties().get(field);
      if (value != null) {
        body.put(field, value);
      }
    }
    return new Resource(ref, orEmpty(meta.getLabels()), orEmpty(meta.getAnnotations()), body, meta.getResourceVersion());
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
