package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.ResourceRef;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Something the planner found that matters for the upgrade, such as an object that uses an API
 * version removed at one of the hops.
 *
 * <pre>{@code
 * Finding.builder()
 *     .severity(Severity.BLOCKER)
 *     .code("REMOVED_API")
 *     .message("networking.k8s.io/v1beta1 Ingress is removed in 1.22")
 *     .resource(ResourceRef.kubernetes("Ingress", "shop", "storefront"))
 *     .version(KubernetesVersion.parse("1.22"))
 *     .remedy("use networking.k8s.io/v1")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableFinding.class)
@JsonDeserialize(as = ImmutableFinding.class)
public abstract class Finding implements Serializable, WithFinding {
  // only the generated implementation extends it: no subclass can skip validation
  Finding() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this finding's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** How much it matters. Required. */
  public abstract Severity severity();

  /** A stable code for tools and suppressions, upper case with '_' ({@code REMOVED_API}). Required. */
  public abstract String code();

  /** What was found, in words a user can act on. Required. */
  public abstract String message();

  /** The object concerned: a Kubernetes object, an add-on, a node group. */
  public abstract Optional<ResourceRef> resource();

  /**
   * Further objects concerned, when one finding stands for several (the nodes outside managed node groups
   * that block a hop): {@link #resource()} is the first, these the others, in order. Needs
   * {@link #resource()}.
   */
  public abstract List<ResourceRef> moreResources();

  /** Every object concerned: {@link #resource()}, then {@link #moreResources()}. */
  @JsonIgnore
  public List<ResourceRef> allResources() {
    List<ResourceRef> all = new ArrayList<>();
    resource().ifPresent(all::add);
    all.addAll(moreResources());
    return List.copyOf(all);
  }

  /** The version at which it starts to matter, such as the minor that removes an API. */
  public abstract Optional<KubernetesVersion> version();

  /** What to do about it. */
  public abstract Optional<String> remedy();

  /**
   * The hop this finding belongs to: the control-plane hop it blocks or that brings it. Empty for what
   * concerns the upgrade as a whole (an API already removed before the current version, a deprecation
   * still served at the target).
   */
  public abstract Optional<Hop> hop();

  /**
   * Where it was found, for a person and for links: a file and line ({@code manifests/ingress.yaml:12}),
   * a Helm release, a live object's last-applied annotation, the API server metric; for knowledge rows,
   * the public page that states them.
   */
  public abstract Optional<String> location();

  /** Builds {@link Finding}s. */
  public static class Builder extends ImmutableFinding.Builder {}
}
