package dev.platformkit.k8s.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The {@code AwsAuthMapping} kind: IAM role mappings kept as entries of {@code mapRoles} in the
 * {@code kube-system/aws-auth} ConfigMap, for clusters that still authenticate through it.
 *
 * <p>A ConfigMap entry has no labels of its own, so the labels of the entries platformkit owns are kept in
 * the annotation {@value #OWNERS_ANNOTATION} as JSON, by role ARN. An entry not listed there is
 * foreign: it is reported without labels (so that the planner refuses to take it over) and its text is never
 * changed. Every write is a read-modify-write of the whole ConfigMap conditional on its resource version,
 * so a concurrent edit by eksctl or a person is a {@link ConflictException}, never a lost update.
 *
 * <p>The version of a mapping is a digest of its own content and labels, not the ConfigMap's resource
 * version: a write to one entry does not make the others stale, so several mappings are written in one
 * apply without conflicts, while any change to the entry itself is still detected.
 */
public final class AwsAuthStore {
  /** The kind name. */
  public static final String KIND = "AwsAuthMapping";
  /** The namespace of the ConfigMap. */
  public static final String NAMESPACE = "kube-system";
  /** The name of the ConfigMap. */
  public static final String NAME = "aws-auth";
  /** The data key holding the role mappings. */
  public static final String MAP_ROLES = "mapRoles";
  /** The annotation holding the labels of the entries platformkit owns, by role ARN. */
  public static final String OWNERS_ANNOTATION = "platformkit.dev/aws-auth-owners";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, TreeMap<String, String>>> OWNERS = new TypeReference<>() {};

  private final KubernetesClient client;

  /** A store over the user's client. */
  public AwsAuthStore(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Every mapping whose labels include {@code selector}; foreign ones have no labels. One GET. */
  public List<Resource> list(Map<String, String> selector) {
    Optional<ConfigMap> cm = read();
    if (cm.isEmpty()) {
      return List.of();
    }
    State state = State.of(cm.get());
    List<Resource> out = new ArrayList<>();
    for (String roleArn : state.roleArns()) {
      Resource r = state.resource(roleArn).orElseThrow();
      if (r.labels().entrySet().containsAll(selector.entrySet())) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The mapping of a role ARN, owned or not. One GET. The planner asks for a mapping it means to write, so
   * an aws-auth platformkit cannot edit safely is reported here, before anything is written.
   */
  public Optional<Resource> get(ResourceRef ref) {
    if (!NAMESPACE.equals(ref.namespace())) {
      return Optional.empty();
    }
    return read().flatMap(cm -> {
      State state = State.of(cm);
      state.editable(ref.name());
      return state.resource(ref.name());
    });
  }

  /** Appends a mapping, creating the ConfigMap when there is none. */
  public void create(Resource desired) {
    ResourceRef ref = checkRef(desired.ref());
    Optional<ConfigMap> cm = read();
    if (cm.isEmpty()) {
      State fresh = new State("", List.of(), new TreeMap<>());
      ConfigMap created = fresh.with(ref.name(), desired.body(), desired.labels()).toConfigMap(
          new ConfigMapBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME).endMetadata().build());
      try {
        client.configMaps().inNamespace(NAMESPACE).resource(created).create();
      } catch (KubernetesClientException e) {
        throw Errors.map(e, "create of ConfigMap " + NAMESPACE + "/" + NAME + " for " + ref);
      }
      return;
    }
    State state = State.of(cm.get());
    if (state.resource(ref.name()).isPresent()) {
      throw new ConflictException(ref + " already exists in ConfigMap " + NAMESPACE + "/" + NAME);
    }
    write(cm.get(), state.with(ref.name(), desired.body(), desired.labels()), ref);
  }

  /** Rewrites one owned mapping; a {@link ConflictException} when it changed since {@code current} was read. */
  public void update(Resource current, ResourceUpdate update) {
    ResourceRef ref = checkRef(current.ref());
    ConfigMap cm = read().orElseThrow(() -> new NotFoundException(ref + " not found: there is no ConfigMap " + NAMESPACE + "/" + NAME));
    State state = State.of(cm);
    Resource stored = state.resource(ref.name()).orElseThrow(() -> new NotFoundException(ref + " not found"));
    checkVersion(current, stored);
    Map<String, Object> body = update.patchBody(stored.body());
    Map<String, String> labels = new LinkedHashMap<>(stored.labels());
    update.removeLabels().forEach(labels::remove);
    labels.putAll(update.setLabels());
    write(cm, state.with(ref.name(), body, labels), ref);
  }

  /** Removes a mapping; nothing when it is gone already. */
  public void delete(Resource current) {
    ResourceRef ref = checkRef(current.ref());
    Optional<ConfigMap> cm = read();
    if (cm.isEmpty()) {
      return;
    }
    State state = State.of(cm.get());
    Optional<Resource> stored = state.resource(ref.name());
    if (stored.isEmpty()) {
      return;
    }
    checkVersion(current, stored.get());
    write(cm.get(), state.without(ref.name()), ref);
  }

  private static void checkVersion(Resource current, Resource stored) {
    if (current.version() != null && !current.version().equals(stored.version())) {
      throw new ConflictException(current.ref() + " was modified in ConfigMap " + NAMESPACE + "/" + NAME);
    }
  }

  private static ResourceRef checkRef(ResourceRef ref) {
    if (!NAMESPACE.equals(ref.namespace())) {
      throw new PlatformException(KIND + " objects live in namespace " + NAMESPACE + ", not " + ref.namespace() + ": " + ref);
    }
    return ref;
  }

  private Optional<ConfigMap> read() {
    try {
      return Optional.ofNullable(client.configMaps().inNamespace(NAMESPACE).withName(NAME).get());
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "read of ConfigMap " + NAMESPACE + "/" + NAME);
    }
  }

  // PUT carries the resource version read, so a concurrent writer makes it a 409
  private void write(ConfigMap read, State state, ResourceRef ref) {
    try {
      client.configMaps().inNamespace(NAMESPACE).resource(state.toConfigMap(read)).lockResourceVersion().update();
    } catch (KubernetesClientException e) {
      throw Errors.map(e, "write of ConfigMap " + NAMESPACE + "/" + NAME + " for " + ref);
    }
  }

  /**
   * The mapRoles text, its items as parsed and the ownership annotation of one read of the ConfigMap.
   * Reading needs only valid YAML; editing needs a layout {@link MapRoles#parse} accepts, so that an
   * aws-auth platformkit cannot edit safely still lets tenants that do not use it be planned.
   */
  private record State(String text, List<JsonNode> entries, TreeMap<String, TreeMap<String, String>> owners) {
    private static final String WHERE = "ConfigMap " + NAMESPACE + "/" + NAME;

    static State of(ConfigMap cm) {
      String text = cm.getData() == null ? null : cm.getData().get(MAP_ROLES);
      List<JsonNode> entries;
      try {
        entries = MapRoles.values(text);
      } catch (IllegalArgumentException e) {
        throw new BackendException(MAP_ROLES + " of " + WHERE + " is not a YAML list of role mappings: " + e.getMessage(), e, 0, false);
      }
      Map<String, String> annotations = cm.getMetadata().getAnnotations();
      String json = annotations == null ? null : annotations.get(OWNERS_ANNOTATION);
      TreeMap<String, TreeMap<String, String>> owners = new TreeMap<>();
      if (json != null && !json.isBlank()) {
        try {
          owners = JSON.readValue(json, OWNERS);
        } catch (JsonProcessingException e) {
          throw new BackendException("annotation " + OWNERS_ANNOTATION + " of " + WHERE + " is not the JSON platformkit"
              + " writes, so it cannot tell its entries from others: " + e.getOriginalMessage(), e, 0, false);
        }
      }
      return new State(text, entries, owners);
    }

    /**
     * The role ARNs of the entries, once each. The authenticator keys its mappings by the lower-cased ARN
     * and the last entry wins, so ARNs differing only in case are one role, spelled as its last entry.
     */
    Set<String> roleArns() {
      Map<String, String> byKey = new LinkedHashMap<>();
      entries.forEach(e -> {
        if (e.path("rolearn").isTextual()) {
          String arn = e.get("rolearn").asText();
          byKey.remove(arn.toLowerCase(Locale.ROOT));
          byKey.put(arn.toLowerCase(Locale.ROOT), arn);
        }
      });
      return new LinkedHashSet<>(byKey.values());
    }

    private List<JsonNode> entriesOf(String roleArn) {
      return entries.stream()
          .filter(e -> e.path("rolearn").isTextual() && roleArn.equalsIgnoreCase(e.get("rolearn").asText()))
          .toList();
    }

    /**
     * The mapping of a role as a Resource, as the authenticator sees it (the last entry for the ARN, compared
     * without case), labelled when we own it. Its version is a digest of the entry and the labels, so a
     * write to another entry does not make it stale.
     */
    Optional<Resource> resource(String roleArn) {
      List<JsonNode> matching = entriesOf(roleArn);
      if (matching.isEmpty()) {
        return Optional.empty();
      }
      JsonNode e = matching.get(matching.size() - 1);
      Map<String, String> labels = owners.getOrDefault(roleArn, new TreeMap<>());
      Map<String, Object> body = new LinkedHashMap<>();
      for (String field : List.of("rolearn", "username", "groups")) {
        JsonNode v = e.get(field);
        if (v != null && !v.isNull()) {
          body.put(field, JSON.convertValue(v, Object.class));
        }
      }
      ResourceRef ref = ResourceRef.kubernetes(KIND, NAMESPACE, roleArn);
      return Optional.of(new Resource(ref, labels, Map.of(), body, digest(e, labels)));
    }

    State with(String roleArn, Map<String, Object> body, Map<String, String> labels) {
      Object username = body.get("username");
      List<String> groups = new ArrayList<>();
      if (body.get("groups") instanceof List<?> list) {
        list.forEach(g -> groups.add(String.valueOf(g)));
      }
      TreeMap<String, TreeMap<String, String>> newOwners = new TreeMap<>(owners);
      newOwners.put(roleArn, new TreeMap<>(labels));
      String user = username == null ? null : username.toString();
      return edited(roleArn, m -> m.put(roleArn, user, groups), newOwners);
    }

    State without(String roleArn) {
      TreeMap<String, TreeMap<String, String>> newOwners = new TreeMap<>(owners);
      newOwners.remove(roleArn);
      return edited(roleArn, m -> m.remove(roleArn), newOwners);
    }

    private State edited(String roleArn, UnaryOperator<MapRoles> edit, TreeMap<String, TreeMap<String, String>> newOwners) {
      editable(roleArn);
      MapRoles result = editing(roleArn, () -> edit.apply(MapRoles.parse(text)));
      return new State(result.text(), result.entries().stream().map(MapRoles.Entry::value).toList(), newOwners);
    }

    /** Checks that the entry of {@code roleArn} could be edited: a layout we can edit, and one entry at most. */
    void editable(String roleArn) {
      editing(roleArn, () -> MapRoles.parse(text));
      int count = entriesOf(roleArn).size();
      if (count > 1) {
        // which of them counts is the authenticator's business (the last); merging them is a person's
        throw new BackendException(MAP_ROLES + " of " + WHERE + " has " + count + " entries for " + roleArn
            + " (ARNs compared without case; the authenticator uses the last); merge them into one by hand", null, 0, false);
      }
    }

    private static MapRoles editing(String roleArn, Supplier<MapRoles> edit) {
      try {
        return edit.get();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new BackendException("cannot edit the entry of " + roleArn + " in " + MAP_ROLES + " of " + WHERE
            + " safely: " + e.getMessage() + "; fix its layout by hand (or move to EKS access entries)", e, 0, false);
      }
    }

    ConfigMap toConfigMap(ConfigMap base) {
      ConfigMapBuilder b = new ConfigMapBuilder(base).addToData(MAP_ROLES, text);
      // keep only owners whose entry is still there: one removed by hand is forgotten
      TreeMap<String, TreeMap<String, String>> kept = new TreeMap<>(owners);
      kept.keySet().retainAll(roleArns());
      if (kept.isEmpty()) {
        b.editMetadata().removeFromAnnotations(OWNERS_ANNOTATION).endMetadata();
      } else {
        try {
          b.editMetadata().addToAnnotations(OWNERS_ANNOTATION, JSON.writeValueAsString(kept)).endMetadata();
        } catch (JsonProcessingException e) {
          throw new PlatformException("cannot write annotation " + OWNERS_ANNOTATION + ": " + e.getMessage(), e, false);
        }
      }
      return b.build();
    }
  }

  private static String digest(JsonNode entry, Map<String, String> labels) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(JSON.writeValueAsBytes(entry));
      sha.update((byte) 0);
      sha.update(JSON.writeValueAsBytes(new TreeMap<>(labels)));
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
