package dev.platformkit.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What common controllers need from each Kubernetes minor: minimum versions
 * ({@link ControllerRequirement}, such as the VPC CNI at 1.12 from 1.26) and tested ranges
 * ({@link TestedKubernetesRange}, such as Argo CD 3.2 with 1.31 to 1.34). The bundled data
 * ({@link #bundled()}) is read once from {@code dev/platformkit/upgrade/controllers.yaml}; every row
 * names its public source. Instances are immutable and thread-safe.
 *
 * <p>For EKS add-ons, {@code DescribeAddonVersions} is the authority for the versions EKS offers per
 * cluster version; these rows add what it does not say (a minimum before the update).
 */
public final class ControllerCompatibility {
  static final String RESOURCE = "controllers.yaml";
  private static final Set<String> REQUIREMENT_FIELDS = Set.of("controller", "fromKubernetes", "minimumVersion", "reason", "source");
  private static final Set<String> TESTED_FIELDS = Set.of("controller", "controllerMinor", "oldestKubernetes", "newestKubernetes", "source");

  private final List<ControllerRequirement> requirements;
  private final List<TestedKubernetesRange> tested;

  private ControllerCompatibility(List<ControllerRequirement> requirements, List<TestedKubernetesRange> tested) {
    this.requirements = requirements.stream()
        .sorted(Comparator.comparing(ControllerRequirement::controller).thenComparing(ControllerRequirement::fromKubernetes)).toList();
    this.tested = tested.stream()
        .sorted(Comparator.comparing(TestedKubernetesRange::controller)
            .thenComparing((a, b) -> ControllerVersions.compare(a.controllerMinor(), b.controllerMinor()))).toList();
    for (int i = 1; i < this.tested.size(); i++) {
      TestedKubernetesRange a = this.tested.get(i - 1);
      TestedKubernetesRange b = this.tested.get(i);
      if (a.controller().equals(b.controller()) && ControllerVersions.compare(a.controllerMinor(), b.controllerMinor()) == 0) {
        throw new IllegalArgumentException("the tested ranges list " + a.controller() + " " + a.controllerMinor() + " twice");
      }
    }
  }

  private static final class Bundled {
    static final ControllerCompatibility INSTANCE = of(KnowledgeFile.bundled(RESOURCE));
  }

  /** The data bundled with the library. */
  public static ControllerCompatibility bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * Data read from a YAML document of the bundled file's form (lists {@code requirements} and
   * {@code tested}).
   *
   * @param name the document's name, used in error messages
   * @throws IllegalArgumentException naming the row and field at fault
   */
  public static ControllerCompatibility read(String name, InputStream yaml) throws IOException {
    return of(KnowledgeFile.read(name, yaml));
  }

  private static ControllerCompatibility of(KnowledgeFile file) {
    return new ControllerCompatibility(
        file.rows("requirements", REQUIREMENT_FIELDS, row -> new ControllerRequirement(
            row.text("controller"), row.version("fromKubernetes"), row.text("minimumVersion"), row.text("reason"), row.text("source"))),
        file.rows("tested", TESTED_FIELDS, row -> new TestedKubernetesRange(
            row.text("controller"), row.text("controllerMinor"), row.version("oldestKubernetes"), row.version("newestKubernetes"),
            row.text("source"))));
  }

  /** Every requirement, by controller then Kubernetes minor. */
  public List<ControllerRequirement> requirements() {
    return requirements;
  }

  /** Every tested range, by controller then release line. */
  public List<TestedKubernetesRange> tested() {
    return tested;
  }

  /**
   * The strictest requirement on {@code controller} at {@code kubernetes}: of the rows that apply from
   * that minor or before, the one with the highest minimum version; empty when none applies.
   */
  public Optional<ControllerRequirement> requirement(String controller, KubernetesVersion kubernetes) {
    KubernetesVersion k = kubernetes.toMinor();
    return requirements.stream()
        .filter(r -> r.controller().equals(controller) && !r.fromKubernetes().isAfter(k))
        .max((a, b) -> ControllerVersions.compare(a.minimumVersion(), b.minimumVersion()));
  }

  /**
   * Whether {@code installedVersion} of {@code controller} meets what {@code kubernetes} requires;
   * true when nothing is required.
   *
   * @throws IllegalArgumentException when {@code installedVersion} is not a version
   */
  public boolean meetsRequirement(String controller, String installedVersion, KubernetesVersion kubernetes) {
    ControllerVersions.parse(installedVersion, "installedVersion");
    return requirement(controller, kubernetes).map(r -> r.isMetBy(installedVersion)).orElse(true);
  }

  /** The tested range of the release line {@code controllerVersion} belongs to, if known. */
  public Optional<TestedKubernetesRange> testedRange(String controller, String controllerVersion) {
    return tested.stream().filter(t -> t.controller().equals(controller) && t.includes(controllerVersion)).findFirst();
  }
}
