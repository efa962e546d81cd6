package dev.platformkit.cli;

import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.aws.AwsBackend;
import dev.platformkit.k8s.KubernetesBackend;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.InMemoryStore;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

/** Where the commands act: the embedded in-memory backend (default) or a real cluster and AWS account. */
final class Target implements AutoCloseable {

  @Option(names = "--state", paramLabel = "DIR", defaultValue = ".platformkit",
      description = "State directory of the embedded in-memory backend (default: ${DEFAULT-VALUE}).")
  Path state;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Act on a real cluster from this kubeconfig instead of the embedded backend.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME",
      description = "kubeconfig context of the real cluster (default: the current context).")
  String context;

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "EKS cluster name, for the access entries of IamRole members (real cluster only).")
  String cluster;

  @Option(names = "--region", paramLabel = "REGION", description = "AWS region of the EKS cluster (default: the SDK's).")
  String region;

  @Option(names = "--iam-access", paramLabel = "MODE", defaultValue = "ACCESS_ENTRIES",
      description = "How IamRole members get in: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  IamAccess iamAccess;

  private InMemoryPlatform memory;
  private String resolved;
  private KubernetesClient client;
  private EksClient eks;

  boolean embedded() {
    return kubeconfig == null && context == null;
  }

  String describe() {
    return embedded() ? "embedded in-memory backend (state in " + state + ")" : "cluster (" + resolved + ")";
  }

  Platform platform(PrintWriter out) {
    ProgressListener listener = new ProgressListener() {
      @Override
      public void retrying(dev.platformkit.Change change, int attempt, PlatformException cause) {
        out.println("  retrying " + change + " (attempt " + (attempt + 1) + "): " + cause.getMessage());
      }
    };
    if (embedded()) {
      InMemoryStore k8s = InMemoryStore.kubernetes();
      InMemoryStore aws = InMemoryStore.aws();
      k8s.load(state.resolve("kubernetes.json"));
      aws.load(state.resolve("aws.json"));
      memory = InMemoryPlatform.of(k8s, aws, iamAccess, listener);
      return memory.platform();
    }
    client = new KubernetesClientBuilder().withConfig(config()).build();
    Platform.Builder builder = Platform.builder().kubernetes(KubernetesBackend.create(client))
        .iamAccess(iamAccess).listener(listener);
    if (cluster != null) {
      var eksBuilder = EksClient.builder();
      if (region != null) {
        eksBuilder.region(Region.of(region));
      }
      eks = eksBuilder.build();
      builder.aws(AwsBackend.builder().eks(eks).clusterName(cluster).build());
    }
    return builder.build();
  }

  /** Saves the embedded state after a write. */
  void save() {
    if (memory != null) {
      memory.kubernetes().save(state.resolve("kubernetes.json"));
      memory.aws().save(state.resolve("aws.json"));
    }
  }

  private Config config() {
    Config config;
    try {
      config = kubeconfig == null ? Config.autoConfigure(context)
          : Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
    } catch (IOException | RuntimeException e) {
      throw new PlatformException("cannot read kubeconfig " + (kubeconfig == null ? "(default)" : kubeconfig)
          + ": " + e.getMessage(), e, false);
    }
    // fabric8 falls back to the current context when the named one is missing: a typo must not reach prod
    if (context != null && (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName()))) {
      List<String> known = config.getContexts() == null ? List.of()
          : config.getContexts().stream().map(NamedContext::getName).toList();
      throw new PlatformException("context \"" + context + "\" is not in the kubeconfig (contexts: " + known + ")");
    }
    resolved = (config.getCurrentContext() == null ? "" : "context " + config.getCurrentContext().getName() + ", ")
        + config.getMasterUrl();
    return config;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    if (eks != null) {
      eks.close();
    }
  }
}
