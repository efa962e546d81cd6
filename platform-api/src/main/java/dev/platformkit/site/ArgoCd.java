package dev.platformkit.site;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import org.immutables.value.Value;

/**
 * Where the site's Argo CD Application lives and how it syncs. The Application is named after the site.
 * Defaults: project {@code default}, namespace {@code argocd}, automated sync with pruning and self-heal.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableArgoCd.class)
@JsonDeserialize(as = ImmutableArgoCd.class)
public abstract class ArgoCd implements Serializable, WithArgoCd {
  // only the generated implementation extends it: no subclass can skip validation
  ArgoCd() {}

  private static final long serialVersionUID = 1L;

  /** The defaults. */
  public static ArgoCd defaults() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * The AppProject of the Application. Platform teams usually give each tenant a project that limits
   * its source repositories and destination namespaces. Default: {@code default}.
   */
  @Value.Default
  public String project() {
    return "default";
  }

  /** The namespace Argo CD watches for Applications. Default: {@code argocd}. */
  @Value.Default
  public String namespace() {
    return "argocd";
  }

  /**
   * Whether Argo CD syncs by itself (automated sync with prune and self-heal), so that a push to the
   * branch reaches the site. When false, syncs are started by hand or by a pipeline. Default: true.
   */
  @Value.Default
  public boolean autoSync() {
    return true;
  }

  /** Builds {@link ArgoCd}. */
  public static class Builder extends ImmutableArgoCd.Builder {}
}
