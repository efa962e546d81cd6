package dev.platformkit.site;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What the site's Argo CD Application deploys: a Helm chart, either from a directory of a Git
 * repository ({@link #path()}) or by name from a Helm chart repository ({@link #chart()}), with value
 * files and inline values. The field names are Argo CD's.
 *
 * <pre>{@code
 * Source.builder()
 *     .repoURL("https://github.com/acme/shop-deploy.git")
 *     .targetRevision("feature/checkout")
 *     .path("charts/shop")
 *     .addValueFiles("values-preview.yaml")
 *     .values("replicaCount: 1\n")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableSource.class)
@JsonDeserialize(as = ImmutableSource.class)
public abstract class Source implements Serializable, WithSource {
  // only the generated implementation extends it: no subclass can skip validation
  Source() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this source's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * The repository. With {@link #path()}: a Git repository as {@code https://host/org/repo.git},
   * {@code ssh://git@host/org/repo.git} or {@code git@host:org/repo.git}. With {@link #chart()}: a Helm
   * chart repository as {@code https://} or {@code oci://} URL. Never with credentials in it: Argo CD
   * takes those from its repository secrets. Required.
   */
  public abstract String repoURL();

  /**
   * With {@link #path()}: the branch, tag or commit SHA to deploy ({@code main}, {@code v1.4.2},
   * {@code 3f2a9c1}). With {@link #chart()}: the chart version. Required.
   */
  public abstract String targetRevision();

  /** The directory of the Helm chart inside the Git repository ({@code charts/shop}, {@code .}). Exactly one of path and chart. */
  public abstract Optional<String> path();

  /** The name of the Helm chart in a chart repository ({@code shop}). Exactly one of path and chart. */
  public abstract Optional<String> chart();

  /** Helm value files, relative to the chart directory, applied in order. */
  public abstract List<String> valueFiles();

  /**
   * Inline Helm values as a YAML mapping (Argo CD's {@code helm.values}), applied after the value files.
   * In a spec, a block string: {@code values: |}.
   */
  public abstract Optional<String> values();

  /** Builds {@link Source}s. */
  public static class Builder extends ImmutableSource.Builder {}
}
