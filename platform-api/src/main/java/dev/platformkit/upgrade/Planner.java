package dev.platformkit.upgrade;

import dev.platformkit.ResourceRef;
import dev.platformkit.upgrade.internal.Locations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans an upgrade: turns an {@link UpgradePlan} and what the scanners found ({@link Inventory}) into an
 * {@link UpgradeReport}. Pure: it reads nothing but its arguments and the knowledge it was created with,
 * and the same arguments always give the same report, findings and steps in the same order.
 *
 * <pre>{@code
 * UpgradeReport report = Planner.create().plan(
 *     UpgradePlan.builder().cluster("shop-prod").targetVersion(KubernetesVersion.parse("1.27")).build(),
 *     inventory);
 * report.hasBlockers();
 * report.render(ReportFormat.MARKDOWN);
 * }</pre>
 *
 * <p>One {@link Hop} per minor. For each hop the findings are, in this order:
 * <ol>
 *   <li>{@code REMOVED_API} (blocker): each use of an API version the hop stops serving, with its object or
 *       file location and the replacement to migrate to before the hop and the minor since which it is
 *       served: the row's replacement when the hop's from-version serves it, else its interim replacement
 *       (see {@link DeprecatedApi}); when that version serves neither, the message says so, and no step
 *       migrates it;
 *   <li>{@code NODE_SKEW} (blocker): node groups newer than the control plane, and nodes the plan does not
 *       upgrade (not in a managed node group), which the {@link UpgradePlan#nodeSkew() node skew policy}
 *       does not allow for the hop: one finding per hop for all such nodes, naming the first few, with
 *       every node in {@link Finding#resource()} and {@link Finding#moreResources()};
 *   <li>{@code ADDON_NO_COMPATIBLE_VERSION} (blocker): an add-on with no version EKS offers for the hop's
 *       target (at least the {@link ControllerCompatibility} minimum, where it names one), or one below that
 *       minimum with no version offered for both sides of the hop to update it to before the control plane;
 *   <li>{@code CONTROLLER_TOO_OLD} (blocker): a controller below the minimum for the hop's target, and
 *       {@code CONTROLLER_UNTESTED} (blocker): one whose release line was not tested with the hop's target
 *       (Argo CD's tested range);
 *   <li>the {@link BreakingChanges} the hop brings that apply to EKS, with the catalogue's code. A change the
 *       catalogue marks as a blocker is one here only when the inventory shows it applies (Pod Security
 *       Policy removal with PodSecurityPolicy objects in use); otherwise it is a warning to check, since
 *       what decides it (container runtimes, bootstrap flags) is not in the inventory, and a blocker nobody
 *       can clear would stop every upgrade across that minor.
 * </ol>
 * Findings for the upgrade as a whole (no hop) follow: {@code API_ALREADY_REMOVED}, {@code DEPRECATED_API}
 * (still served at the target, removed later), {@code NODEGROUP_BEHIND}, {@code ADDON_VERSIONS_UNKNOWN},
 * {@code CONTROLLER_VERSION_UNKNOWN}, {@code CONTROLLER_RANGE_UNKNOWN}.
 *
 * <p>In-place steps per hop, in a safe order: node groups the skew policy needs upgraded first; migrations
 * of manifests to the replacement (or interim replacement) the cluster serves before the hop; add-ons
 * below the new minor's minimum, to a version offered for both sides; the control plane; migrations from
 * an interim replacement to the replacement it stood in for, once the new minor serves that;
 * add-ons to EKS's default for the new minor (else the newest offered; never a downgrade); node groups
 * (strict: after every hop; relaxed: after the last hop).
 *
 * <p>Strategy {@code auto} chooses blue-green when the in-place upgrade takes {@value #MANY_HOPS} hops or
 * more, or carries blockers found in the inventory that a new cluster at the target avoids (node skew,
 * add-ons; see {@link #avoidedByNewCluster(Finding)}), and in-place otherwise. The catalogue's breaking
 * changes do not decide it (they apply to every cluster alike), though a new cluster avoids those of
 * {@link #NEW_CLUSTER_AVOIDS}; {@link UpgradeReport#strategyReasons()} says why. In a blue-green report the
 * findings a new cluster avoids are kept, as {@link Severity#INFO}. Blue-green steps: migrate manifests of
 * removed APIs (to the replacement the target serves), create the new cluster at the target with its
 * add-ons, deploy the Sites and workloads with the new cluster's weighted records at 0, shift traffic
 * through {@link BlueGreen#effectiveTrafficSteps()} (each step holding {@link BlueGreen#dwell()}, at least
 * the record TTL, behind a health gate; the two weights never both 0), then delete the old cluster.
 */
public final class Planner {
  /** Strategy {@code auto} chooses blue-green for this many hops or more. */
  public static final int MANY_HOPS = 4;

  /**
   * Breaking changes that a new cluster at the target version does not go through: node bootstrap, AMI,
   * container runtime and add-on changes that new node groups and default add-ons already satisfy. The
   * others (Pod Security Policy removal, IAM, token changes) concern workloads or the account and apply
   * to a new cluster too.
   */
  public static final Set<String> NEW_CLUSTER_AVOIDS = Set.of(
      "EBS_CSI_MIGRATION", "DOCKERSHIM_REMOVED", "CRI_V1ALPHA2_REMOVED", "VPC_CNI_1_12_REQUIRED",
      "KUBELET_CONTAINER_RUNTIME_FLAG_REMOVED", "KUBELET_KEEP_TERMINATED_POD_VOLUMES_REMOVED", "NO_AMAZON_LINUX_2_AMI",
      "CGROUP_V1_KUBELET_REFUSES_TO_START", "KUBELET_POD_INFRA_CONTAINER_IMAGE_REMOVED", "CONTAINERD_2_REQUIRED",
      "KUBE_PROXY_IPVS_REMOVED");

  /** What a traffic step must see during its dwell to go on. */
  public static final String HEALTH_GATE = "the new cluster's Route53 health checks pass and its Argo CD Applications stay"
      + " Healthy and Synced for the whole dwell; otherwise set its weight back to 0 and stop";

  private static final int LISTED_PER_STEP = 5;
  private static final String SKEW = "NODE_SKEW";
  private static final String ADDON = "ADDON_NO_COMPATIBLE_VERSION";

  private final DeprecatedApis apis;
  private final BreakingChanges changes;
  private final ControllerCompatibility controllers;

  private Planner(DeprecatedApis apis, BreakingChanges changes, ControllerCompatibility controllers) {
    this.apis = Objects.requireNonNull(apis, "apis");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.controllers = Objects.requireNonNull(controllers, "controllers");
  }

  /** A planner with the knowledge bundled with the library. */
  public static Planner create() {
    return new Planner(DeprecatedApis.bundled(), BreakingChanges.bundled(), ControllerCompatibility.bundled());
  }

  /** A planner with other catalogues, for tools that carry their own. */
  public static Planner of(DeprecatedApis apis, BreakingChanges changes, ControllerCompatibility controllers) {
    return new Planner(apis, changes, controllers);
  }

  /**
   * Whether a new cluster at the target avoids {@code finding} of an in-place analysis: node skew and
   * add-on blockers, and the breaking changes of {@link #NEW_CLUSTER_AVOIDS}.
   */
  public static boolean avoidedByNewCluster(Finding finding) {
    return finding.code().equals(SKEW) || finding.code().equals(ADDON) || NEW_CLUSTER_AVOIDS.contains(finding.code());
  }

  /**
   * Plans the upgrade {@code request} asks for, of the cluster {@code inventory} describes.
   *
   * @throws IllegalArgumentException naming {@code currentVersion} when neither the request nor the
   *     inventory gives the current version, when they disagree on its minor, or when the target is not a
   *     later minor
   */
  public UpgradeReport plan(UpgradePlan request, Inventory inventory) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(inventory, "inventory");
    KubernetesVersion current = currentVersion(request, inventory);
    KubernetesVersion target = request.targetVersion();
    if (!current.toMinor().isBefore(target.toMinor()) && !current.sameMinor(target)) {
      throw new IllegalArgumentException("currentVersion " + current + " is after targetVersion " + target
          + ": control planes are never downgraded");
    }
    List<Hop> hops = Hop.between(current, target);
    InPlace inPlace = new InPlace(request, inventory, current, hops);
    inPlace.analyse();

    List<String> reasons = new ArrayList<>();
    Strategy auto = choose(hops, inPlace.findings, target, reasons);
    Strategy strategy = request.strategy() == Strategy.AUTO ? auto : request.strategy();
    if (request.strategy() != Strategy.AUTO) {
      List<String> why = reasons;
      reasons = new ArrayList<>();
      reasons.add("strategy " + strategy.value() + " was requested" + (auto == strategy ? "; auto would choose it too"
          : "; auto would choose " + auto.value() + ": " + String.join("; ", why)));
    }

    UpgradeReport.Builder report = UpgradeReport.builder()
        .cluster(request.cluster())
        .currentVersion(current)
        .targetVersion(target)
        .strategy(strategy)
        .hops(hops)
        .strategyReasons(reasons);
    if (strategy == Strategy.IN_PLACE) {
      report.findings(inPlace.findings).steps(inPlace.steps);
    } else {
      String green = request.greenClusterName();
      report.findings(inPlace.findings.stream().map(f -> avoidedByNewCluster(f) ? avoided(f, green, target) : f).toList())
          .steps(blueGreenSteps(request, inventory, inPlace, green, target));
    }
    return report.build();
  }

  private static KubernetesVersion currentVersion(UpgradePlan request, Inventory inventory) {
    Optional<KubernetesVersion> found = inventory.controlPlane();
    if (request.currentVersion().isPresent()) {
      KubernetesVersion given = request.currentVersion().get();
      if (found.isPresent() && !found.get().sameMinor(given)) {
        throw new IllegalArgumentException("currentVersion " + given + " of the request is not the control plane version "
            + found.get() + " found in the inventory");
      }
      // the scanned version may carry the patch release
      return found.orElse(given);
    }
    return found.orElseThrow(() -> new IllegalArgumentException(
        "currentVersion is unknown: give it in the request, or scan the cluster for its control plane version"));
  }

  private static Strategy choose(List<Hop> hops, List<Finding> findings, KubernetesVersion target, List<String> reasons) {
    // what the scan found decides; the catalogue's breaking changes say "check this" for every cluster
    // alike, so they would make every plan across 1.24 blue-green
    List<Finding> avoidable = findings.stream()
        .filter(f -> f.severity() == Severity.BLOCKER && avoidedByNewCluster(f) && !NEW_CLUSTER_AVOIDS.contains(f.code())).toList();
    List<String> avoidedChanges = findings.stream()
        .filter(f -> f.severity() != Severity.INFO && NEW_CLUSTER_AVOIDS.contains(f.code())).map(Finding::code).distinct().toList();
    if (hops.size() >= MANY_HOPS) {
      reasons.add("in place takes " + hops.size() + " hops (" + hops.get(0).from() + " to " + target + "), each a control-plane"
          + " update, add-on updates and node rollouts; " + MANY_HOPS + " or more hops choose one new cluster at " + target);
    }
    if (!avoidable.isEmpty()) {
      Map<String, Long> byCode = avoidable.stream().collect(Collectors.groupingBy(Finding::code, TreeMap::new, Collectors.counting()));
      reasons.add("in place carries " + avoidable.size() + " blocker(s) a new cluster at " + target + " avoids: "
          + byCode.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : "")).collect(Collectors.joining(", ")));
    }
    if (!reasons.isEmpty()) {
      if (!avoidedChanges.isEmpty()) {
        reasons.add("a new cluster also skips the node and add-on changes of the hops between: " + String.join(", ", avoidedChanges));
      }
      return Strategy.BLUE_GREEN;
    }
    reasons.add(hops.isEmpty() ? "the control plane is at " + target + " already: only add-ons and node groups behind it are planned"
        : hops.size() + " hop(s), fewer than " + MANY_HOPS + ", and no blocker that a new cluster would avoid");
    return Strategy.IN_PLACE;
  }

  private static Finding avoided(Finding f, String green, KubernetesVersion target) {
    return f.toBuilder().severity(Severity.INFO)
        .message(f.message() + " (avoided by blue-green: " + green + " starts at " + target + ")").build();
  }

  // ---- blue-green ----

  private List<Step> blueGreenSteps(UpgradePlan request, Inventory inventory, InPlace inPlace, String green, KubernetesVersion target) {
    List<Step> steps = new ArrayList<>();
    // every manifest must be served by the new cluster before it is deployed there
    Map<String, List<Inventory.ApiUsage>> removed = new TreeMap<>();
    inPlace.removedUsages.forEach((hop, usages) -> usages.forEach(u -> removed.computeIfAbsent(u.apiVersion() + " " + u.kind(), k -> new ArrayList<>()).add(u)));
    for (List<Inventory.ApiUsage> group : removed.values()) {
      DeprecatedApi row = apis.lookup(group.get(0).apiVersion(), group.get(0).kind()).orElseThrow();
      // the new cluster starts at the target: what it serves decides, the replacement itself as a rule
      Optional<DeprecatedApi.Replacement> to = servedAt(row, target);
      steps.add(migrateStep(new Migration(row.apiVersion(), row.kind(), row, to, group), Optional.empty(),
          to.map(r -> target + " serves it").orElse(""), " before deploying to " + green + " (" + target + " does not serve "
              + row.apiVersion() + ")"));
    }
    List<String> nodeGroups = inPlace.nodeGroupNames();
    steps.add(Step.builder().kind(StepKind.CREATE_CLUSTER)
        .description("create cluster " + green + " at " + target
            + (nodeGroups.isEmpty() ? "" : " with node groups " + String.join(", ", nodeGroups) + " at " + target))
        .resource(ResourceRef.aws("Cluster", green))
        .version(target)
        .build());
    for (Inventory.AddOn addOn : sorted(inventory.addOns(), Comparator.comparing(Inventory.AddOn::name))) {
      Optional<Inventory.AddOnVersion> version = newest(addOn.available().stream()
          .filter(v -> supports(v, target)).filter(v -> meetsMinimum(addOn.name(), v.version(), target)).toList(), target);
      version.ifPresent(v -> steps.add(Step.builder().kind(StepKind.UPGRADE_ADDON)
          .description("install " + addOn.name() + " " + v.version() + " on " + green
              + (isDefault(v, target) ? " (EKS's default for " + target + ")" : ""))
          .resource(ResourceRef.aws("Addon", addOn.name()).inScope(green))
          .addOnVersion(v.version())
          .build()));
    }
    steps.add(Step.builder().kind(StepKind.SYNC_WORKLOADS)
        .description("deploy the Sites and workloads of " + request.cluster() + " to " + green
            + " (Argo CD destination " + green + "); create each Site's weighted records for " + green
            + " with weight 0 next to " + request.cluster() + "'s at 100; wait until every Application is Healthy")
        .resource(ResourceRef.aws("Cluster", green))
        .build());
    BlueGreen bg = request.blueGreenSettings();
    for (int percent : bg.effectiveTrafficSteps()) {
      int greenWeight = percent;
      int blueWeight = 100 - percent;
      // Route53 splits traffic evenly when every weight of a name is 0: never plan that
      if (greenWeight + blueWeight == 0 || greenWeight < 0 || blueWeight < 0) {
        throw new IllegalStateException("traffic step " + percent + "% would set weights " + blueWeight + "/" + greenWeight);
      }
      steps.add(Step.builder().kind(StepKind.SHIFT_TRAFFIC)
          .description("set the weighted records to " + request.cluster() + " " + blueWeight + ", " + green + " " + greenWeight
              + " (" + percent + "% to " + green + "); hold " + bg.dwell() + " (record TTL " + bg.recordTtl() + ")")
          .percent(percent)
          .dwell(bg.dwell())
          .healthGate(HEALTH_GATE)
          .build());
    }
    steps.add(Step.builder().kind(StepKind.DELETE_CLUSTER)
        .description("after the last dwell, remove " + request.cluster() + "'s weighted records, then delete cluster "
            + request.cluster())
        .resource(ResourceRef.aws("Cluster", request.cluster()))
        .build());
    return steps;
  }

  // ---- shared pieces ----

  /**
   * Manifests of {@code kind} at {@code from} to move to {@code to} (empty: to remove, {@code row} having no
   * replacement). {@code from} is the row's apiVersion, or an interim replacement an earlier step moved them to.
   */
  private record Migration(String from, String kind, DeprecatedApi row, Optional<DeprecatedApi.Replacement> to,
      List<Inventory.ApiUsage> usages) {
    Migration(String from, String kind, DeprecatedApi row, Optional<DeprecatedApi.Replacement> to) {
      this(from, kind, row, to, new ArrayList<>());
    }
  }

  /**
   * The step of {@code m}: the version it rewrites to and the minor since which that is served, then
   * {@code note} (why that one), then {@code when}.
   */
  private Step migrateStep(Migration m, Optional<Hop> hop, String note, String when) {
    String objects = m.usages().stream().limit(LISTED_PER_STEP).map(Planner::describe).collect(Collectors.joining(", "))
        + (m.usages().size() > LISTED_PER_STEP ? " and " + (m.usages().size() - LISTED_PER_STEP) + " more" : "");
    String what;
    if (m.to().isPresent()) {
      DeprecatedApi.Replacement to = m.to().get();
      what = "rewrite " + m.from() + " " + m.kind() + " to " + to.apiVersion() + " (served since " + to.availableIn()
          + (note.isEmpty() ? "" : "; " + note) + ")";
    } else if (m.row().replacement().isEmpty()) {
      what = "remove " + m.from() + " " + m.kind() + " (no replacement API)";
    } else {
      what = "rewrite " + m.from() + " " + m.kind() + ": no replacement is served in time (" + served(m.row()) + ")";
    }
    Step.Builder step = Step.builder().kind(StepKind.MIGRATE_API).description(what + when + ": " + objects);
    hop.ifPresent(step::hop);
    if (m.usages().size() == 1) {
      ref(m.usages().get(0)).ifPresent(step::resource);
    }
    return step.build();
  }

  /** {@code flowcontrol.apiserver.k8s.io/v1 from 1.29, flowcontrol.apiserver.k8s.io/v1beta3 from 1.26}. */
  private static String served(DeprecatedApi row) {
    return row.replacements().stream().map(r -> r.apiVersion() + " from " + r.availableIn()).collect(Collectors.joining(", "));
  }

  /**
   * The replacement of {@code row} that an API server at {@code version} serves, following the catalogue on
   * when that one is itself removed by then (flowcontrol v1beta1 to v1beta3 to v1 for 1.32); empty when
   * there is none.
   */
  private Optional<DeprecatedApi.Replacement> servedAt(DeprecatedApi row, KubernetesVersion version) {
    Optional<DeprecatedApi.Replacement> to = row.replacementServedAt(version);
    // each step of the chain is a row removed later than the one before: bounded by the catalogue's size
    for (int i = 0; i < apis.all().size() && to.isPresent(); i++) {
      Optional<DeprecatedApi> next = apis.lookup(to.get().apiVersion(), row.kind()).filter(n -> n.isRemovedAt(version));
      if (next.isEmpty()) {
        break;
      }
      to = next.get().replacementServedAt(version);
    }
    return to;
  }

  /** How {@code to} was chosen, for a step or remedy: empty for the replacement itself. */
  private static String interimNote(DeprecatedApi row, DeprecatedApi.Replacement to) {
    return to.interim() ? row.replacement().orElseThrow() + " is served only from " + row.replacementAvailableIn().orElseThrow() : "";
  }

  private static String describe(Inventory.ApiUsage u) {
    String object = u.name() == null ? null : (u.namespace() == null ? u.name() : u.namespace() + "/" + u.name());
    return object == null ? u.location() : object + " (" + u.location() + ")";
  }

  static Optional<ResourceRef> ref(Inventory.ApiUsage u) {
    if (u.name() == null || u.name().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(u.namespace() == null || u.namespace().isBlank()
        ? ResourceRef.kubernetes(u.kind(), u.name()) : ResourceRef.kubernetes(u.kind(), u.namespace(), u.name()));
  }

  private static boolean supports(Inventory.AddOnVersion v, KubernetesVersion minor) {
    return v.clusterVersions().stream().anyMatch(k -> k.sameMinor(minor));
  }

  private static boolean isDefault(Inventory.AddOnVersion v, KubernetesVersion minor) {
    return v.defaultFor().stream().anyMatch(k -> k.sameMinor(minor));
  }

  private boolean meetsMinimum(String name, String version, KubernetesVersion minor) {
    try {
      return controllers.meetsRequirement(name, version, minor);
    } catch (IllegalArgumentException e) {
      return false; // not a version we can compare: never pick it over one we can
    }
  }

  /** EKS's default for {@code minor} among {@code candidates}, else the newest of them. */
  private static Optional<Inventory.AddOnVersion> newest(List<Inventory.AddOnVersion> candidates, KubernetesVersion minor) {
    Comparator<Inventory.AddOnVersion> byVersion = (a, b) -> compareVersions(a.version(), b.version());
    Optional<Inventory.AddOnVersion> preferred = candidates.stream().filter(v -> isDefault(v, minor)).max(byVersion);
    return preferred.isPresent() ? preferred : candidates.stream().max(byVersion);
  }

  private static int compareVersions(String a, String b) {
    try {
      int c = ControllerVersions.compare(a, b);
      return c != 0 ? c : a.compareTo(b);
    } catch (IllegalArgumentException e) {
      return a.compareTo(b);
    }
  }

  private static <T> List<T> sorted(List<T> values, Comparator<T> order) {
    return values.stream().sorted(order).toList();
  }

  /** The in-place analysis: findings and steps hop by hop, tracking versions as the steps would leave them. */
  private final class InPlace {
    final UpgradePlan request;
    final Inventory inventory;
    final KubernetesVersion current;
    final List<Hop> hops;
    final List<Finding> findings = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final Map<Hop, List<Inventory.ApiUsage>> removedUsages = new LinkedHashMap<>();
    // managed node groups (listed, or named by their nodes' label) and their versions as the plan moves them
    final Map<String, KubernetesVersion> nodeGroups = new TreeMap<>();
    final List<Inventory.NodeVersion> unmanaged = new ArrayList<>();

    InPlace(UpgradePlan request, Inventory inventory, KubernetesVersion current, List<Hop> hops) {
      this.request = request;
      this.inventory = inventory;
      this.current = current;
      this.hops = hops;
    }

    List<String> nodeGroupNames() {
      return List.copyOf(nodeGroups.keySet());
    }

    void analyse() {
      List<Inventory.ApiUsage> usages = sorted(inventory.apiUsages(), Comparator.comparing(Inventory.ApiUsage::apiVersion)
          .thenComparing(Inventory.ApiUsage::kind).thenComparing(Inventory.ApiUsage::location, Locations.NATURAL)
          .thenComparing(u -> Objects.toString(u.namespace(), "")).thenComparing(u -> Objects.toString(u.name(), ""))
          .thenComparing(Inventory.ApiUsage::origin));
      collectNodes();
      // the apiVersion each manifest is at as the plan's steps move it (null: removed), and the replacement
      // it moves on to once served when a step moved it to an interim one
      String[] using = usages.stream().map(Inventory.ApiUsage::apiVersion).toArray(String[]::new);
      DeprecatedApi.Replacement[] pending = new DeprecatedApi.Replacement[usages.size()];
      Map<String, String> addOnVersions = new TreeMap<>();
      inventory.addOns().forEach(a -> addOnVersions.put(a.name(), a.version()));
      Map<String, String> controllerVersions = controllerVersions();
      Set<String> untestedReported = new java.util.HashSet<>();
      Set<String> removedAddOns = new java.util.HashSet<>();
      List<Finding> general = new ArrayList<>();

      for (int i = 0; i < hops.size(); i++) {
        Hop hop = hops.get(i);
        boolean last = i == hops.size() - 1;
        List<Finding> removedF = new ArrayList<>();
        List<Finding> skewF = new ArrayList<>();
        List<Finding> addOnF = new ArrayList<>();
        List<Finding> controllerF = new ArrayList<>();

        // 1. node groups the policy needs moved before this control-plane hop
        for (Map.Entry<String, KubernetesVersion> ng : nodeGroups.entrySet()) {
          KubernetesVersion k = ng.getValue();
          boolean behind = k.toMinor().isBefore(hop.from());
          boolean needed = request.nodeSkew() == SkewPolicy.STRICT ? behind : !SkewPolicy.kubeletSupported(k.toMinor(), hop.to());
          if (behind && needed) {
            if (i == 0) {
              general.add(Finding.builder().severity(Severity.WARNING).code("NODEGROUP_BEHIND")
                  .message("node group " + ng.getKey() + " is at " + k + ", behind the control plane at " + current
                      + "; the plan upgrades it to " + hop.from() + " before the first hop (" + request.nodeSkew().value() + " node skew)")
                  .resource(ResourceRef.aws("Nodegroup", ng.getKey())).location("node group " + ng.getKey()).build());
            }
            steps.add(Step.builder().kind(StepKind.UPGRADE_NODEGROUP)
                .description("roll node group " + ng.getKey() + " from " + k + " to " + hop.from() + " before the control plane goes " + hop)
                .resource(ResourceRef.aws("Nodegroup", ng.getKey())).version(hop.from()).hop(hop).build());
            ng.setValue(hop.from());
          }
          request.nodeSkew().hopBlocker(hop, ng.getValue()).ifPresent(why -> skewF.add(Finding.builder()
              .severity(Severity.BLOCKER).code(SKEW).message("node group " + ng.getKey() + ": " + why)
              .resource(ResourceRef.aws("Nodegroup", ng.getKey())).version(hop.to()).hop(hop)
              .location("node group " + ng.getKey())
              .remedy("a node group newer than the control plane cannot be planned around; recreate it at " + hop.from()).build()));
        }
        // nodes outside managed node groups: one blocker per hop for all of them, however many
        List<Inventory.NodeVersion> blocking = new ArrayList<>();
        Map<String, List<String>> reasons = new TreeMap<>();
        for (int n = 0; n < unmanaged.size(); n++) {
          Inventory.NodeVersion node = unmanaged.get(n);
          Optional<String> why = request.nodeSkew().hopBlocker(hop, node.kubelet());
          if (why.isPresent()) {
            blocking.add(node);
            reasons.computeIfAbsent(why.get(), k -> new ArrayList<>()).add(node.name());
            if (!node.kubelet().toMinor().isAfter(hop.from())) {
              // the remedy says to move it: later hops are judged from there
              unmanaged.set(n, new Inventory.NodeVersion(node.name(), node.nodeGroup(), hop.from()));
            }
          }
        }
        if (!blocking.isEmpty()) {
          skewF.add(unmanagedSkew(hop, blocking, reasons));
        }

        // 2. removed APIs: each manifest moves, before the hop, to the replacement the cluster serves at
        // hop.from(); the interim one when the replacement itself is first served later
        List<Inventory.ApiUsage> removedHere = new ArrayList<>();
        Map<String, Migration> early = new TreeMap<>();
        for (int k = 0; k < usages.size(); k++) {
          Inventory.ApiUsage u = usages.get(k);
          Optional<DeprecatedApi> row = using[k] == null ? Optional.empty() : apis.lookup(using[k], u.kind());
          if (row.isEmpty() || !row.get().removedIn().equals(hop.to())) {
            continue;
          }
          DeprecatedApi r = row.get();
          boolean original = using[k].equals(u.apiVersion());
          Optional<DeprecatedApi.Replacement> to = r.replacementServedAt(hop.from());
          boolean stuck = to.isEmpty() && r.replacement().isPresent();
          if (original) {
            removedHere.add(u);
          }
          if (original || stuck) {
            removedF.add(removedApi(u, r, hop, to, original));
          }
          if (!stuck) {
            early.computeIfAbsent(using[k] + " " + u.kind(), key -> new Migration(r.apiVersion(), u.kind(), r, to)).usages().add(u);
            using[k] = to.map(DeprecatedApi.Replacement::apiVersion).orElse(null);
            // on an interim replacement: on to the replacement itself once the control plane serves it
            pending[k] = to.filter(DeprecatedApi.Replacement::interim).map(x -> r.replacements().get(0)).orElse(null);
          }
        }
        if (!removedHere.isEmpty()) {
          removedUsages.put(hop, removedHere);
        }
        early.values().forEach(m -> steps.add(migrateStep(m, Optional.of(hop), m.to().map(t -> interimNote(m.row(), t)).orElse(""),
            " before the control plane goes " + hop)));

        // add-ons whose installed version is below the new minor's minimum (VPC CNI 1.12 for 1.26) go first,
        // to a version EKS offers for both sides of the hop
        Set<String> blockedAddOns = new java.util.HashSet<>();
        for (Inventory.AddOn addOn : sorted(inventory.addOns(), Comparator.comparing(Inventory.AddOn::name))) {
          String installed = addOnVersions.get(addOn.name());
          Optional<ControllerRequirement> minimum = controllers.requirement(addOn.name(), hop.to());
          if (addOn.available().isEmpty() || minimum.isEmpty() || removedAddOns.contains(addOn.name())
              || meetsMinimum(addOn.name(), installed, hop.to())) {
            continue;
          }
          Optional<Inventory.AddOnVersion> chosen = newest(addOn.available().stream()
              .filter(v -> supports(v, hop.from()) && supports(v, hop.to()) && minimum.get().isMetBy(v.version())).toList(), hop.to());
          if (chosen.isEmpty()) {
            blockedAddOns.add(addOn.name());
            addOnF.add(Finding.builder().severity(Severity.BLOCKER).code(ADDON)
                .message("add-on " + addOn.name() + " " + installed + " is below " + minimum.get().minimumVersion() + ", the minimum for "
                    + hop.to() + " (" + minimum.get().reason() + "), and EKS offers no such version for both " + hop.from() + " and " + hop.to()
                    + " (offered for " + hop.from() + ": " + offered(addOn, hop.from()) + "; for " + hop.to() + ": " + offered(addOn, hop.to()) + ")")
                .resource(ResourceRef.aws("Addon", addOn.name())).version(hop.to()).hop(hop).location("add-on " + addOn.name())
                .remedy("update " + addOn.name() + " to at least " + minimum.get().minimumVersion() + " by hand before the control plane goes " + hop)
                .build());
            continue;
          }
          steps.add(Step.builder().kind(StepKind.UPGRADE_ADDON)
              .description("update add-on " + addOn.name() + " from " + installed + " to " + chosen.get().version() + " before the control plane goes "
                  + hop + " (" + hop.to() + " needs at least " + minimum.get().minimumVersion() + ")")
              .resource(ResourceRef.aws("Addon", addOn.name())).addOnVersion(chosen.get().version()).hop(hop).build());
          addOnVersions.put(addOn.name(), chosen.get().version());
        }

        // 3. control plane
        steps.add(Step.builder().kind(StepKind.UPGRADE_CONTROL_PLANE)
            .description("update the control plane of " + request.cluster() + " from " + hop.from() + " to " + hop.to())
            .resource(ResourceRef.aws("Cluster", request.cluster())).version(hop.to()).hop(hop).build());
        Map<String, Migration> onward = new TreeMap<>();
        for (int k = 0; k < usages.size(); k++) {
          DeprecatedApi.Replacement next = pending[k];
          if (next != null && next.isServedAt(hop.to())) {
            Inventory.ApiUsage u = usages.get(k);
            String from = using[k];
            onward.computeIfAbsent(from + " " + u.kind(), key -> new Migration(from, u.kind(),
                apis.lookup(u.apiVersion(), u.kind()).orElseThrow(), Optional.of(next))).usages().add(u);
            using[k] = next.apiVersion();
            pending[k] = null;
          }
        }
        onward.values().forEach(m -> steps.add(migrateStep(m, Optional.of(hop), "the replacement the interim " + m.from() + " stood in for",
            " right after the control plane reaches " + hop.to())));

        // 4. add-ons to EKS's default for the new minor (or the newest it offers), once the control plane is there
        for (Inventory.AddOn addOn : sorted(inventory.addOns(), Comparator.comparing(Inventory.AddOn::name))) {
          if (addOn.available().isEmpty() || blockedAddOns.contains(addOn.name()) || removedAddOns.contains(addOn.name())) {
            continue;
          }
          String installed = addOnVersions.get(addOn.name());
          List<Inventory.AddOnVersion> fit = addOn.available().stream()
              .filter(v -> supports(v, hop.to()) && meetsMinimum(addOn.name(), v.version(), hop.to())).toList();
          Optional<Inventory.AddOnVersion> chosen = newest(fit, hop.to());
          if (chosen.isEmpty()) {
            addOnF.add(Finding.builder().severity(Severity.BLOCKER).code(ADDON)
                .message("add-on " + addOn.name() + " has no version EKS offers for " + hop.to()
                    + controllers.requirement(addOn.name(), hop.to()).map(r -> " at " + r.minimumVersion() + " or later").orElse("")
                    + " (offered for " + hop.to() + ": " + offered(addOn, hop.to()) + ")")
                .resource(ResourceRef.aws("Addon", addOn.name())).version(hop.to()).hop(hop).location("add-on " + addOn.name())
                .remedy("remove " + addOn.name() + " (or replace it with a self-managed install) before the control plane goes " + hop)
                .build());
            removedAddOns.add(addOn.name()); // as the remedy says: later hops do not have it
            continue;
          }
          boolean stillServed = addOn.available().stream().anyMatch(v -> v.version().equals(installed) && supports(v, hop.to()));
          String version = chosen.get().version();
          // never a downgrade: a version newer than the default that still runs at the new minor stays
          if (!version.equals(installed) && (!stillServed || compareVersions(version, installed) > 0)) {
            steps.add(Step.builder().kind(StepKind.UPGRADE_ADDON)
                .description("update add-on " + addOn.name() + " from " + installed + " to " + version
                    + (isDefault(chosen.get(), hop.to()) ? " (EKS's default for " + hop.to() + ")" : ""))
                .resource(ResourceRef.aws("Addon", addOn.name())).addOnVersion(version).hop(hop).build());
            addOnVersions.put(addOn.name(), version);
          }
        }

        // 5. node groups follow the control plane: after every hop when strict, after the last when relaxed
        if (request.nodeSkew() == SkewPolicy.STRICT || last) {
          for (Map.Entry<String, KubernetesVersion> ng : nodeGroups.entrySet()) {
            if (ng.getValue().toMinor().isBefore(hop.to())) {
              steps.add(Step.builder().kind(StepKind.UPGRADE_NODEGROUP)
                  .description("roll node group " + ng.getKey() + " from " + ng.getValue() + " to " + hop.to())
                  .resource(ResourceRef.aws("Nodegroup", ng.getKey())).version(hop.to()).hop(hop).build());
              ng.setValue(hop.to());
            }
          }
        }

        // controllers (not add-ons: the plan updates those)
        for (Map.Entry<String, String> c : controllerVersions.entrySet()) {
          String name = c.getKey();
          String version = c.getValue();
          Optional<ControllerRequirement> minimum = controllers.requirement(name, hop.to());
          if (minimum.isPresent() && !minimum.get().isMetBy(version)) {
            ControllerRequirement r = minimum.get();
            controllerF.add(Finding.builder().severity(Severity.BLOCKER).code("CONTROLLER_TOO_OLD")
                .message(name + " " + version + " is below " + r.minimumVersion() + ", the minimum from " + r.fromKubernetes() + ": " + r.reason())
                .version(hop.to()).hop(hop).location(controllerLocation(name, version)).remedy("upgrade " + name + " to at least "
                    + r.minimumVersion() + " before the control plane goes " + hop).build());
            c.setValue(r.minimumVersion()); // as the remedy says: later hops are judged from there
          }
          if (!untestedReported.contains(name)) {
            Optional<TestedKubernetesRange> range = controllers.testedRange(name, c.getValue());
            if (range.isPresent() && !range.get().covers(hop.to())) {
              TestedKubernetesRange t = range.get();
              controllerF.add(Finding.builder().severity(Severity.BLOCKER).code("CONTROLLER_UNTESTED")
                  .message(name + " " + c.getValue() + " (release line " + t.controllerMinor() + ") was tested with Kubernetes "
                      + t.oldestKubernetes() + " to " + t.newestKubernetes() + ", not with " + hop.to())
                  .version(hop.to()).hop(hop).location(controllerLocation(name, c.getValue()))
                  .remedy("upgrade " + name + " to a release line tested with " + hop.to() + " before the control plane goes " + hop
                      + " (see " + t.source() + ")").build());
              untestedReported.add(name);
            }
          }
        }

        findings.addAll(removedF);
        findings.addAll(skewF);
        findings.addAll(addOnF);
        findings.addAll(controllerF);
        for (BreakingChange change : changes.broughtBy(hop)) {
          if (change.appliesTo(BreakingChange.Scope.EKS)) {
            // the catalogue's severity is what the change does where it applies; the inventory rarely shows
            // whether it does (container runtimes, bootstrap flags), so an unconfirmed blocker is a warning
            // to check, and only evidence in the inventory makes it block
            boolean confirmed = confirmed(change, usages);
            Severity severity = change.severity() == Severity.BLOCKER && !confirmed ? Severity.WARNING : change.severity();
            findings.add(Finding.builder().severity(severity).code(change.id()).message(change.summary())
                .version(change.minor()).hop(hop).location(change.source())
                .remedy(change.severity() == Severity.BLOCKER
                    ? (confirmed ? "the inventory shows it applies; deal with it before the control plane goes " + hop + ": "
                        : "blocks the upgrade where it applies; check before the control plane goes " + hop + ": ") + change.check()
                    : change.check())
                .build());
          }
        }
      }

      // the upgrade as a whole
      KubernetesVersion target = request.targetVersion();
      if (hops.isEmpty()) {
        catchUp(target.toMinor(), nodeGroups, addOnVersions, removedAddOns);
      }
      for (Inventory.ApiUsage u : usages) {
        Optional<DeprecatedApi> row = apis.lookup(u.apiVersion(), u.kind());
        if (row.isEmpty()) {
          continue;
        }
        DeprecatedApi r = row.get();
        Finding.Builder f = null;
        if (!r.removedIn().isAfter(current.toMinor())) {
          f = Finding.builder().severity(Severity.WARNING).code("API_ALREADY_REMOVED")
              .message(u.apiVersion() + " " + u.kind() + (ref(u).isPresent() ? " " + objectName(u) : "") + " was removed in " + r.removedIn()
                  + ", before the current " + current.toMinor() + ": this cluster does not serve it now" + origin(u))
              .remedy(servedAt(r, current).map(rep -> "use " + rep.apiVersion() + " (served since " + rep.availableIn() + ")")
                  .orElse(r.replacement().isPresent() ? "use " + served(r) : "remove it"));
        } else if (r.isDeprecatedAt(target)) {
          f = Finding.builder().severity(Severity.WARNING).code("DEPRECATED_API")
              .message(u.apiVersion() + " " + u.kind() + (ref(u).isPresent() ? " " + objectName(u) : "") + " is deprecated at " + target
                  + " and no longer served from " + r.removedIn() + origin(u))
              .remedy(servedAt(r, target).map(rep -> "use " + rep.apiVersion() + " (served since " + rep.availableIn()
                      + (rep.interim() ? "; " + interimNote(r, rep) : "") + ")")
                  .orElse(r.replacement().isPresent() ? target + " serves no replacement yet: " + served(r)
                      : "no replacement API: plan its removal"));
        }
        if (f != null) {
          ref(u).ifPresent(f::resource);
          general.add(f.version(r.removedIn()).location(u.location()).build());
        }
      }
      for (Inventory.AddOn addOn : sorted(inventory.addOns(), Comparator.comparing(Inventory.AddOn::name))) {
        if (addOn.available().isEmpty() && !hops.isEmpty()) {
          general.add(Finding.builder().severity(Severity.WARNING).code("ADDON_VERSIONS_UNKNOWN")
              .message("add-on " + addOn.name() + " " + addOn.version() + ": the inventory lists no versions EKS offers, so no add-on"
                  + " update is planned for it")
              .resource(ResourceRef.aws("Addon", addOn.name())).location("add-on " + addOn.name())
              .remedy("scan the cluster with EKS access (DescribeAddonVersions)").build());
        }
      }
      for (Inventory.ControllerVersion c : sorted(inventory.controllers(), Comparator.comparing(Inventory.ControllerVersion::name)
          .thenComparing(Inventory.ControllerVersion::version))) {
        if (isAddOn(c.name())) {
          continue;
        }
        if (!parses(c.version())) {
          general.add(Finding.builder().severity(Severity.WARNING).code("CONTROLLER_VERSION_UNKNOWN")
              .message(c.name() + " runs image " + c.image() + ", whose tag \"" + c.version() + "\" is not a version; it was not checked")
              .location(controllerLocation(c.name(), c.version())).remedy("pin the image to a release tag").build());
        } else if (controllers.tested().stream().anyMatch(t -> t.controller().equals(c.name()))
            && controllers.testedRange(c.name(), c.version()).isEmpty()) {
          general.add(Finding.builder().severity(Severity.INFO).code("CONTROLLER_RANGE_UNKNOWN")
              .message(c.name() + " " + c.version() + ": no tested Kubernetes range is known for its release line; check its"
                  + " documentation for " + target)
              .location(controllerLocation(c.name(), c.version())).build());
        }
      }
      findings.addAll(general);
    }

    // the control plane is at the target already (an earlier run stopped after it, at a node group's Jobs or
    // an add-on's timeout): what the last hop would have done after it, so that running again finishes it
    private void catchUp(KubernetesVersion target, Map<String, KubernetesVersion> nodeGroups, Map<String, String> addOnVersions,
        Set<String> removedAddOns) {
      for (Inventory.AddOn addOn : sorted(inventory.addOns(), Comparator.comparing(Inventory.AddOn::name))) {
        String installed = addOnVersions.get(addOn.name());
        Optional<Inventory.AddOnVersion> chosen = newest(addOn.available().stream()
            .filter(v -> supports(v, target) && meetsMinimum(addOn.name(), v.version(), target)).toList(), target);
        boolean stillServed = addOn.available().stream().anyMatch(v -> v.version().equals(installed) && supports(v, target));
        if (removedAddOns.contains(addOn.name()) || chosen.isEmpty() || installed == null) {
          continue;
        }
        String version = chosen.get().version();
        // as the last hop would have (never a downgrade)
        if (!version.equals(installed) && (!stillServed || compareVersions(version, installed) > 0)) {
          steps.add(Step.builder().kind(StepKind.UPGRADE_ADDON)
              .description("update add-on " + addOn.name() + " from " + installed + " to " + version + " (behind the control plane,"
                  + " which is at " + target + " already)")
              .resource(ResourceRef.aws("Addon", addOn.name())).addOnVersion(version).build());
        }
      }
      for (Map.Entry<String, KubernetesVersion> ng : nodeGroups.entrySet()) {
        if (ng.getValue().toMinor().isBefore(target)) {
          steps.add(Step.builder().kind(StepKind.UPGRADE_NODEGROUP)
              .description("roll node group " + ng.getKey() + " from " + ng.getValue() + " to " + target + " (behind the control plane,"
                  + " which is at " + target + " already)")
              .resource(ResourceRef.aws("Nodegroup", ng.getKey())).version(target).build());
        }
      }
    }

    /** The blocker for {@code u}, whose apiVersion {@code r} is removed by {@code hop}; {@code to} is what it moves to. */
    private Finding removedApi(Inventory.ApiUsage u, DeprecatedApi r, Hop hop, Optional<DeprecatedApi.Replacement> to, boolean original) {
      String subject = (original ? u.apiVersion() : r.apiVersion()) + " " + u.kind() + (ref(u).isPresent() ? " " + objectName(u) : "")
          + (original ? "" : " (an earlier step moved it from " + u.apiVersion() + ")");
      Finding.Builder f = Finding.builder().severity(Severity.BLOCKER).code("REMOVED_API").version(r.removedIn()).hop(hop).location(u.location());
      ref(u).ifPresent(f::resource);
      if (r.replacement().isEmpty()) {
        return f.message(subject + " is no longer served from " + r.removedIn() + origin(u))
            .remedy("no replacement API: remove it before the control plane goes " + hop
                + (r.kind().equals("PodSecurityPolicy") ? " (use Pod Security Admission instead)" : "")).build();
      }
      if (to.isEmpty()) {
        // nothing to move to while the cluster is at hop.from(): no migration step can clear it
        return f.message(subject + " is no longer served from " + r.removedIn() + origin(u) + ", and " + hop.from()
                + " serves no replacement to migrate it to first (" + served(r) + ")")
            .remedy("no in-place step can migrate it before the control plane goes " + hop + ": upgrade blue-green (the new cluster at "
                + request.targetVersion() + " serves the replacement), or stop everything that applies it from before the control plane"
                + " goes " + hop + " until it is rewritten to " + r.replacement().get() + " at " + r.replacementAvailableIn().get()
                + " (the API server converts the stored objects)").build();
      }
      DeprecatedApi.Replacement rep = to.get();
      String remedy = "use " + rep.apiVersion() + " (served since " + rep.availableIn() + ")";
      if (rep.interim()) {
        DeprecatedApi.Replacement replacement = r.replacements().get(0);
        remedy += ": " + interimNote(r, rep) + ", so on " + hop.from() + " migrate to " + rep.apiVersion() + " before the control plane goes "
            + hop + (replacement.isServedAt(request.targetVersion())
                ? ", then to " + replacement.apiVersion() + " once the control plane reaches " + replacement.availableIn() : "");
      } else {
        remedy += "; migrate before the control plane goes " + hop;
      }
      return f.message(subject + " is no longer served from " + r.removedIn() + origin(u)).remedy(remedy).build();
    }

    /**
     * The blocker for the nodes outside managed node groups that {@code hop} would leave out of skew: the
     * node itself when there is one; otherwise the first {@value #LISTED_PER_STEP} named, the others counted,
     * each reason with its nodes' count, and every node as an object of the finding.
     */
    private Finding unmanagedSkew(Hop hop, List<Inventory.NodeVersion> nodes, Map<String, List<String>> reasons) {
      Finding.Builder f = Finding.builder().severity(Severity.BLOCKER).code(SKEW).version(hop.to()).hop(hop)
          .resource(ResourceRef.kubernetes("Node", nodes.get(0).name()));
      if (nodes.size() == 1) {
        String name = nodes.get(0).name();
        return f.message("node " + name + " (not in a managed node group): " + reasons.keySet().iterator().next())
            .location("node " + name)
            .remedy("upgrade or replace node " + name + " (its kubelet) to " + hop.from() + " before the control plane goes " + hop)
            .build();
      }
      String listed = nodes.stream().limit(LISTED_PER_STEP).map(Inventory.NodeVersion::name).collect(Collectors.joining(", "))
          + (nodes.size() > LISTED_PER_STEP ? " and " + (nodes.size() - LISTED_PER_STEP) + " more" : "");
      String why = reasons.size() == 1 ? reasons.keySet().iterator().next()
          : reasons.entrySet().stream().map(e -> e.getKey() + " (" + count(e.getValue().size()) + ")").collect(Collectors.joining("; "));
      nodes.stream().skip(1).forEach(n -> f.addMoreResources(ResourceRef.kubernetes("Node", n.name())));
      return f.message(nodes.size() + " nodes not in a managed node group (" + listed + "): " + why)
          .location("nodes " + listed)
          .remedy("upgrade or replace these " + nodes.size() + " nodes (their kubelets) to " + hop.from() + " before the control plane goes "
              + hop + "; the finding's objects name them all")
          .build();
    }

    private static String count(int nodes) {
      return nodes == 1 ? "1 node" : nodes + " nodes";
    }

    /** Whether the inventory shows that {@code change} applies to this cluster. */
    private boolean confirmed(BreakingChange change, List<Inventory.ApiUsage> usages) {
      return change.id().equals("POD_SECURITY_POLICY_REMOVED") && usages.stream().anyMatch(u -> u.kind().equals("PodSecurityPolicy"));
    }

    private void collectNodes() {
      inventory.nodeGroups().forEach(ng -> nodeGroups.merge(ng.name(), ng.version(), Planner::older));
      Map<String, KubernetesVersion> labelled = new HashMap<>();
      for (Inventory.NodeVersion node : sorted(inventory.nodes(), Comparator.comparing(Inventory.NodeVersion::name, Locations.NATURAL))) {
        if (node.nodeGroup() != null && !node.nodeGroup().isBlank()) {
          labelled.merge(node.nodeGroup(), node.kubelet(), Planner::older);
        } else {
          unmanaged.add(node);
        }
      }
      // a group known only from its nodes' label: its oldest kubelet is its version
      labelled.forEach(nodeGroups::putIfAbsent);
    }

    private Map<String, String> controllerVersions() {
      Map<String, String> versions = new TreeMap<>();
      for (Inventory.ControllerVersion c : inventory.controllers()) {
        if (!isAddOn(c.name()) && parses(c.version())) {
          // several replicas or installs: the oldest decides
          versions.merge(c.name(), c.version(), (a, b) -> compareVersions(a, b) <= 0 ? a : b);
        }
      }
      return versions;
    }

    private boolean isAddOn(String name) {
      return inventory.addOns().stream().anyMatch(a -> a.name().equals(name));
    }

    private String controllerLocation(String name, String version) {
      // the first image by name, whatever order the scan found them in
      return inventory.controllers().stream().filter(c -> c.name().equals(name) && c.version().equals(version))
          .min(Comparator.comparing(c -> Objects.toString(c.image(), "")))
          .map(c -> "controller " + name + " (image " + c.image() + ")").orElse("controller " + name + " " + version);
    }
  }

  private static KubernetesVersion older(KubernetesVersion a, KubernetesVersion b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static boolean parses(String version) {
    try {
      ControllerVersions.parse(version, "version");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String offered(Inventory.AddOn addOn, KubernetesVersion minor) {
    List<String> versions = addOn.available().stream().filter(v -> supports(v, minor)).map(Inventory.AddOnVersion::version)
        .sorted(Planner::compareVersions).toList();
    return versions.isEmpty() ? "none" : String.join(", ", versions);
  }

  private static String objectName(Inventory.ApiUsage u) {
    return u.namespace() == null || u.namespace().isBlank() ? u.name() : u.namespace() + "/" + u.name();
  }

  private static String origin(Inventory.ApiUsage u) {
    return switch (u.origin()) {
      case FILE -> "";
      case LAST_APPLIED -> " (as last applied)";
      case HELM_RELEASE -> " (in a deployed Helm release)";
      case METRIC -> " (clients still call it, by the API server's metrics)";
    };
  }
}
