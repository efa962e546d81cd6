package com.example.onboarding;

import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.aws.AwsBackend;
import dev.platformkit.k8s.KubernetesBackend;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * The tool's entry point on a real cluster: {@code onboard TEAM GROUP CLUSTER [--apply]} with the current
 * kubeconfig context and the AWS default credential chain. Prints the plan; applies it with {@code --apply}.
 */
public final class OnboardingTool {
  private OnboardingTool() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: onboard TEAM GROUP CLUSTER [--apply]");
      System.exit(1);
    }
    // one retry layer: the platform's RetryPolicy retries throttling, 429, 5xx and conflicts, so the
    // clients make one attempt per call
    Config config = new ConfigBuilder(Config.autoConfigure(null)).withRequestRetryBackoffLimit(0).build();
    RetryStrategy once = AwsRetryStrategy.doNotRetry();
    try (KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(config).build();
         EksClient eks = EksClient.builder()
             .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(once).build())
             .build()) {
      Platform platform = Platform.builder()
          .kubernetes(KubernetesBackend.create(kubernetes))
          .aws(AwsBackend.builder().eks(eks).clusterName(args[2]).build())
          .build();
      Onboarding onboarding = new Onboarding(platform);
      Plan plan = onboarding.preview(args[0], args[1]);   // reads, writes nothing
      System.out.println(plan.render());
      if (args.length > 3 && args[3].equals("--apply")) {
        System.out.println(onboarding.onboard(args[0], args[1]));   // refuses if the state drifted since
      }
    }
  }
}
