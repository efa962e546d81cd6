package dev.platformkit.upgrade;

import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes API version of one kind that is deprecated and then no longer served, such as
 * {@code extensions/v1beta1 Ingress}, deprecated in 1.14 and removed in 1.22 in favour of
 * {@code networking.k8s.io/v1}, which is available since 1.19. See {@link DeprecatedApis} for the
 * catalogue.
 *
 * @param apiVersion the removed {@code group/version} as written in a manifest ({@code batch/v1beta1})
 * @param kind the kind ({@code CronJob})
 * @param deprecatedIn the minor from which the API server warns about it
 * @param removedIn the first minor that no longer serves it
 * @param replacement the {@code group/version} to use instead; empty when there is none
 *     (PodSecurityPolicy)
 * @param replacementAvailableIn the minor since which the replacement is served; present exactly when
 *     {@code replacement} is
 * @param source where the row comes from (a URL)
 */
public record DeprecatedApi(
    String apiVersion,
    String kind,
    KubernetesVersion deprecatedIn,
    KubernetesVersion removedIn,
    Optional<String> replacement,
    Optional<KubernetesVersion> replacementAvailableIn,
    String source) {

  /**
   * Checks the row: every field present, versions as minors, deprecated before removed, and a
   * replacement exactly when it has a version.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public DeprecatedApi {
    requireText(apiVersion, "apiVersion");
    requireText(kind, "kind");
    Objects.requireNonNull(deprecatedIn, "deprecatedIn");
    Objects.requireNonNull(removedIn, "removedIn");
    Objects.requireNonNull(replacement, "replacement");
    Objects.requireNonNull(replacementAvailableIn, "replacementAvailableIn");
    requireText(source, "source");
    if (!apiVersion.contains("/")) {
      // the core group (v1) has had no removals; a bare version is a typo here
      throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" is not of the form group/version");
    }
    deprecatedIn = deprecatedIn.toMinor();
    removedIn = removedIn.toMinor();
    replacementAvailableIn = replacementAvailableIn.map(KubernetesVersion::toMinor);
    if (!deprecatedIn.isBefore(removedIn)) {
      throw new IllegalArgumentException("deprecatedIn " + deprecatedIn + " of " + apiVersion + " " + kind + " is not before removedIn " + removedIn);
    }
    if (replacement.isPresent() != replacementAvailableIn.isPresent()) {
      throw new IllegalArgumentException("replacement and replacementAvailableIn of " + apiVersion + " " + kind + " go together");
    }
    if (replacement.isPresent() && replacement.get().equals(apiVersion)) {
      throw new IllegalArgumentException("replacement of " + apiVersion + " " + kind + " is the same apiVersion");
    }
    if (replacementAvailableIn.isPresent() && replacementAvailableIn.get().isAfter(removedIn)) {
      throw new IllegalArgumentException("replacementAvailableIn " + replacementAvailableIn.get() + " of " + apiVersion + " " + kind
          + " is after removedIn " + removedIn);
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  /** The API group: {@code batch} for {@code batch/v1beta1}. */
  public String group() {
    return apiVersion.substring(0, apiVersion.indexOf('/'));
  }

  /** The version within the group: {@code v1beta1} for {@code batch/v1beta1}. */
  public String version() {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  /** Whether an API server at {@code serverVersion} (any patch) no longer serves it. */
  public boolean isRemovedAt(KubernetesVersion serverVersion) {
    return !serverVersion.toMinor().isBefore(removedIn);
  }

  /** Whether an API server at {@code serverVersion} still serves it but warns that it is deprecated. */
  public boolean isDeprecatedAt(KubernetesVersion serverVersion) {
    return !serverVersion.toMinor().isBefore(deprecatedIn) && !isRemovedAt(serverVersion);
  }

  /**
   * Whether a manifest can move to the replacement while the API server is at {@code serverVersion},
   * before upgrading further: false when there is no replacement or it is not served yet.
   */
  public boolean canMigrateAt(KubernetesVersion serverVersion) {
    return replacementAvailableIn.map(v -> !serverVersion.toMinor().isBefore(v)).orElse(false);
  }

  /** {@code extensions/v1beta1 Ingress (deprecated 1.14, removed 1.22, use networking.k8s.io/v1 since 1.19)}. */
  @Override
  public String toString() {
    return apiVersion + " " + kind + " (deprecated " + deprecatedIn + ", removed " + removedIn
        + replacement.map(r -> ", use " + r + " since " + replacementAvailableIn.orElseThrow()).orElse(", no replacement") + ")";
  }
}
