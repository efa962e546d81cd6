package dev.platformkit.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of Kubernetes API versions removed from 1.16 on, following the upstream Deprecated API
 * Migration Guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). The bundled
 * catalogue ({@link #bundled()}) is read once from {@code dev/platformkit/upgrade/deprecated-apis.yaml}
 * and shared; instances are immutable and thread-safe.
 *
 * <pre>{@code
 * DeprecatedApis apis = DeprecatedApis.bundled();
 * apis.lookup("batch/v1beta1", "CronJob");                    // removed in 1.25, use batch/v1
 * apis.removedBetween(KubernetesVersion.parse("1.20"), KubernetesVersion.parse("1.27"));
 * }</pre>
 */
public final class DeprecatedApis {
  static final String RESOURCE = "deprecated-apis.yaml";
  private static final Set<String> FIELDS =
      Set.of("apiVersion", "kind", "deprecatedIn", "removedIn", "replacement", "replacementAvailableIn", "interimReplacement",
          "interimReplacementAvailableIn", "source");

  private final List<DeprecatedApi> all;
  private final Map<String, DeprecatedApi> byKey;

  private DeprecatedApis(List<DeprecatedApi> rows) {
    List<DeprecatedApi> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(DeprecatedApi::removedIn).thenComparing(DeprecatedApi::apiVersion).thenComparing(DeprecatedApi::kind));
    Map<String, DeprecatedApi> keys = new LinkedHashMap<>();
    for (DeprecatedApi row : sorted) {
      if (keys.putIfAbsent(key(row.apiVersion(), row.kind()), row) != null) {
        throw new IllegalArgumentException("the catalogue lists " + row.apiVersion() + " " + row.kind() + " twice");
      }
    }
    this.all = List.copyOf(sorted);
    this.byKey = Map.copyOf(keys);
  }

  private static final class Bundled {
    // read on first use, then cached for the life of the class loader
    static final DeprecatedApis INSTANCE = of(KnowledgeFile.bundled(RESOURCE));
  }

  /** The catalogue bundled with the library. */
  public static DeprecatedApis bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * A catalogue read from a YAML document of the bundled file's form (a list {@code apis} of rows, fields
   * as described at {@link DeprecatedApi}), for tools that carry their own.
   *
   * @param name the document's name, used in error messages
   * @throws IllegalArgumentException naming the row and field at fault
   */
  public static DeprecatedApis read(String name, InputStream yaml) throws IOException {
    return of(KnowledgeFile.read(name, yaml));
  }

  private static DeprecatedApis of(KnowledgeFile file) {
    return new DeprecatedApis(file.rows("apis", FIELDS, row -> new DeprecatedApi(
        row.text("apiVersion"),
        row.text("kind"),
        row.version("deprecatedIn"),
        row.version("removedIn"),
        row.optionalText("replacement"),
        row.optionalVersion("replacementAvailableIn"),
        row.optionalText("interimReplacement"),
        row.optionalVersion("interimReplacementAvailableIn"),
        row.text("source"))));
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + " " + kind;
  }

  /** Every row, ordered by the minor that removes it, then apiVersion and kind. */
  public List<DeprecatedApi> all() {
    return all;
  }

  /**
   * The row for {@code apiVersion} and {@code kind} (both exact, as in a manifest), or empty when that
   * pair is not deprecated.
   */
  public Optional<DeprecatedApi> lookup(String apiVersion, String kind) {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    return Optional.ofNullable(byKey.get(key(apiVersion.strip(), kind.strip())));
  }

  /**
   * What an upgrade from {@code from} to {@code to} stops serving: the rows removed in a minor after
   * {@code from}'s and up to {@code to}'s. Patches are ignored; none when {@code to} is not a later minor.
   */
  public List<DeprecatedApi> removedBetween(KubernetesVersion from, KubernetesVersion to) {
    KubernetesVersion start = from.toMinor();
    KubernetesVersion end = to.toMinor();
    return all.stream().filter(r -> r.removedIn().isAfter(start) && !r.removedIn().isAfter(end)).toList();
  }

  /** What the control-plane hop stops serving: the rows removed in {@code hop.to()}. */
  public List<DeprecatedApi> removedBy(Hop hop) {
    return removedBetween(hop.from(), hop.to());
  }

  /**
   * The rows deprecated but still served at {@code version}: what to migrate before the upgrade that
   * removes them.
   */
  public List<DeprecatedApi> deprecatedAt(KubernetesVersion version) {
    return all.stream().filter(r -> r.isDeprecatedAt(version)).toList();
  }
}
