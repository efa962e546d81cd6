package dev.platformkit.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of {@link BreakingChange}s per Kubernetes minor. The bundled catalogue
 * ({@link #bundled()}) is read once from {@code dev/platformkit/upgrade/breaking-changes.yaml}; every row
 * names its public source. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * BreakingChanges.bundled().between(KubernetesVersion.parse("1.20"), KubernetesVersion.parse("1.27"));
 * }</pre>
 */
public final class BreakingChanges {
  static final String RESOURCE = "breaking-changes.yaml";
  private static final Set<String> FIELDS = Set.of("minor", "id", "scope", "severity", "summary", "check", "source");

  private final List<BreakingChange> all;

  private BreakingChanges(List<BreakingChange> rows) {
    Set<String> ids = new HashSet<>();
    for (BreakingChange row : rows) {
      if (!ids.add(row.id())) {
        throw new IllegalArgumentException("the catalogue lists " + row.id() + " twice");
      }
    }
    List<BreakingChange> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(BreakingChange::minor));
    this.all = List.copyOf(sorted);
  }

  private static final class Bundled {
    static final BreakingChanges INSTANCE = of(KnowledgeFile.bundled(RESOURCE));
  }

  /** The catalogue bundled with the library. */
  public static BreakingChanges bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * A catalogue read from a YAML document of the bundled file's form (a list {@code changes}).
   *
   * @param name the document's name, used in error messages
   * @throws IllegalArgumentException naming the row and field at fault
   */
  public static BreakingChanges read(String name, InputStream yaml) throws IOException {
    return of(KnowledgeFile.read(name, yaml));
  }

  private static BreakingChanges of(KnowledgeFile file) {
    return new BreakingChanges(file.rows("changes", FIELDS, row -> new BreakingChange(
        row.version("minor"),
        row.text("id"),
        row.parsed("scope", BreakingChange.Scope::of),
        row.parsed("severity", Severity::of),
        row.text("summary"),
        row.text("check"),
        row.text("source"))));
  }

  /** Every change, ordered by minor (in file order within a minor). */
  public List<BreakingChange> all() {
    return all;
  }

  /** The change with this id. */
  public Optional<BreakingChange> byId(String id) {
    return all.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The changes that {@code minor} (any patch of it) brings. */
  public List<BreakingChange> at(KubernetesVersion minor) {
    KubernetesVersion m = minor.toMinor();
    return all.stream().filter(c -> c.minor().equals(m)).toList();
  }

  /** The changes an upgrade from {@code from} to {@code to} goes through: minors after {@code from}'s, up to {@code to}'s. */
  public List<BreakingChange> between(KubernetesVersion from, KubernetesVersion to) {
    KubernetesVersion start = from.toMinor();
    KubernetesVersion end = to.toMinor();
    return all.stream().filter(c -> c.minor().isAfter(start) && !c.minor().isAfter(end)).toList();
  }

  /** The changes the hop brings: those of {@code hop.to()}. */
  public List<BreakingChange> broughtBy(Hop hop) {
    return at(hop.to());
  }
}
