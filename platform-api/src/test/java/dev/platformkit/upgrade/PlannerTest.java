package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.platformkit.ResourceRef;
import dev.platformkit.ValidationException;
import dev.platformkit.upgrade.Inventory.AddOn;
import dev.platformkit.upgrade.Inventory.AddOnVersion;
import dev.platformkit.upgrade.Inventory.ApiUsage;
import dev.platformkit.upgrade.Inventory.ControllerVersion;
import dev.platformkit.upgrade.Inventory.NodeGroupVersion;
import dev.platformkit.upgrade.Inventory.NodeVersion;
import dev.platformkit.upgrade.Inventory.Origin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Planner PLANNER = Planner.create();

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  private static Hop hop(String from, String to) {
    return new Hop(v(from), v(to));
  }

  private static UpgradePlan.Builder request(String from, String to) {
    return UpgradePlan.builder().cluster("shop-prod").currentVersion(v(from)).targetVersion(v(to));
  }

  private static Inventory inventory(List<ApiUsage> usages, List<NodeVersion> nodes, List<NodeGroupVersion> groups, List<AddOn> addOns,
      List<ControllerVersion> controllers) {
    return new Inventory(Optional.empty(), usages, nodes, groups, addOns, controllers);
  }

  private static Inventory usages(ApiUsage... usages) {
    return inventory(List.of(usages), List.of(), List.of(), List.of(), List.of());
  }

  private static ApiUsage file(String apiVersion, String kind, String ns, String name, String location) {
    return new ApiUsage(apiVersion, kind, ns, name, Origin.FILE, location);
  }

  /** An add-on version compatible with the minors from {@code first} to {@code last}, the default of {@code defaults}. */
  private static AddOnVersion addOnVersion(String version, int first, int last, int... defaults) {
    Set<KubernetesVersion> minors = Set.copyOf(IntStream.rangeClosed(first, last).mapToObj(m -> KubernetesVersion.of(1, m)).toList());
    Set<KubernetesVersion> def = Set.copyOf(IntStream.of(defaults).mapToObj(m -> KubernetesVersion.of(1, m)).toList());
    return new AddOnVersion(version, minors, def);
  }

  private static List<String> codes(UpgradeReport report, Hop hop) {
    return report.findings().stream().filter(f -> f.hop().equals(Optional.of(hop))).map(Finding::code).toList();
  }

  private static List<Step> stepsOf(UpgradeReport report, Hop hop) {
    return report.steps().stream().filter(s -> s.hop().equals(Optional.of(hop))).toList();
  }

  @Test
  void removedApisBlockTheHopThatRemovesThemWithLocationReplacementAndSince() {
    Inventory inv = usages(
        file("networking.k8s.io/v1beta1", "Ingress", "shop", "storefront", "manifests/ingress.yaml:14"),
        new ApiUsage("batch/v1beta1", "CronJob", "shop", "report", Origin.LAST_APPLIED, "last-applied of CronJob shop/report"),
        new ApiUsage("policy/v1beta1", "PodSecurityPolicy", null, null, Origin.METRIC, "apiserver_requested_deprecated_apis"));

    UpgradeReport report = PLANNER.plan(request("1.20", "1.27").strategy(Strategy.IN_PLACE).build(), inv);

    List<Finding> removed = report.findings().stream().filter(f -> f.code().equals("REMOVED_API")).toList();
    assertThat(removed).extracting(f -> f.hop().orElseThrow(), f -> f.location().orElseThrow(), f -> f.resource().orElse(null))
        .containsExactly(
            tuple(hop("1.21", "1.22"), "manifests/ingress.yaml:14", ResourceRef.kubernetes("Ingress", "shop", "storefront")),
            tuple(hop("1.24", "1.25"), "last-applied of CronJob shop/report", ResourceRef.kubernetes("CronJob", "shop", "report")),
            tuple(hop("1.24", "1.25"), "apiserver_requested_deprecated_apis", null));
    assertThat(removed).allMatch(f -> f.severity() == Severity.BLOCKER);
    assertThat(removed.get(0).message()).isEqualTo("networking.k8s.io/v1beta1 Ingress shop/storefront is no longer served from 1.22");
    assertThat(removed.get(0).remedy()).contains("use networking.k8s.io/v1 (served since 1.19); migrate before the control plane goes 1.21 -> 1.22");
    assertThat(removed.get(1).message()).endsWith("(as last applied)");
    assertThat(removed.get(1).remedy()).contains("use batch/v1 (served since 1.21); migrate before the control plane goes 1.24 -> 1.25");
    assertThat(removed.get(2).remedy()).contains("no replacement API: remove it before the control plane goes 1.24 -> 1.25 (use Pod Security Admission instead)");
    assertThat(report.hasBlockers()).isTrue();
  }

  @Test
  void inPlaceStepsPerHopMigrateThenControlPlaneThenAddOnsThenNodeGroups() {
    Inventory inv = inventory(
        List.of(file("networking.k8s.io/v1beta1", "Ingress", "shop", "storefront", "manifests/ingress.yaml:14")),
        List.of(),
        List.of(new NodeGroupVersion("general", v("1.21.14"))),
        List.of(new AddOn("vpc-cni", "v1.10.1-eksbuild.1", List.of(
            addOnVersion("v1.10.1-eksbuild.1", 19, 21), addOnVersion("v1.11.4-eksbuild.1", 20, 22, 22), addOnVersion("v1.12.6-eksbuild.2", 22, 26)))),
        List.of());

    UpgradeReport report = PLANNER.plan(request("1.21", "1.22").build(), inv);

    assertThat(report.strategy()).isEqualTo(Strategy.IN_PLACE);
    assertThat(report.steps()).extracting(Step::kind, s -> s.resource().orElseThrow(), s -> s.version().map(Object::toString).or(s::addOnVersion).orElse(null))
        .containsExactly(
            tuple(StepKind.MIGRATE_API, ResourceRef.kubernetes("Ingress", "shop", "storefront"), null),
            tuple(StepKind.UPGRADE_CONTROL_PLANE, ResourceRef.aws("Cluster", "shop-prod"), "1.22"),
            tuple(StepKind.UPGRADE_ADDON, ResourceRef.aws("Addon", "vpc-cni"), "v1.11.4-eksbuild.1"),
            tuple(StepKind.UPGRADE_NODEGROUP, ResourceRef.aws("Nodegroup", "general"), "1.22"));
    assertThat(report.steps()).allMatch(s -> s.hop().equals(Optional.of(hop("1.21", "1.22"))));
    assertThat(report.steps().get(0).description())
        .isEqualTo("rewrite networking.k8s.io/v1beta1 Ingress to networking.k8s.io/v1 (served since 1.19) before the control plane goes 1.21 -> 1.22:"
            + " shop/storefront (manifests/ingress.yaml:14)");
    // after the control plane: EKS's default for 1.22, not the newest it offers
    assertThat(report.steps().get(2).description()).isEqualTo("update add-on vpc-cni from v1.10.1-eksbuild.1 to v1.11.4-eksbuild.1 (EKS's default for 1.22)");
    assertThat(report.strategyReasons()).containsExactly("1 hop(s), fewer than 4, and no blocker that a new cluster would avoid");
  }

  @Test
  void anAddOnWithoutAVersionForTheNewMinorBlocksTheHop() {
    Inventory inv = inventory(List.of(), List.of(), List.of(), List.of(
        new AddOn("adot", "v0.58.0-eksbuild.1", List.of(addOnVersion("v0.58.0-eksbuild.1", 21, 23))),
        new AddOn("coredns", "v1.8.7-eksbuild.3", List.of(addOnVersion("v1.8.7-eksbuild.3", 21, 23), addOnVersion("v1.9.3-eksbuild.2", 24, 26, 24)))),
        List.of());

    UpgradeReport report = PLANNER.plan(request("1.22", "1.24").strategy(Strategy.IN_PLACE).build(), inv);

    Finding blocker = report.findings().stream().filter(f -> f.code().equals("ADDON_NO_COMPATIBLE_VERSION")).findFirst().orElseThrow();
    assertThat(blocker.hop()).contains(hop("1.23", "1.24"));
    assertThat(blocker.severity()).isEqualTo(Severity.BLOCKER);
    assertThat(blocker.resource()).contains(ResourceRef.aws("Addon", "adot"));
    assertThat(blocker.message()).isEqualTo("add-on adot has no version EKS offers for 1.24 (offered for 1.24: none)");
    assertThat(codes(report, hop("1.22", "1.23"))).doesNotContain("ADDON_NO_COMPATIBLE_VERSION");
    // coredns has no version for both 1.23 and 1.24 (like kube-proxy, one line per minor): updated right after the control plane
    assertThat(stepsOf(report, hop("1.23", "1.24"))).extracting(Step::kind, s -> s.addOnVersion().orElse(null))
        .containsExactly(tuple(StepKind.UPGRADE_CONTROL_PLANE, null), tuple(StepKind.UPGRADE_ADDON, "v1.9.3-eksbuild.2"));
    // under auto, a new cluster avoids it
    UpgradeReport auto = PLANNER.plan(request("1.22", "1.24").build(), inv);
    assertThat(auto.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(auto.strategyReasons()).containsExactly("in place carries 1 blocker(s) a new cluster at 1.24 avoids: ADDON_NO_COMPATIBLE_VERSION",
        "a new cluster also skips the node and add-on changes of the hops between: EBS_CSI_MIGRATION, DOCKERSHIM_REMOVED");
    assertThat(auto.findings()).filteredOn(f -> f.code().equals("ADDON_NO_COMPATIBLE_VERSION"))
        .singleElement().satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.INFO);
          assertThat(f.message()).endsWith("(avoided by blue-green: shop-prod-1-24 starts at 1.24)");
        });
  }

  @Test
  void anAddOnBelowTheNewMinorsMinimumIsUpdatedBeforeTheControlPlane() {
    // from 1.26 the VPC CNI must be at least 1.12.0: a 1.11 that EKS lists for 1.26 does not count
    Inventory inv = inventory(List.of(), List.of(), List.of(), List.of(new AddOn("vpc-cni", "v1.11.4-eksbuild.1", List.of(
        addOnVersion("v1.11.4-eksbuild.1", 22, 26), addOnVersion("v1.12.6-eksbuild.2", 22, 27, 26)))), List.of());

    UpgradeReport report = PLANNER.plan(request("1.25", "1.26").build(), inv);

    assertThat(report.steps()).extracting(Step::kind, s -> s.addOnVersion().orElse(null))
        .containsExactly(tuple(StepKind.UPGRADE_ADDON, "v1.12.6-eksbuild.2"), tuple(StepKind.UPGRADE_CONTROL_PLANE, null));
    assertThat(report.steps().get(0).description())
        .isEqualTo("update add-on vpc-cni from v1.11.4-eksbuild.1 to v1.12.6-eksbuild.2 before the control plane goes 1.25 -> 1.26 (1.26 needs at least 1.12.0)");
  }

  @Test
  void anAddOnBelowTheMinimumWithoutAVersionForBothSidesBlocks() {
    Inventory inv = inventory(List.of(), List.of(), List.of(), List.of(new AddOn("vpc-cni", "v1.11.4-eksbuild.1", List.of(
        addOnVersion("v1.11.4-eksbuild.1", 22, 25), addOnVersion("v1.12.6-eksbuild.2", 26, 27, 26)))), List.of());

    UpgradeReport report = PLANNER.plan(request("1.25", "1.26").strategy(Strategy.IN_PLACE).build(), inv);

    assertThat(report.findings()).filteredOn(f -> f.code().equals("ADDON_NO_COMPATIBLE_VERSION")).singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("add-on vpc-cni v1.11.4-eksbuild.1 is below 1.12.0, the minimum for 1.26 (")
            .endsWith("and EKS offers no such version for both 1.25 and 1.26 (offered for 1.25: v1.11.4-eksbuild.1; for 1.26: v1.12.6-eksbuild.2)"));
    assertThat(report.steps()).extracting(Step::kind).containsExactly(StepKind.UPGRADE_CONTROL_PLANE);
  }

  @Test
  void strictSkewRollsNodeGroupsAfterEveryHopAndCatchesUpFirst() {
    Inventory inv = inventory(List.of(), List.of(), List.of(new NodeGroupVersion("general", v("1.22.17")), new NodeGroupVersion("batch", v("1.23.1"))),
        List.of(), List.of());

    UpgradeReport report = PLANNER.plan(request("1.23", "1.25").strategy(Strategy.IN_PLACE).build(), inv);

    assertThat(report.steps()).extracting(Step::kind, s -> s.resource().map(ResourceRef::name).orElse(null), s -> s.version().orElseThrow().toString())
        .containsExactly(
            tuple(StepKind.UPGRADE_NODEGROUP, "general", "1.23"),
            tuple(StepKind.UPGRADE_CONTROL_PLANE, "shop-prod", "1.24"),
            tuple(StepKind.UPGRADE_NODEGROUP, "batch", "1.24"),
            tuple(StepKind.UPGRADE_NODEGROUP, "general", "1.24"),
            tuple(StepKind.UPGRADE_CONTROL_PLANE, "shop-prod", "1.25"),
            tuple(StepKind.UPGRADE_NODEGROUP, "batch", "1.25"),
            tuple(StepKind.UPGRADE_NODEGROUP, "general", "1.25"));
    assertThat(report.findings()).filteredOn(f -> f.code().equals("NODEGROUP_BEHIND")).extracting(Finding::message)
        .containsExactly("node group general is at 1.22.17, behind the control plane at 1.23; the plan upgrades it to 1.23 before the first hop (strict node skew)");
    assertThat(report.findings()).noneMatch(f -> f.code().equals("NODE_SKEW"));
  }

  @Test
  void relaxedSkewRollsNodeGroupsOnlyWhenTheRuleNeedsItAndAtTheEnd() {
    Inventory inv = inventory(List.of(), List.of(), List.of(new NodeGroupVersion("general", v("1.22"))), List.of(), List.of());

    UpgradeReport report = PLANNER.plan(request("1.22", "1.26").strategy(Strategy.IN_PLACE).nodeSkew(SkewPolicy.RELAXED).build(), inv);

    // a 1.22 kubelet may be two minors behind: fine for 1.23 and 1.24, not for 1.25
    assertThat(report.steps()).extracting(Step::kind, s -> s.version().orElseThrow().toString())
        .containsExactly(
            tuple(StepKind.UPGRADE_CONTROL_PLANE, "1.23"),
            tuple(StepKind.UPGRADE_CONTROL_PLANE, "1.24"),
            tuple(StepKind.UPGRADE_NODEGROUP, "1.24"),
            tuple(StepKind.UPGRADE_CONTROL_PLANE, "1.25"),
            tuple(StepKind.UPGRADE_CONTROL_PLANE, "1.26"),
            tuple(StepKind.UPGRADE_NODEGROUP, "1.26"));
  }

  @Test
  void nodesOutsideManagedNodeGroupsBlockHopsTheSkewPolicyForbids() {
    Inventory inv = inventory(List.of(), List.of(
            new NodeVersion("ip-10-0-1-5", null, v("1.22.17")),
            new NodeVersion("ip-10-0-2-9", "general", v("1.22.17"))),
        List.of(), List.of(), List.of());

    UpgradeReport relaxed = PLANNER.plan(request("1.22", "1.25").strategy(Strategy.IN_PLACE).nodeSkew(SkewPolicy.RELAXED).build(), inv);
    UpgradeReport strict = PLANNER.plan(request("1.22", "1.24").strategy(Strategy.IN_PLACE).build(), inv);

    assertThat(relaxed.findings()).filteredOn(f -> f.code().equals("NODE_SKEW"))
        .extracting(f -> f.hop().orElseThrow(), f -> f.resource().orElseThrow(), Finding::message)
        .containsExactly(tuple(hop("1.24", "1.25"), ResourceRef.kubernetes("Node", "ip-10-0-1-5"),
            "node ip-10-0-1-5 (not in a managed node group): kubelet 1.22.17 would be 3 minors behind the control plane at 1.25;"
                + " the version skew policy allows 2 for a kubelet at 1.22: upgrade it to at least 1.23 first"));
    // the node of the group "general" (known by its label) is rolled with its group, not reported
    assertThat(strict.findings()).filteredOn(f -> f.code().equals("NODE_SKEW")).extracting(f -> f.hop().orElseThrow())
        .containsExactly(hop("1.23", "1.24"));
    assertThat(strict.steps()).filteredOn(s -> s.kind() == StepKind.UPGRADE_NODEGROUP).extracting(s -> s.resource().orElseThrow().name())
        .containsOnly("general");
  }

  /** 48 nodes at 1.21.14 and 2 at 1.20.15, none in a managed node group, named node-1 to node-50, given in reverse. */
  static Inventory fiftyUnmanagedNodes() {
    List<NodeVersion> nodes = new ArrayList<>();
    for (int i = 50; i >= 1; i--) {
      nodes.add(new NodeVersion("node-" + i, null, v(i > 48 ? "1.20.15" : "1.21.14")));
    }
    return inventory(List.of(), nodes, List.of(), List.of(), List.of());
  }

  @Test
  void unmanagedNodesOutOfSkewAreOneBlockerPerHopListingTheNodes() {
    UpgradeReport report = PLANNER.plan(request("1.22", "1.24").strategy(Strategy.IN_PLACE).build(), fiftyUnmanagedNodes());

    List<Finding> skew = report.findings().stream().filter(f -> f.code().equals("NODE_SKEW")).toList();
    assertThat(skew).extracting(f -> f.hop().orElseThrow()).containsExactly(hop("1.22", "1.23"), hop("1.23", "1.24"));
    assertThat(skew).allSatisfy(f -> {
      assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
      // every node stays an object of the finding, in name order (node-2 before node-10)
      assertThat(f.allResources()).hasSize(50).containsExactlyElementsOf(
          IntStream.rangeClosed(1, 50).mapToObj(i -> ResourceRef.kubernetes("Node", "node-" + i)).toList());
      assertThat(f.resource()).contains(ResourceRef.kubernetes("Node", "node-1"));
      assertThat(f.location()).contains("nodes node-1, node-2, node-3, node-4, node-5 and 45 more");
    });
    assertThat(skew.get(0).message()).isEqualTo("50 nodes not in a managed node group (node-1, node-2, node-3, node-4, node-5 and 45 more):"
        + " kubelet 1.20.15 must be upgraded to 1.22 before the control plane goes 1.22 -> 1.23 (strict node skew: node groups match the"
        + " control plane before each hop) (2 nodes); kubelet 1.21.14 must be upgraded to 1.22 before the control plane goes 1.22 -> 1.23"
        + " (strict node skew: node groups match the control plane before each hop) (48 nodes)");
    // as the remedy says, the nodes are at 1.22 for the next hop: one reason
    assertThat(skew.get(1).message()).isEqualTo("50 nodes not in a managed node group (node-1, node-2, node-3, node-4, node-5 and 45 more):"
        + " kubelet 1.22 must be upgraded to 1.23 before the control plane goes 1.23 -> 1.24 (strict node skew: node groups match the"
        + " control plane before each hop)");
    assertThat(skew.get(1).remedy()).contains("upgrade or replace these 50 nodes (their kubelets) to 1.23 before the control plane goes"
        + " 1.23 -> 1.24; the finding's objects name them all");
    assertThat(report.blockers()).hasSize(2);
  }

  @Test
  void controllersBelowTheMinimumOrOutsideTheirTestedRange() {
    Inventory inv = inventory(List.of(), List.of(), List.of(), List.of(), List.of(
        new ControllerVersion("aws-load-balancer-controller", "v2.3.1", "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-load-balancer-controller:v2.3.1"),
        new ControllerVersion("argo-cd", "v3.0.12", "quay.io/argoproj/argocd:v3.0.12")));

    UpgradeReport report = PLANNER.plan(request("1.21", "1.23").strategy(Strategy.IN_PLACE).build(), inv);
    UpgradeReport newest = PLANNER.plan(request("1.31", "1.33").strategy(Strategy.IN_PLACE).build(), inv);

    assertThat(report.findings()).filteredOn(f -> f.code().startsWith("CONTROLLER_"))
        .extracting(Finding::code, f -> f.hop().orElse(null), Finding::location)
        .containsExactly(
            tuple("CONTROLLER_UNTESTED", hop("1.21", "1.22"), Optional.of("controller argo-cd (image quay.io/argoproj/argocd:v3.0.12)")),
            tuple("CONTROLLER_TOO_OLD", hop("1.21", "1.22"),
                Optional.of("controller aws-load-balancer-controller (image 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-load-balancer-controller:v2.3.1)")));
    assertThat(report.findings().get(1).remedy()).contains("upgrade aws-load-balancer-controller to at least 2.4.0 before the control plane goes 1.21 -> 1.22");
    // Argo CD 3.0 was tested with 1.29 to 1.32: 1.33 is the first hop outside, reported once
    assertThat(newest.findings()).filteredOn(f -> f.code().equals("CONTROLLER_UNTESTED"))
        .extracting(f -> f.hop().orElseThrow(), Finding::message)
        .containsExactly(tuple(hop("1.32", "1.33"), "argo-cd v3.0.12 (release line 3.0) was tested with Kubernetes 1.29 to 1.32, not with 1.33"));
  }

  @Test
  void breakingChangesOfEachHopWithTheirCatalogueSeverity() {
    UpgradeReport report = PLANNER.plan(request("1.23", "1.25").strategy(Strategy.IN_PLACE).build(), Inventory.empty());

    assertThat(report.findings()).extracting(f -> f.hop().orElseThrow(), Finding::code, Finding::severity)
        .containsExactly(
            tuple(hop("1.23", "1.24"), "DOCKERSHIM_REMOVED", Severity.WARNING),
            tuple(hop("1.24", "1.25"), "POD_SECURITY_POLICY_REMOVED", Severity.WARNING));
    BreakingChange dockershim = BreakingChanges.bundled().byId("DOCKERSHIM_REMOVED").orElseThrow();
    assertThat(report.findings().get(0).location()).contains(dockershim.source());
    assertThat(report.findings().get(0).remedy())
        .contains("blocks the upgrade where it applies; check before the control plane goes 1.23 -> 1.24: " + dockershim.check());
    assertThat(report.hasBlockers()).isFalse();
  }

  @Test
  void aBreakingChangeTheInventoryShowsIsABlocker() {
    Inventory psp = usages(new ApiUsage("policy/v1beta1", "PodSecurityPolicy", null, "restricted", Origin.LAST_APPLIED,
        "last-applied of PodSecurityPolicy restricted"));

    UpgradeReport report = PLANNER.plan(request("1.24", "1.25").build(), psp);

    assertThat(report.findings()).extracting(Finding::code, Finding::severity).containsExactly(
        tuple("REMOVED_API", Severity.BLOCKER), tuple("POD_SECURITY_POLICY_REMOVED", Severity.BLOCKER));
    assertThat(report.findings().get(1).remedy().orElseThrow()).startsWith("the inventory shows it applies; deal with it before the control plane goes 1.24 -> 1.25: ");
  }

  private static List<String> migrations(UpgradeReport report) {
    return report.steps().stream().filter(st -> st.kind() == StepKind.MIGRATE_API).map(Step::description).toList();
  }

  @Test
  void aRemovedApiWhoseReplacementIsNotServedYetMovesToTheInterimOneBeforeTheHop() {
    // flowcontrol v1beta2 goes at 1.29, where v1 arrives: a 1.28 cluster can only move to v1beta3 (served since 1.26)
    Inventory inv = usages(file("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", null, "catch-all-custom", "apf/flowschema.yaml:1"));

    UpgradeReport report = PLANNER.plan(request("1.28", "1.29").build(), inv);

    assertThat(report.steps()).extracting(Step::kind)
        .containsExactly(StepKind.MIGRATE_API, StepKind.UPGRADE_CONTROL_PLANE, StepKind.MIGRATE_API);
    assertThat(report.steps().get(0).description()).isEqualTo("rewrite flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema to"
        + " flowcontrol.apiserver.k8s.io/v1beta3 (served since 1.26; flowcontrol.apiserver.k8s.io/v1 is served only from 1.29)"
        + " before the control plane goes 1.28 -> 1.29: catch-all-custom (apf/flowschema.yaml:1)");
    assertThat(report.steps().get(2).description()).isEqualTo("rewrite flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema to"
        + " flowcontrol.apiserver.k8s.io/v1 (served since 1.29; the replacement the interim flowcontrol.apiserver.k8s.io/v1beta3 stood in"
        + " for) right after the control plane reaches 1.29: catch-all-custom (apf/flowschema.yaml:1)");
    Finding removed = report.findings().get(0);
    assertThat(removed.code()).isEqualTo("REMOVED_API");
    assertThat(removed.remedy()).contains("use flowcontrol.apiserver.k8s.io/v1beta3 (served since 1.26): flowcontrol.apiserver.k8s.io/v1 is"
        + " served only from 1.29, so on 1.28 migrate to flowcontrol.apiserver.k8s.io/v1beta3 before the control plane goes 1.28 -> 1.29,"
        + " then to flowcontrol.apiserver.k8s.io/v1 once the control plane reaches 1.29");
  }

  /** Every catalogue row with an interim replacement, planned over the hop that removes it. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "flowcontrol.apiserver.k8s.io/v1beta1, FlowSchema, flowcontrol.apiserver.k8s.io/v1beta2, 1.23, flowcontrol.apiserver.k8s.io/v1beta3",
      "flowcontrol.apiserver.k8s.io/v1beta1, PriorityLevelConfiguration, flowcontrol.apiserver.k8s.io/v1beta2, 1.23, flowcontrol.apiserver.k8s.io/v1beta3",
      "flowcontrol.apiserver.k8s.io/v1beta2, FlowSchema, flowcontrol.apiserver.k8s.io/v1beta3, 1.26, flowcontrol.apiserver.k8s.io/v1",
      "flowcontrol.apiserver.k8s.io/v1beta2, PriorityLevelConfiguration, flowcontrol.apiserver.k8s.io/v1beta3, 1.26, flowcontrol.apiserver.k8s.io/v1"})
  void everyRowWithAnInterimReplacementIsMigratedToWhatTheClusterServesBeforeTheHop(String apiVersion, String kind, String interim,
      String interimSince, String replacement) {
    DeprecatedApi row = DeprecatedApis.bundled().lookup(apiVersion, kind).orElseThrow();
    KubernetesVersion from = KubernetesVersion.of(1, row.removedIn().minor() - 1);
    Inventory inv = usages(file(apiVersion, kind, null, "custom", "apf/custom.yaml:1"));

    UpgradeReport inPlace = PLANNER.plan(request(from.toString(), row.removedIn().toString()).build(), inv);
    UpgradeReport blueGreen = PLANNER.plan(request(from.toString(), row.removedIn().toString()).strategy(Strategy.BLUE_GREEN).build(), inv);

    assertThat(inPlace.steps().get(0).kind()).isEqualTo(StepKind.MIGRATE_API);
    assertThat(inPlace.steps().get(0).description()).startsWith("rewrite " + apiVersion + " " + kind + " to " + interim + " (served since "
        + interimSince + "; " + replacement + " is served only from " + row.removedIn() + ") before the control plane goes " + from + " -> "
        + row.removedIn());
    assertThat(migrations(inPlace)).hasSize(2);
    assertThat(migrations(inPlace).get(1)).startsWith("rewrite " + interim + " " + kind + " to " + replacement);
    assertThat(inPlace.blockers()).extracting(Finding::code).containsExactly("REMOVED_API");
    // a new cluster at the removal's minor serves the replacement itself
    assertThat(migrations(blueGreen)).containsExactly("rewrite " + apiVersion + " " + kind + " to " + replacement + " (served since "
        + row.removedIn() + "; " + row.removedIn() + " serves it) before deploying to shop-prod-1-" + row.removedIn().minor() + " (" + row.removedIn() + " does not serve "
        + apiVersion + "): custom (apf/custom.yaml:1)");
  }

  @Test
  void aManifestMovedToAnInterimReplacementFollowsTheCatalogueUntilTheTarget() {
    // v1beta1 -> v1beta2 before 1.26 (v1beta3 is not served at 1.25) -> v1beta3 at 1.26 -> v1 before 1.32 (v1beta3 goes there)
    Inventory inv = usages(file("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", null, "batch-low", "apf/flowschema.yaml:1"));

    UpgradeReport inPlace = PLANNER.plan(request("1.25", "1.32").strategy(Strategy.IN_PLACE).build(), inv);
    UpgradeReport blueGreen = PLANNER.plan(request("1.25", "1.32").strategy(Strategy.BLUE_GREEN).build(), inv);

    assertThat(inPlace.steps()).filteredOn(st -> st.kind() == StepKind.MIGRATE_API).extracting(st -> st.hop().orElseThrow().toString(),
            st -> st.description().substring(0, st.description().indexOf(':')))
        .containsExactly(
            tuple("1.25 -> 1.26", "rewrite flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema to flowcontrol.apiserver.k8s.io/v1beta2"
                + " (served since 1.23; flowcontrol.apiserver.k8s.io/v1beta3 is served only from 1.26) before the control plane goes 1.25 -> 1.26"),
            tuple("1.25 -> 1.26", "rewrite flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema to flowcontrol.apiserver.k8s.io/v1beta3"
                + " (served since 1.26; the replacement the interim flowcontrol.apiserver.k8s.io/v1beta2 stood in for) right after the control"
                + " plane reaches 1.26"),
            tuple("1.31 -> 1.32", "rewrite flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema to flowcontrol.apiserver.k8s.io/v1"
                + " (served since 1.29) before the control plane goes 1.31 -> 1.32"));
    assertThat(inPlace.findings()).filteredOn(f -> f.code().equals("REMOVED_API")).extracting(f -> f.hop().orElseThrow())
        .as("the plan's own steps are not findings").containsExactly(hop("1.25", "1.26"));
    assertThat(migrations(blueGreen)).singleElement().asString()
        .startsWith("rewrite flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema to flowcontrol.apiserver.k8s.io/v1 (served since 1.29; 1.32 serves it)");
  }

  @Test
  void noReplacementServedInTimeIsABlockerWithoutAStep() throws Exception {
    // a catalogue of the earlier form: the replacement arrives with the removal, and nothing stands in for it
    DeprecatedApis apis = DeprecatedApis.read("own.yaml", new java.io.ByteArrayInputStream((
        "apis:\n  - {apiVersion: flowcontrol.apiserver.k8s.io/v1beta2, kind: FlowSchema, deprecatedIn: '1.26', removedIn: '1.29',"
            + " replacement: flowcontrol.apiserver.k8s.io/v1, replacementAvailableIn: '1.29', source: x}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Planner planner = Planner.of(apis, BreakingChanges.bundled(), ControllerCompatibility.bundled());
    Inventory inv = usages(file("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", null, "catch-all-custom", "apf/flowschema.yaml:1"));

    UpgradeReport report = planner.plan(request("1.28", "1.29").build(), inv);

    assertThat(report.steps()).extracting(Step::kind).containsExactly(StepKind.UPGRADE_CONTROL_PLANE);
    Finding blocker = report.blockers().get(0);
    assertThat(blocker.code()).isEqualTo("REMOVED_API");
    assertThat(blocker.message()).isEqualTo("flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema catch-all-custom is no longer served from 1.29,"
        + " and 1.28 serves no replacement to migrate it to first (flowcontrol.apiserver.k8s.io/v1 from 1.29)");
    assertThat(blocker.remedy().orElseThrow()).startsWith("no in-place step can migrate it before the control plane goes 1.28 -> 1.29:"
        + " upgrade blue-green (the new cluster at 1.29 serves the replacement)");
  }

  @Test
  void aDeprecatedApiIsToldTheReplacementTheTargetServes() {
    Inventory inv = usages(file("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", null, "batch", "apf/plc.yaml:7"));

    UpgradeReport report = PLANNER.plan(request("1.27", "1.28").build(), inv);

    assertThat(report.findings()).filteredOn(f -> f.code().equals("DEPRECATED_API")).singleElement()
        .satisfies(f -> assertThat(f.remedy()).contains("use flowcontrol.apiserver.k8s.io/v1beta3 (served since 1.26;"
            + " flowcontrol.apiserver.k8s.io/v1 is served only from 1.29)"));
  }

  @Test
  void findingsAndStepsListLocationsByPathThenLineAsANumber() {
    // given in text order, in which ingress.yaml:10 comes before ingress.yaml:9
    Inventory inv = usages(
        file("networking.k8s.io/v1beta1", "Ingress", "shop", "c", "manifests/ingress.yaml:10"),
        file("networking.k8s.io/v1beta1", "Ingress", "shop", "d", "manifests/ingress.yaml:100"),
        file("networking.k8s.io/v1beta1", "Ingress", "shop", "b", "manifests/ingress.yaml:9"),
        file("networking.k8s.io/v1beta1", "Ingress", "shop", "a", "manifests/ingress.yaml:2"));

    UpgradeReport report = PLANNER.plan(request("1.21", "1.22").build(), inv);

    assertThat(report.findings()).filteredOn(f -> f.code().equals("REMOVED_API")).extracting(f -> f.location().orElseThrow())
        .containsExactly("manifests/ingress.yaml:2", "manifests/ingress.yaml:9", "manifests/ingress.yaml:10", "manifests/ingress.yaml:100");
    assertThat(report.steps().get(0).description()).endsWith(": shop/a (manifests/ingress.yaml:2), shop/b (manifests/ingress.yaml:9),"
        + " shop/c (manifests/ingress.yaml:10), shop/d (manifests/ingress.yaml:100)");
  }

  @Test
  void wholeUpgradeFindingsAlreadyRemovedAndStillDeprecatedAtTheTarget() {
    Inventory inv = usages(
        file("extensions/v1beta1", "Deployment", "legacy", "old", "legacy/deploy.yaml:3"),
        file("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", null, "batch", "apf/plc.yaml:7"));

    UpgradeReport report = PLANNER.plan(request("1.30", "1.31").build(), inv);

    assertThat(report.findings()).filteredOn(f -> f.hop().isEmpty()).extracting(Finding::code, Finding::severity, f -> f.version().orElseThrow().toString())
        .containsExactly(
            tuple("API_ALREADY_REMOVED", Severity.WARNING, "1.16"),
            tuple("DEPRECATED_API", Severity.WARNING, "1.32"));
  }

  @Test
  void autoChoosesBlueGreenForManyHopsAndSaysWhy() {
    UpgradeReport three = PLANNER.plan(request("1.28", "1.31").build(), Inventory.empty());
    UpgradeReport four = PLANNER.plan(request("1.27", "1.31").build(), Inventory.empty());
    UpgradeReport requested = PLANNER.plan(request("1.27", "1.31").strategy(Strategy.IN_PLACE).build(), Inventory.empty());

    assertThat(three.strategy()).isEqualTo(Strategy.IN_PLACE);
    assertThat(four.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(four.strategyReasons()).containsExactly("in place takes 4 hops (1.27 to 1.31), each a control-plane update, add-on"
        + " updates and node rollouts; 4 or more hops choose one new cluster at 1.31",
        "a new cluster also skips the node and add-on changes of the hops between: KUBELET_KEEP_TERMINATED_POD_VOLUMES_REMOVED");
    assertThat(requested.strategy()).isEqualTo(Strategy.IN_PLACE);
    assertThat(requested.strategyReasons()).singleElement().asString()
        .startsWith("strategy in-place was requested; auto would choose blue-green: in place takes 4 hops");
  }

  @Test
  void blueGreenCreatesTheNewClusterMovesTrafficInStepsAndDeletesTheOld() {
    Inventory inv = inventory(
        List.of(file("networking.k8s.io/v1beta1", "Ingress", "shop", "storefront", "manifests/ingress.yaml:14")),
        List.of(), List.of(new NodeGroupVersion("general", v("1.20"))),
        List.of(new AddOn("vpc-cni", "v1.7.5-eksbuild.1", List.of(addOnVersion("v1.7.5-eksbuild.1", 17, 21), addOnVersion("v1.12.6-eksbuild.2", 22, 27, 27),
            addOnVersion("v1.13.0-eksbuild.1", 23, 27)))),
        List.of());
    UpgradePlan plan = request("1.20", "1.27").strategy(Strategy.BLUE_GREEN)
        .blueGreen(BlueGreen.builder().recordTtl(Duration.ofSeconds(60)).dwell(Duration.ofMinutes(10)).build()).build();

    UpgradeReport report = PLANNER.plan(plan, inv);

    assertThat(report.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(report.hops()).hasSize(7);
    assertThat(report.steps()).extracting(Step::kind).containsExactly(StepKind.MIGRATE_API, StepKind.CREATE_CLUSTER, StepKind.UPGRADE_ADDON,
        StepKind.SYNC_WORKLOADS, StepKind.SHIFT_TRAFFIC, StepKind.SHIFT_TRAFFIC, StepKind.SHIFT_TRAFFIC, StepKind.DELETE_CLUSTER);
    assertThat(report.steps().get(1).description()).isEqualTo("create cluster shop-prod-1-27 at 1.27 with node groups general at 1.27");
    assertThat(report.steps().get(2).addOnVersion()).contains("v1.12.6-eksbuild.2");
    assertThat(report.steps().get(2).resource()).contains(ResourceRef.aws("Addon", "vpc-cni").inScope("shop-prod-1-27"));
    assertThat(report.steps().get(3).description()).contains("with weight 0 next to shop-prod's at 100");
    List<Step> shifts = report.steps().stream().filter(s -> s.kind() == StepKind.SHIFT_TRAFFIC).toList();
    assertThat(shifts).extracting(s -> s.percent().orElseThrow()).containsExactly(10, 50, 100);
    assertThat(shifts).allSatisfy(s -> {
      assertThat(s.dwell()).contains(Duration.ofMinutes(10));
      assertThat(s.healthGate()).contains(Planner.HEALTH_GATE);
      // old weight 100 - p, new weight p: never both zero
      assertThat(s.percent().orElseThrow()).isBetween(1, 100);
    });
    assertThat(shifts.get(0).description()).isEqualTo("set the weighted records to shop-prod 90, shop-prod-1-27 10 (10% to shop-prod-1-27); hold PT10M (record TTL PT1M)");
    assertThat(report.steps().get(7).resource()).contains(ResourceRef.aws("Cluster", "shop-prod"));
    assertThat(report.steps()).allMatch(s -> s.hop().isEmpty());
  }

  @Test
  void theDwellIsNeverShorterThanTheRecordTtl() {
    assertThat(BlueGreen.builder().recordTtl(Duration.ofHours(1)).build().dwell()).isEqualTo(Duration.ofHours(1));
    assertThat(BlueGreen.defaults().dwell()).isEqualTo(BlueGreen.DEFAULT_DWELL);
    assertThatThrownBy(() -> request("1.26", "1.27")
        .blueGreen(BlueGreen.builder().recordTtl(Duration.ofMinutes(5)).dwell(Duration.ofMinutes(1)).build()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("blueGreen.dwell: PT1M is shorter than recordTtl PT5M");
    assertThatThrownBy(() -> request("1.26", "1.27").blueGreen(BlueGreen.builder().recordTtl(Duration.ZERO).build()).build())
        .hasMessageContaining("blueGreen.recordTtl: PT0S is not a DNS record TTL from PT1S to P2D");
  }

  @Test
  void theCurrentVersionComesFromTheRequestOrTheInventoryAndMustAgree() {
    Inventory at122 = new Inventory(Optional.of(v("1.22.17-eks-abc")), List.of(), List.of(), List.of(), List.of(), List.of());
    UpgradePlan noCurrent = UpgradePlan.builder().cluster("shop-prod").targetVersion(v("1.23")).build();

    assertThat(PLANNER.plan(noCurrent, at122).currentVersion()).isEqualTo(v("1.22.17"));
    assertThat(PLANNER.plan(request("1.22", "1.23").build(), at122).hops()).containsExactly(hop("1.22", "1.23"));
    assertThatThrownBy(() -> PLANNER.plan(noCurrent, Inventory.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("currentVersion is unknown");
    assertThatThrownBy(() -> PLANNER.plan(request("1.21", "1.23").build(), at122))
        .hasMessage("currentVersion 1.21 of the request is not the control plane version 1.22.17 found in the inventory");
    assertThatThrownBy(() -> PLANNER.plan(UpgradePlan.builder().cluster("c").targetVersion(v("1.21")).build(), at122))
        .hasMessage("currentVersion 1.22.17 is after targetVersion 1.21: control planes are never downgraded");
  }

  @Test
  void theSameInventoryInAnyOrderGivesTheSameReport() {
    List<ApiUsage> usages = new ArrayList<>(List.of(
        file("extensions/v1beta1", "Ingress", "a", "one", "x/one.yaml:1"),
        file("extensions/v1beta1", "Ingress", "a", "two", "x/two.yaml:1"),
        file("batch/v1beta1", "CronJob", "b", "job", "y/job.yaml:9"),
        new ApiUsage("batch/v1beta1", "CronJob", "b", "job", Origin.HELM_RELEASE, "helm release b/jobs revision 2 (templates/job.yaml)"),
        file("autoscaling/v2beta2", "HorizontalPodAutoscaler", "c", "api", "z/hpa.yaml:4")));
    List<NodeVersion> nodes = new ArrayList<>(List.of(new NodeVersion("n1", null, v("1.20")), new NodeVersion("n2", null, v("1.21")),
        new NodeVersion("n3", "g", v("1.20"))));
    List<NodeGroupVersion> groups = new ArrayList<>(List.of(new NodeGroupVersion("b", v("1.20")), new NodeGroupVersion("a", v("1.20"))));
    List<ControllerVersion> controllers = new ArrayList<>(List.of(new ControllerVersion("aws-load-balancer-controller", "v2.2.0", "alb:v2.2.0"),
        new ControllerVersion("argo-cd", "v2.4.7", "argocd:v2.4.7")));
    UpgradePlan plan = request("1.20", "1.27").build();
    UpgradeReport first = PLANNER.plan(plan, inventory(usages, nodes, groups, List.of(), controllers));

    Random random = new Random(7);
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(usages, random);
      Collections.shuffle(nodes, random);
      Collections.shuffle(groups, random);
      Collections.shuffle(controllers, random);
      assertThat(PLANNER.plan(plan, inventory(usages, nodes, groups, List.of(), controllers))).isEqualTo(first);
    }
    assertThat(first.render(ReportFormat.JSON)).isEqualTo(PLANNER.plan(plan, inventory(usages, nodes, groups, List.of(), controllers)).render(ReportFormat.JSON));
  }

  @Test
  void nothingToDoWhenTheClusterIsAtTheTarget() {
    Inventory at127 = new Inventory(Optional.of(v("1.27.9")), List.of(), List.of(), List.of(), List.of(), List.of());

    UpgradeReport report = PLANNER.plan(UpgradePlan.builder().cluster("shop-prod").targetVersion(v("1.27")).build(), at127);

    assertThat(report.hops()).isEmpty();
    assertThat(report.steps()).isEmpty();
    assertThat(report.strategy()).isEqualTo(Strategy.IN_PLACE);
    assertThat(report.strategyReasons()).containsExactly("the control plane is at 1.27 already: only add-ons and node groups behind it are planned");
  }

  @Test
  void atTheTargetWhatTheLastHopWouldHaveDoneAfterTheControlPlaneIsPlannedSoThatARunThatStoppedThereFinishes() {
    // an earlier run stopped after the control plane reached 1.27: kube-proxy's 1.26 build and the workers wait
    Inventory stopped = new Inventory(Optional.of(v("1.27.9")), List.of(), List.of(),
        List.of(new NodeGroupVersion("workers", v("1.26.12")), new NodeGroupVersion("batch", v("1.27.3"))),
        List.of(new AddOn("kube-proxy", "v1.26.9-eksbuild.2", List.of(addOnVersion("v1.26.9-eksbuild.2", 26, 26, 26),
                addOnVersion("v1.27.6-eksbuild.2", 27, 27, 27))),
            new AddOn("coredns", "v1.10.1-eksbuild.2", List.of(addOnVersion("v1.10.1-eksbuild.2", 25, 28, 27)))),
        List.of());

    UpgradeReport report = PLANNER.plan(UpgradePlan.builder().cluster("shop-prod").targetVersion(v("1.27")).build(), stopped);

    assertThat(report.hops()).isEmpty();
    assertThat(report.steps()).extracting(Step::kind, s -> s.resource().orElseThrow().name(), s -> s.addOnVersion().orElse(""))
        .containsExactly(tuple(StepKind.UPGRADE_ADDON, "kube-proxy", "v1.27.6-eksbuild.2"), tuple(StepKind.UPGRADE_NODEGROUP, "workers", ""));
    assertThat(report.steps().get(1).version()).contains(v("1.27"));
    assertThat(report.hasBlockers()).isFalse();
  }
}
