package dev.platformkit.k8s;

import dev.platformkit.aws.AwsBackend;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.FakeAcmClient;
import dev.platformkit.testkit.aws.FakeRoute53Client;
import dev.platformkit.testkit.contract.SiteContract;
import dev.platformkit.testkit.sim.SiteWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The site contract with Kubernetes as {@link KubernetesBackend} on the CRUD mock server that behaves like the
 * recorded v1.28 API server ({@link MockCluster#crud()}) and AWS as {@code AwsBackend} on the testkit's ACM and
 * Route53 fakes (the fake ACM issues once the validation records exist in the fake Route53). Letting time pass
 * plays Argo CD and the AWS Load Balancer Controller on the mock server through the fabric8 client, as they
 * would act on a cluster: see {@link Controllers}.
 */
class KubernetesSiteContractIT extends SiteContract {
  private static final String REGION = "eu-west-1";
  private static final String ACCOUNT = "111122223333";
  private final List<MockCluster> clusters = new ArrayList<>();

  @AfterEach
  void stop() {
    clusters.forEach(MockCluster::close);
  }

  @Override
  protected World world() {
    FakeClock clock = FakeClock.standard();
    FakeRoute53Client route53 = new FakeRoute53Client(clock).addZone("Z0SHOP", ZONE);
    FakeAcmClient acm = new FakeAcmClient(clock, route53, REGION, ACCOUNT).issuanceDelay(Duration.ofMinutes(2));
    AwsBackend aws = AwsBackend.builder().acm(acm).route53(route53).build();
    MockCluster cluster = MockCluster.crud();
    clusters.add(cluster);
    cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SiteWorld.ARGOCD_NAMESPACE)
        .endMetadata().build()).create();
    KubernetesBackend k8s = KubernetesBackend.create(cluster.client);
    Controllers controllers = new Controllers(cluster.client, k8s, clock, "");
    Controllers[] second = new Controllers[1];
    return new World() {
      @Override
      public ResourceStore secondCluster() {
        if (second[0] == null) {
          MockCluster green = MockCluster.crud();
          clusters.add(green);
          green.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SiteWorld.ARGOCD_NAMESPACE)
              .endMetadata().build()).create();
          second[0] = new Controllers(green.client, KubernetesBackend.create(green.client), clock, "#green");
          second[0].provisioning = controllers.provisioning;
        }
        return second[0].backend;
      }

      @Override
      public ResourceStore kubernetes() {
        return k8s;
      }

      @Override
      public ResourceStore aws() {
        return aws;
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public void advance(Duration d) {
        clock.advance(d);
        Map<String, List<String>> users = controllers.run();
        if (second[0] != null) {
          second[0].run().forEach((arn, lbs) -> users.computeIfAbsent(arn, a -> new ArrayList<>()).addAll(lbs));
        }
        acm.setInUse(users);
      }

      @Override
      public void issuing(boolean on) {
        acm.issuanceDelay(on ? Duration.ofMinutes(2) : Duration.ofDays(3650));
      }

      @Override
      public void provisioning(boolean on) {
        controllers.provisioning = on;
        if (second[0] != null) {
          second[0].provisioning = on;
        }
      }

      @Override
      public String foreignCertificate(List<String> domains) {
        String arn = acm.requestValidatedByOthers("Z0SHOP", domains);
        clock.advance(Duration.ofMinutes(3));
        return arn;
      }

      @Override
      public void foreignRecord(String name, String type, String value) {
        route53.addRecord("Z0SHOP", ResourceRecordSet.builder().name(name).type(type).ttl(300L)
            .resourceRecords(ResourceRecord.builder().value(value).build()).build());
      }
    };
  }

  /**
   * Argo CD and the AWS Load Balancer Controller on the mock server: an Application of a site that has existed
   * for the provision delay gets an Ingress in its destination namespace (label {@code app.kubernetes.io/instance}
   * = its name, the ALB annotations of its Helm values) with a load balancer hostname in its status, and is
   * {@code Synced}/{@code Healthy}; an Application being deleted has its Ingress deleted, then its finalizer
   * removed. {@link #run} says which load balancers use which certificate, for the fake ACM. A second cluster's
   * controllers name their load balancers differently ({@code salt}).
   */
  static final class Controllers {
    private static final ResourceDefinitionContext APPLICATIONS = new ResourceDefinitionContext.Builder()
        .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications").withNamespaced(true).build();
    private static final String CERTIFICATE_ANNOTATION = "alb.ingress.kubernetes.io/certificate-arn";
    private static final String GROUP_ANNOTATION = "alb.ingress.kubernetes.io/group.name";
    private static final Duration PROVISION_DELAY = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final KubernetesBackend backend;
    private final Clock clock;
    private final String salt;
    private final Map<String, Instant> seen = new HashMap<>();
    boolean provisioning = true;

    Controllers(KubernetesClient client, KubernetesBackend backend, Clock clock, String salt) {
      this.client = client;
      this.backend = backend;
      this.clock = clock;
      this.salt = salt;
    }

    Map<String, List<String>> run() {
      Instant now = clock.instant();
      Set<String> present = new HashSet<>();
      for (GenericKubernetesResource app : client.genericKubernetesResources(APPLICATIONS).inAnyNamespace().list().getItems()) {
        Map<String, String> labels = app.getMetadata().getLabels() == null ? Map.of() : app.getMetadata().getLabels();
        if (!backend.marks().owner(labels).orElse("").startsWith("site.")) {
          continue;
        }
        String key = app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
        present.add(key);
        Instant since = seen.computeIfAbsent(key, k -> now);
        String namespace = String.valueOf(at(app.getAdditionalProperties(), "spec", "destination", "namespace"));
        String name = app.getMetadata().getName();
        if (app.getMetadata().getDeletionTimestamp() != null) {
          // Argo CD's resources finalizer: delete what the Application deployed, then let it go
          client.network().v1().ingresses().inNamespace(namespace).withName(name).delete();
          List<String> others = app.getMetadata().getFinalizers().stream().filter(f -> !f.equals(SiteObjects.FINALIZER)).toList();
          patch(app, Map.of("metadata", Map.of("finalizers", others)));
          continue;
        }
        if (!provisioning || now.isBefore(since.plus(PROVISION_DELAY)) || !ingress(app, namespace, name)) {
          status(app, "Progressing", "OutOfSync");
          continue;
        }
        status(app, "Healthy", "Synced");
      }
      seen.keySet().retainAll(present);
      return certificatesInUse();
    }

    // creates or keeps the Ingress of app as the chart and the load balancer controller make it; false when it cannot be
    private boolean ingress(GenericKubernetesResource app, String namespace, String name) {
      Object values = at(app.getAdditionalProperties(), "spec", "source", "helm", "valuesObject", "ingress", "annotations");
      Map<String, String> annotations = new HashMap<>();
      if (values instanceof Map<?, ?> m) {
        for (String a : List.of(GROUP_ANNOTATION, CERTIFICATE_ANNOTATION)) {
          if (m.get(a) != null) {
            annotations.put(a, String.valueOf(m.get(a)));
          }
        }
      }
      String group = annotations.computeIfAbsent(GROUP_ANNOTATION, g -> name);
      Ingress current = client.network().v1().ingresses().inNamespace(namespace).withName(name).get();
      try {
        if (current == null) {
          current = client.network().v1().ingresses().inNamespace(namespace).resource(new IngressBuilder()
              .withNewMetadata().withName(name).withNamespace(namespace).addToLabels(SiteObjects.INSTANCE_LABEL, name)
              .withAnnotations(annotations).endMetadata()
              .withNewSpec().withIngressClassName("alb").withNewDefaultBackend().withNewService().withName(name)
              .withNewPort().withNumber(80).endPort().endService().endDefaultBackend().endSpec().build()).create();
        } else if (!Objects.equals(current.getMetadata().getAnnotations(), annotations)) {
          current.getMetadata().setAnnotations(annotations);
          current = client.network().v1().ingresses().inNamespace(namespace).resource(current).update();
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return false; // Argo CD cannot deploy to a namespace that does not exist
        }
        throw e;
      }
      String hostname = hostname(group + salt);
      if (current.getStatus() == null || current.getStatus().getLoadBalancer() == null
          || current.getStatus().getLoadBalancer().getIngress().isEmpty()
          || !hostname.equals(current.getStatus().getLoadBalancer().getIngress().get(0).getHostname())) {
        current.setStatus(new IngressStatusBuilder().withNewLoadBalancer().addNewIngress().withHostname(hostname).endIngress()
            .endLoadBalancer().build());
        client.network().v1().ingresses().inNamespace(namespace).resource(current).updateStatus();
      }
      return true;
    }

    // the Application CRD has no status subresource: Argo CD writes status into the object
    private void status(GenericKubernetesResource app, String health, String sync) {
      if (health.equals(at(app.getAdditionalProperties(), "status", "health", "status"))
          && sync.equals(at(app.getAdditionalProperties(), "status", "sync", "status"))) {
        return;
      }
      patch(app, Map.of("status", Map.of("health", Map.of("status", health), "sync", Map.of("status", sync))));
    }

    private void patch(GenericKubernetesResource app, Map<String, Object> patch) {
      client.genericKubernetesResources(APPLICATIONS).inNamespace(app.getMetadata().getNamespace()).withName(app.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), io.fabric8.kubernetes.client.utils.Serialization.asJson(patch));
    }

    private Map<String, List<String>> certificatesInUse() {
      Map<String, List<String>> users = new HashMap<>();
      for (Ingress ingress : client.network().v1().ingresses().inAnyNamespace().list().getItems()) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations() == null ? Map.of() : ingress.getMetadata().getAnnotations();
        String arn = annotations.get(CERTIFICATE_ANNOTATION);
        if (arn != null) {
          String group = annotations.getOrDefault(GROUP_ANNOTATION, ingress.getMetadata().getName());
          users.computeIfAbsent(arn, a -> new ArrayList<>())
              .add("arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":loadbalancer/app/" + group.replaceAll("[^A-Za-z0-9-]", "-")
                  + "/" + hash(group + salt, 8));
        }
      }
      return users;
    }

    // k8s-<group>-<hash>.<region>.elb.amazonaws.com, as the controller names the ALB of an Ingress group
    static String hostname(String group) {
      String g = group.replaceAll("[^a-z0-9]", "");
      return "k8s-" + g.substring(0, Math.min(8, g.length())) + "-" + hash(group, 5) + "." + REGION + ".elb.amazonaws.com";
    }

    private static String hash(String s, int bytes) {
      try {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, bytes);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static Object at(Map<String, Object> body, String... path) {
      Object o = body;
      for (String p : path) {
        o = o instanceof Map<?, ?> m ? m.get(p) : null;
      }
      return o;
    }
  }
}
