package dev.platformkit.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.schedule.NodeGroup;
import dev.platformkit.schedule.OverrideMode;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.ScheduleOverride;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.schedule.WorkloadKind;
import dev.platformkit.site.Alb;
import dev.platformkit.site.AlbScheme;
import dev.platformkit.site.ArgoCd;
import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Expiry;
import dev.platformkit.site.Site;
import dev.platformkit.site.Source;
import dev.platformkit.site.Tls;
import dev.platformkit.tenant.ContainerLimits;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.NetworkIsolation;
import dev.platformkit.tenant.PodSecurity;
import dev.platformkit.tenant.PodSecurityLevel;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.upgrade.BlueGreen;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.SkewPolicy;
import dev.platformkit.upgrade.Strategy;
import dev.platformkit.upgrade.UpgradePlan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Writing a value and reading it back gives an equal value, for every kind, in YAML and JSON. */
class SpecRoundTripTest {
  private final SpecReader reader = SpecReader.create();

  static Stream<Object> values() {
    return Stream.of(
        Tenant.builder().name("minimal").build(),
        Tenant.builder()
            .name("payments")
            .putLabels("cost-center", "cc-1234")
            .putLabels("yes", "on") // strings YAML 1.1 would read as booleans
            .addNamespaces(Namespace.builder().name("payments-dev").putLabels("env", "dev").putQuota("requests.cpu", "4").build())
            .addNamespaces(Namespace.builder().name("payments-stage").putAnnotations("note", "multi\nline: text\n").build())
            .addMembers(Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build())
            .addMembers(Member.builder().kind(MemberKind.ServiceAccount).name("deployer").namespace("payments-dev").build())
            .addMembers(Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/ci").role(Role.ADMIN).build())
            .putQuota("requests.cpu", "8")
            .putQuota("limits.memory", "1.20")
            .putQuota("pods", "1e3")
            .limits(ContainerLimits.builder().putMax("cpu", "2").putDefaultRequest("memory", "128Mi").build())
            .network(NetworkIsolation.builder().allowSameTenant(false).addAllowFrom("ingress-nginx").build())
            .podSecurity(PodSecurity.builder().enforce(PodSecurityLevel.PRIVILEGED).version("v1.29").build())
            .addHostnames("payments.example.com", "*.payments.example.com")
            .preventDeletion(true)
            .build(),
        // present but empty is not the same as absent
        Tenant.builder().name("empty-limits").limits(ContainerLimits.builder().build()).build(),
        Schedule.builder()
            .name("office-hours")
            .timeZone("America/New_York")
            .addWindows(Window.parse("Mon-Fri 22:00-06:00"), Window.parse("Sat,Sun 10:00-24:00"))
            .addHolidays(LocalDate.of(2025, 12, 25))
            .override(ScheduleOverride.builder().mode(OverrideMode.DOWN)
                .start(Instant.parse("2025-06-01T00:00:00Z")).until(Instant.parse("2025-06-08T00:00:00Z")).reason("offsite").build())
            .targets(Targets.builder()
                .addNamespaces("search-dev")
                .putLabelSelector("tier", "web")
                .kinds(List.of(WorkloadKind.CronJob))
                .addNodeGroups(NodeGroup.of("dev", "batch"))
                .addRdsInstances("search-db")
                .addAutoScalingGroups("search asg")
                .build())
            .downtimeReplicas(1)
            .gracePeriod(Duration.ZERO)
            .suspended(true)
            .build(),
        Site.builder()
            .name("preview-jdoe")
            .tenant("shop")
            .environment(Environment.PREVIEW)
            .addHosts("jdoe.preview.shop.example.com")
            .namespace("shop-previews")
            .addComponents(Component.of("web", Source.builder().repoURL("git@github.com:acme/shop.git").targetRevision("main").path("charts/shop")
                .addValueFiles("values.yaml").values("replicas: 1\nimage: {tag: \"123\"}\n").build()).withBranch("feature/x"))
            .addComponents(Component.of("api", Source.builder().repoURL("https://github.com/acme/api.git").targetRevision("v1.2.0").path(".").build()))
            .dns(Dns.builder().hostedZone("shop.example.com").ttl(60).build())
            .alb(Alb.builder().scheme(AlbScheme.INTERNAL).groupName("previews").healthCheckPath("/healthz").build())
            .argocd(ArgoCd.builder().autoSync(false).build())
            .expiry(Expiry.parse("1d12h"))
            .build(),
        Site.builder()
            .name("shop")
            .tenant("shop")
            .environment(Environment.STAGING)
            .addHosts("staging.shop.example.com")
            .addComponents(Component.of("shop", Source.builder().repoURL("oci://registry.example.com/charts").targetRevision(">=1.0.0 <2.0.0").chart("shop").build()))
            .tls(Tls.none())
            .expiry(Expiry.at(Instant.parse("2026-12-01T18:00:00Z")))
            .build(),
        UpgradePlan.builder().cluster("shop-prod").targetVersion(KubernetesVersion.parse("1.30")).build(),
        UpgradePlan.builder()
            .cluster("Shop_Prod")
            .currentVersion(KubernetesVersion.parse("1.20"))
            .targetVersion(KubernetesVersion.parse("1.27"))
            .strategy(Strategy.BLUE_GREEN)
            .nodeSkew(SkewPolicy.RELAXED)
            .blueGreen(BlueGreen.builder().greenCluster("shop-green").addTrafficSteps(5, 25, 100).build())
            .build());
  }

  @ParameterizedTest
  @MethodSource("values")
  void yamlReadsBackEqual(Object value) {
    String yaml = SpecWriter.yaml().write(value);

    assertThat(reader.read("v.yaml", yaml).all()).singleElement().extracting(SpecDocument::value).as(yaml).isEqualTo(value);
  }

  @ParameterizedTest
  @MethodSource("values")
  void jsonReadsBackEqual(Object value) {
    String json = SpecWriter.json().write(value);

    assertThat(reader.read("v.json", json).all()).singleElement().extracting(SpecDocument::value).as(json).isEqualTo(value);
  }

  @Test
  void manyDocumentsReadBackEqualInOrder() {
    List<Object> all = values().toList();

    assertThat(reader.read("all.yaml", SpecWriter.yaml().writeAll(all)).values(Object.class)).containsExactlyElementsOf(all);
    assertThat(reader.read("all.json", SpecWriter.json().writeAll(all)).values(Object.class)).containsExactlyElementsOf(all);
  }

  @Test
  void theGoodDocumentsReadBackEqualAndWriteStably() {
    Specs specs = reader.read(SpecReaderTest.resource("spec/good"));
    List<Object> read = specs.values(Object.class);

    String written = SpecWriter.yaml().writeAll(read);
    assertThat(SpecWriter.yaml().writeAll(specs.all())).isEqualTo(written);
    List<Object> again = reader.read("again.yaml", written).values(Object.class);

    assertThat(again).containsExactlyElementsOf(read);
    assertThat(SpecWriter.yaml().writeAll(again)).isEqualTo(written);
  }
}
