package dev.platformkit.spi;

import dev.platformkit.Ownership;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a store marks what platformkit owns: Kubernetes labels or AWS tags. The engine asks the store,
 * so it never needs to know which provider it is talking to.
 */
public interface Marks {

  /** Kubernetes labels: {@code app.kubernetes.io/managed-by=platformkit}, {@code platformkit.dev/owner=<owner>}. */
  Marks LABELS = new Keys("metadata.labels", Ownership.MANAGED_BY_LABEL, Ownership.OWNER_LABEL, Ownership.TENANT_LABEL);

  /** AWS tags: {@code platformkit:managed-by=platformkit}, {@code platformkit:owner=<owner>}. */
  Marks TAGS = new Keys("tags", Ownership.MANAGED_BY_TAG, Ownership.OWNER_TAG, Ownership.TENANT_TAG);

  /** The marks an object owned by {@code owner} carries. */
  Map<String, String> of(String owner);

  /** The equality selector that finds the objects of {@code owners} (all of ours when there are several). */
  Map<String, String> selector(Set<String> owners);

  /** The owner of an object with these labels (tags) when platformkit marked it; empty otherwise. */
  Optional<String> owner(Map<String, String> labels);

  /** Whether a label (tag) key is one of the marks, which plans leave out of creation diffs. */
  boolean isMark(String key);

  /** How plans name the labels (tags) of an object: {@code metadata.labels} or {@code tags}. */
  String field();

  /**
   * Marks under three keys.
   *
   * @param field how plans name the labels (tags)
   * @param managedBy the key whose value is {@value Ownership#MANAGED_BY_VALUE} on our objects
   * @param ownerKey the key holding the owner
   * @param tenantKey the key naming the tenant an object belongs to
   */
  record Keys(String field, String managedBy, String ownerKey, String tenantKey) implements Marks {

    @Override
    public Map<String, String> of(String owner) {
      Map<String, String> marks = new LinkedHashMap<>();
      marks.put(managedBy, Ownership.MANAGED_BY_VALUE);
      marks.put(ownerKey, owner);
      return marks;
    }

    @Override
    public Map<String, String> selector(Set<String> owners) {
      Map<String, String> selector = new LinkedHashMap<>();
      selector.put(managedBy, Ownership.MANAGED_BY_VALUE);
      if (owners.size() == 1) {
        selector.put(ownerKey, owners.iterator().next());
      }
      return selector;
    }

    @Override
    public Optional<String> owner(Map<String, String> labels) {
      return Ownership.MANAGED_BY_VALUE.equals(labels.get(managedBy))
          ? Optional.ofNullable(labels.get(ownerKey)) : Optional.empty();
    }

    @Override
    public boolean isMark(String key) {
      return key.equals(managedBy) || key.equals(ownerKey) || key.equals(tenantKey);
    }
  }
}
