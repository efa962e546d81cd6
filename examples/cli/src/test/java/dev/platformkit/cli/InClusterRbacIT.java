package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.schedule.InCluster;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.spec.SpecWriter;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RBAC that {@link InCluster} renders is enough: every request a reconcile makes (sleeping a
 * Deployment, its HPA and a CronJob, reading PodDisruptionBudgets and Argo CD Applications) is allowed
 * by the rendered Roles and ClusterRole. The mock server does not enforce RBAC, so the requests it
 * recorded are checked against the rules here.
 */
class InClusterRbacIT {
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
  // /api/v1/namespaces/ns/pods/name or /apis/group/version/namespaces/ns/plural/name, each part optional
  private static final Pattern PATH = Pattern.compile(
      "/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/([^/?]+))?/([^/?]+)(?:/([^/?]+))?(?:\\?(.*))?");

  @TempDir
  Path dir;

  private KubernetesMockServer server;
  private KubernetesClient client;
  private Path kubeconfig;

  @BeforeEach
  void start() throws IOException {
    MOCK_LOG.setLevel(Level.WARNING);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    kubeconfig = dir.resolve("kubeconfig");
    Cli.kubeconfig(kubeconfig, "mock", server.url("/"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private record Rule(String namespace, String group, String resource, String verb) {}

  @Test
  void everyRequestOfAReconcileIsAllowedByTheRenderedRbac() throws Exception {
    Schedule schedule = Schedule.builder().name("payments-nonprod").timeZone("Europe/Berlin")
        .addWindows(Window.parse("Mon-Fri 07:30-20:30"))
        .targets(Targets.builder().addNamespaces("payments-dev").build())
        .downtimeReplicas(1).gracePeriod(Duration.ZERO).build();
    Path spec = dir.resolve("schedule.yaml");
    Files.writeString(spec, SpecWriter.yaml().write(schedule));
    cluster();
    drain();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new String[] {"schedule", "reconcile", "--kubeconfig", kubeconfig.toString(),
        "--at", "2030-01-07T22:00:00Z", spec.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("applied 3 changes").contains("! PodDisruptionBudget payments-dev/api");
    assertThat(client.apps().deployments().inNamespace("payments-dev").withName("api").get().getSpec().getReplicas()).isEqualTo(1);
    List<String> requests = drain();
    assertThat(requests).anyMatch(r -> r.startsWith("PATCH ")).anyMatch(r -> r.contains("applications"));

    List<Rule> allowed = rules(InCluster.render(schedule, "registry.example.com/platform:0.1.0", "platformkit"));
    for (String request : requests) {
      assertThat(allowed).as(request).contains(needed(request));
    }
  }

  private void cluster() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("payments-dev").endMetadata().build()).create();
    client.apps().deployments().inNamespace("payments-dev").resource(new DeploymentBuilder()
        .withNewMetadata().withName("api").endMetadata()
        .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "api").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("example/api:1").endContainer().endSpec().endTemplate()
        .endSpec().build()).create();
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("payments-dev").resource(new HorizontalPodAutoscalerBuilder()
        .withNewMetadata().withName("api").endMetadata()
        .withNewSpec().withMinReplicas(2).withMaxReplicas(6)
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("api").endScaleTargetRef()
        .endSpec().build()).create();
    client.batch().v1().cronjobs().inNamespace("payments-dev").resource(new CronJobBuilder()
        .withNewMetadata().withName("report").endMetadata()
        .withNewSpec().withSchedule("0 * * * *").withSuspend(false).withNewJobTemplate().withNewSpec().withNewTemplate()
        .withNewSpec().addNewContainer().withName("report").withImage("example/report:1").endContainer()
        .withRestartPolicy("Never").endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build()).create();
    client.policy().v1().podDisruptionBudget().inNamespace("payments-dev").resource(new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("api").endMetadata()
        .withNewSpec().withMinAvailable(new IntOrString(2)).withNewSelector().addToMatchLabels("app", "api").endSelector()
        .endSpec().build()).create();
  }

  // every request recorded since the last call, as "METHOD path"
  private List<String> drain() throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(200, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
      out.add(r.getMethod() + " " + r.getPath());
    }
    return out;
  }

  // the RBAC verb a request needs, where (null: cluster-wide)
  private static Rule needed(String request) {
    String method = request.substring(0, request.indexOf(' '));
    Matcher m = PATH.matcher(request.substring(method.length() + 1));
    assertThat(m.matches()).as("a resource request: " + request).isTrue();
    String group = m.group(1) == null ? "" : m.group(1);
    String query = m.group(5) == null ? "" : m.group(5);
    String verb = switch (method) {
      case "GET" -> query.contains("watch=true") ? "watch" : m.group(4) == null ? "list" : "get";
      case "PATCH" -> "patch";
      case "PUT" -> "update";
      case "POST" -> "create";
      case "DELETE" -> "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
    return new Rule(m.group(2), group, m.group(3), verb);
  }

  // the rendered rules, one per (namespace, group, resource, verb); a ClusterRole's namespace is null
  @SuppressWarnings("unchecked")
  private static List<Rule> rules(List<Map<String, Object>> objects) {
    List<Rule> out = new ArrayList<>();
    for (Map<String, Object> o : objects) {
      String kind = (String) o.get("kind");
      if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
        continue;
      }
      String namespace = (String) ((Map<String, Object>) o.get("metadata")).get("namespace");
      for (Map<String, Object> rule : (List<Map<String, Object>>) o.get("rules")) {
        for (String group : (List<String>) rule.get("apiGroups")) {
          for (String resource : (List<String>) rule.get("resources")) {
            for (String verb : (List<String>) rule.get("verbs")) {
              out.add(new Rule(namespace, group, resource, verb));
            }
          }
        }
      }
    }
    return out;
  }
}
