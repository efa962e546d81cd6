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

  private static <T> T on(Where where, String kubeconfig, boolean writes, Function<Platform, T> work) {
    if (where.embedded()) {
      Path state = Path.of(where.state());
      InMemoryStore kubernetes = InMemoryStore.kubernetes();
      InMemoryStore aws = InMemoryStore.aws();
      kubernetes.load(state.resolve("kubernetes.json"));
      aws.load(state.resolve("aws.json"));
      InMemoryPlatform memory = InMemoryPlatform.of(kubernetes, aws, IamAccess.ACCESS_ENTRIES,
          dev.platformkit.ProgressListener.NONE);
      T result = work.apply(memory.platform());
      if (!writes) {
        return result;
      }
      try {
        Files.createDirectories(state);
      } catch (IOException e) {
        throw new PlatformException("cannot create state directory " + state.toAbsolutePath() + ": " + e.getMessage());
      }
      memory.kubernetes().save(state.resolve("kubernetes.json"));
      memory.aws().save(state.resolve("aws.json"));
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
