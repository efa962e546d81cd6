package dev.platformkit.upgrade;

import java.util.ArrayList;
import java.util.List;
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
 * <p>A replacement may be served only from the very minor that removes the API (flowcontrol
 * {@code v1beta2} goes at 1.29, where its replacement {@code v1} arrives), so a cluster one minor before
 * cannot migrate to it. Such a row carries an <em>interim</em> replacement too, served earlier (for
 * flowcontrol {@code v1beta2}: {@code v1beta3}, served since 1.26), which a cluster moves to before the
 * hop; {@link #replacementServedAt} picks the one a given minor serves.
 *
 * <p>The catalogue file ({@code deprecated-apis.yaml}, read by {@link DeprecatedApis}) has one mapping per
 * row under {@code apis}, with the fields named as the components below; versions are quoted minors.
 * {@code replacement} and {@code replacementAvailableIn} are optional (together), and so are
 * {@code interimReplacement} and {@code interimReplacementAvailableIn} (together, and only with a
 * replacement); files without the interim fields read as before:
 *
 * <pre>{@code
 * apis:
 *   - apiVersion: flowcontrol.apiserver.k8s.io/v1beta2
 *     kind: FlowSchema
 *     deprecatedIn: "1.26"
 *     removedIn: "1.29"
 *     replacement: flowcontrol.apiserver.k8s.io/v1
 *     replacementAvailableIn: "1.29"
 *     interimReplacement: flowcontrol.apiserver.k8s.io/v1beta3
 *     interimReplacementAvailableIn: "1.26"
 *     source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 * }</pre>
 *
 * @param apiVersion the removed {@code group/version} as written in a manifest ({@code batch/v1beta1})
 * @param kind the kind ({@code CronJob})
 * @param deprecatedIn the minor from which the API server warns about it
 * @param removedIn the first minor that no longer serves it
 * @param replacement the {@code group/version} to use instead; empty when there is none
 *     (PodSecurityPolicy)
 * @param replacementAvailableIn the minor since which the replacement is served; present exactly when
 *     {@code replacement} is
 * @param interimReplacement a {@code group/version} served before {@code replacement} is, to move to on a
 *     minor that does not serve the replacement yet; empty when the replacement is served early enough
 * @param interimReplacementAvailableIn the minor since which the interim replacement is served: before
 *     {@code replacementAvailableIn} and before {@code removedIn}; present exactly when
 *     {@code interimReplacement} is
 * @param source where the row comes from (a URL)
 */
public record DeprecatedApi(
    String apiVersion,
    String kind,
    KubernetesVersion deprecatedIn,
    KubernetesVersion removedIn,
    Optional<String> replacement,
    Optional<KubernetesVersion> replacementAvailableIn,
    Optional<String> interimReplacement,
    Optional<KubernetesVersion> interimReplacementAvailableIn,
    String source) {

  /**
   * A row without an interim replacement.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public DeprecatedApi(String apiVersion, String kind, KubernetesVersion deprecatedIn, KubernetesVersion removedIn,
      Optional<String> replacement, Optional<KubernetesVersion> replacementAvailableIn, String source) {
    this(apiVersion, kind, deprecatedIn, removedIn, replacement, replacementAvailableIn, Optional.empty(), Optional.empty(), source);
  }

  /**
   * Checks the row: every field present, versions as minors, deprecated before removed, a replacement
   * exactly when it has a version, and the same for the interim replacement, which needs a replacement
   * and must be served before it and before the removal.
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
    Objects.requireNonNull(interimReplacement, "interimReplacement");
    Objects.requireNonNull(interimReplacementAvailableIn, "interimReplacementAvailableIn");
    requireText(source, "source");
    if (!apiVersion.contains("/")) {
      // the core group (v1) has had no removals; a bare version is a typo here
      throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" is not of the form group/version");
    }
    deprecatedIn = deprecatedIn.toMinor();
    removedIn = removedIn.toMinor();
    replacementAvailableIn = replacementAvailableIn.map(KubernetesVersion::toMinor);
    interimReplacementAvailableIn = interimReplacementAvailableIn.map(KubernetesVersion::toMinor);
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
    checkInterim(apiVersion, kind, removedIn, replacement, replacementAvailableIn, interimReplacement, interimReplacementAvailableIn);
  }

  private static void checkInterim(String apiVersion, String kind, KubernetesVersion removedIn, Optional<String> replacement,
      Optional<KubernetesVersion> replacementAvailableIn, Optional<String> interim, Optional<KubernetesVersion> interimAvailableIn) {
    String row = apiVersion + " " + kind;
    if (interim.isPresent() != interimAvailableIn.isPresent()) {
      throw new IllegalArgumentException("interimReplacement and interimReplacementAvailableIn of " + row + " go together");
    }
    if (interim.isEmpty()) {
      return;
    }
    if (replacement.isEmpty()) {
      throw new IllegalArgumentException("interimReplacement of " + row + " needs a replacement: an interim one stands in for it");
    }
    if (interim.get().equals(apiVersion) || interim.get().equals(replacement.get())) {
      throw new IllegalArgumentException("interimReplacement of " + row + " is " + interim.get() + ", the same apiVersion as "
          + (interim.get().equals(apiVersion) ? "the removed one" : "the replacement"));
    }
    if (!interimAvailableIn.get().isBefore(replacementAvailableIn.orElseThrow())) {
      throw new IllegalArgumentException("interimReplacementAvailableIn " + interimAvailableIn.get() + " of " + row
          + " is not before replacementAvailableIn " + replacementAvailableIn.get() + ": an interim replacement is for the minors that"
          + " do not serve the replacement yet");
    }
    if (!interimAvailableIn.get().isBefore(removedIn)) {
      throw new IllegalArgumentException("interimReplacementAvailableIn " + interimAvailableIn.get() + " of " + row
          + " is not before removedIn " + removedIn);
    }
  }

  /**
   * A version to move a manifest to and the minor since which it is served.
   *
   * @param apiVersion the {@code group/version} ({@code flowcontrol.apiserver.k8s.io/v1beta3})
   * @param availableIn the first minor that serves it
   * @param interim whether it is the row's interim replacement rather than the replacement itself
   */
  public record Replacement(String apiVersion, KubernetesVersion availableIn, boolean interim) {
    /** Checks that the parts are present. */
    public Replacement {
      requireText(apiVersion, "apiVersion");
      Objects.requireNonNull(availableIn, "availableIn");
    }

    /** Whether an API server at {@code serverVersion} (any patch) serves it. */
    public boolean isServedAt(KubernetesVersion serverVersion) {
      return !serverVersion.toMinor().isBefore(availableIn);
    }

    /** {@code flowcontrol.apiserver.k8s.io/v1beta3 (served since 1.26)}. */
    @Override
    public String toString() {
      return apiVersion + " (served since " + availableIn + ")";
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

  /** The replacement, then the interim replacement: those present, in order of preference. */
  public List<Replacement> replacements() {
    List<Replacement> all = new ArrayList<>(2);
    replacement.ifPresent(r -> all.add(new Replacement(r, replacementAvailableIn.orElseThrow(), false)));
    interimReplacement.ifPresent(r -> all.add(new Replacement(r, interimReplacementAvailableIn.orElseThrow(), true)));
    return List.copyOf(all);
  }

  /**
   * What to move a manifest to while the API server is at {@code serverVersion}: the replacement when
   * that minor serves it, else the interim replacement when it serves that; empty when it serves neither
   * (or the row has no replacement).
   */
  public Optional<Replacement> replacementServedAt(KubernetesVersion serverVersion) {
    return replacements().stream().filter(r -> r.isServedAt(serverVersion)).findFirst();
  }

  /**
   * Whether a manifest can move to a replacement (or the interim one) while the API server is at
   * {@code serverVersion}, before upgrading further: false when there is none or none is served yet.
   */
  public boolean canMigrateAt(KubernetesVersion serverVersion) {
    return replacementServedAt(serverVersion).isPresent();
  }

  /**
   * {@code extensions/v1beta1 Ingress (deprecated 1.14, removed 1.22, use networking.k8s.io/v1 since 1.19)}, with
   * {@code , or flowcontrol.apiserver.k8s.io/v1beta3 since 1.26 before that} for an interim replacement.
   */
  @Override
  public String toString() {
    return apiVersion + " " + kind + " (deprecated " + deprecatedIn + ", removed " + removedIn
        + replacement.map(r -> ", use " + r + " since " + replacementAvailableIn.orElseThrow()).orElse(", no replacement")
        + interimReplacement.map(r -> ", or " + r + " since " + interimReplacementAvailableIn.orElseThrow() + " before that").orElse("")
        + ")";
  }
}
