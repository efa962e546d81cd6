package dev.platformkit.site;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One deployable part of a {@link Site} (a storefront, its API, an admin), deployed by an Argo CD
 * Application of its own: a name, what to deploy ({@link Source}) and, for previews, a branch that
 * replaces the source's {@code targetRevision}.
 *
 * <pre>{@code
 * Component.builder()
 *     .name("api")
 *     .source(Source.builder()
 *         .repoURL("https://github.com/acme/shop-api.git")
 *         .targetRevision("main")
 *         .path("charts/api")
 *         .build())
 *     .branch("feature/JIRA-1234_new-checkout-flow")
 *     .build();
 * }</pre>
 *
 * <p>Checked as part of the site (paths {@code components[i].name}, {@code components[i].source.repoURL},
 * ...).
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableComponent.class)
@JsonDeserialize(as = ImmutableComponent.class)
public abstract class Component implements Serializable, WithComponent {
  // only the generated implementation extends it: no subclass can skip validation
  Component() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A component named {@code name} deploying {@code source}. */
  public static Component of(String name, Source source) {
    return builder().name(name).source(source).build();
  }

  /** A builder holding this component's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * The component's name: a DNS-1123 label, unique in the site. It names the component's Argo CD
   * Application together with the site ({@link Names#application}) and is the value of its
   * {@code platformkit.dev/component} label. Required.
   */
  public abstract String name();

  /** What the component's Argo CD Application deploys. Required. */
  public abstract Source source();

  /**
   * A Git branch to deploy instead of {@code source.targetRevision}, as a preview of a developer's
   * branch does. Only for a {@link Source#path() chart in a Git repository}: a chart from a Helm
   * repository has versions, not branches. Default: none, the source's revision.
   */
  public abstract Optional<String> branch();

  /** The revision the Application deploys: {@link #branch()} when given, else {@code source.targetRevision}. */
  @JsonIgnore
  public String revision() {
    return branch().orElseGet(() -> source().targetRevision());
  }

  /** Builds {@link Component}s. */
  public static class Builder extends ImmutableComponent.Builder {}
}
