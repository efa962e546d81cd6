package dev.platformkit.jenkins;

import dev.platformkit.ApplyResult;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.k8s.KubernetesBackend;
import dev.platformkit.spec.SpecReader;
import dev.platformkit.spec.Specs;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.InMemoryStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.io.StringReader;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.ManifestScanner;
import dev.platformkit.upgrade.Planner;
import dev.platformkit.upgrade.ScanResult;
import dev.platformkit.upgrade.UpgradePlan;
import dev.platformkit.upgrade.UpgradeReport;
import java.util.function.Function;

/**
 * The library behind the {@code vars/} steps. Every method builds its platform, does its work and closes
 * what it opened, so that nothing unserializable outlives a step (Jenkins checkpoints the pipeline between
 * steps). The steps hand over {@link SavedPlan}s and strings only.
 */
public final class Pipelines {
  private Pipelines() {}

  /**
   * Plans the tenants of the spec files given as texts (file name to content, as the step read them with
   * {@code readFile}: pipeline code runs on the controller, the files are in the agent's workspace).
   *
   * @param texts spec files by name; a name ending in {@code .json} is JSON, others YAML
   * @param where where to plan
   * @param kubeconfig the content of {@code where.kubeconfig()} read by the step, or null for the embedded backend.
   *     Passed in, never kept: a saved plan holds no credentials
   * @throws dev.platformkit.ValidationException naming file:line of every invalid spec
   */
  public static SavedPlan plan(Map<String, String> texts, Where where, String kubeconfig) {
    if (texts.isEmpty()) {
      throw new PlatformException("no spec documents (*.yaml, *.yml, *.json) found in " + where.specs());
    }
    Specs specs = SpecReader.create().read(texts);
    Plan plan = on(where, kubeconfig, false, platform -> platform.tenants().plan(specs.tenants()));
    return new SavedPlan(plan, where);
  }

  /**
   * Applies exactly {@code saved}, where it was made. Refuses with a {@link dev.platformkit.StalePlanException}
   * when what it would change has changed since it was made (plan again then), before writing anything.
   *
   * @param kubeconfig the content of the kubeconfig file, read again by the step; null for the embedded backend
   * @return what was done, for the build log
   */
  public static String apply(SavedPlan saved, String kubeconfig) {
    if (saved.isEmpty()) {
      return "no changes";
    }
    ApplyResult result = on(saved.where(), kubeconfig, true, platform -> platform.tenants().apply(saved.plan()));
    return result.toString();
  }

  /**
   * Plans an upgrade offline from manifests: scans the texts (file name to content, as the step read them) for
   * API versions deprecated or removed on the way and plans every hop from {@code from} to {@code to}.
   *
   * @param texts manifest files by name ({@code helm template} and {@code kustomize build} output included)
   * @param cluster the cluster's name in the report
   * @param from the version the cluster runs, such as {@code 1.20}
   * @param to the version to upgrade to, such as {@code 1.27}
   * @return the report (serializable); findings point to {@code file:line}
   * @throws dev.platformkit.ValidationException naming the argument when a version does not parse or {@code to}
   *     is not after {@code from}
   */
  public static UpgradeReport upgradePlan(Map<String, String> texts, String cluster, String from, String to) {
    UpgradePlan request = UpgradePlan.builder()
        .cluster(cluster)
        .currentVersion(KubernetesVersion.parse(from))
        .targetVersion(KubernetesVersion.parse(to))
        .build();
    ManifestScanner scanner = ManifestScanner.create();
    List<Inventory.ApiUsage> usages = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> file : new TreeMap<>(texts).entrySet()) {
      String name = file.getKey();
      ScanResult result = scanner.scan(name, new StringReader(file.getValue()), Inventory.Origin.FILE,
          (line, source) -> name + ":" + line + (source == null ? "" : " (" + source + ")"), usages::add);
      result.problems().forEach(p -> problems.add(p.toString()));
    }
    if (!problems.isEmpty()) {
      // an unreadable manifest could hide a removed API: not a plan to trust
      throw new PlatformException("cannot read " + problems.size() + " manifest(s): " + String.join("; ", problems));
    }
    Inventory inventory = Inventory.empty();
    inventory = new Inventory(inventory.controlPlane(), usages, inventory.nodes(), inventory.nodeGroups(),
        inventory.addOns(), inventory.controllers());
    return Planner.create().plan(request, inventory);
  }

  private static <T> T on(Where where, String kubeconfig, boolean writes, Function<Platform, T> work) {
    if (where.embedded()) {
      // the same state document as the CLI's --state directory, written atomically
      Path file = Path.of(where.state()).resolve("state.json");
      InMemoryPlatform memory = InMemoryPlatform.of(InMemoryStore.kubernetes(), InMemoryStore.aws(),
          IamAccess.ACCESS_ENTRIES, dev.platformkit.ProgressListener.NONE);
      if (Files.exists(file)) {
        memory.restoreFrom(file);
      }
      T result = work.apply(memory.platform());
      if (writes) {
        try {
          Files.createDirectories(file.getParent());
        } catch (IOException e) {
          throw new PlatformException("cannot create state directory " + file.getParent().toAbsolutePath() + ": " + e.getMessage());
        }
        memory.snapshot(file);
      }
      return result;
    }
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config(where, kubeconfig)).build()) {
      return work.apply(Platform.builder().kubernetes(KubernetesBackend.create(client)).build());
    }
  }

  private static Config config(Where where, String kubeconfig) {
    if (kubeconfig == null) {
      throw new PlatformException("kubeconfig " + where.kubeconfig() + " was not read");
    }
    return Config.fromKubeconfig(where.context(), kubeconfig, null);
  }
}
