package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.upgrade.Inventory.ApiUsage;
import dev.platformkit.upgrade.Inventory.NodeGroupVersion;
import dev.platformkit.upgrade.Inventory.NodeVersion;
import dev.platformkit.upgrade.Inventory.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportRenderTest {
  private static final String EVIL = "<script>alert('x')</script>&\"";

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  private static UpgradeReport report() {
    Inventory inv = new Inventory(Optional.empty(), List.of(
        new ApiUsage("networking.k8s.io/v1beta1", "Ingress", "shop", "storefront", Origin.FILE, "manifests/ingress.yaml:14"),
        new ApiUsage("batch/v1beta1", "CronJob", "shop", EVIL, Origin.HELM_RELEASE, "helm release shop/" + EVIL + " revision 3 (templates/job.yaml)")),
        List.of(new NodeVersion("ip-10-0-1-5", null, v("1.21"))),
        List.of(new NodeGroupVersion("general", v("1.21"))), List.of(), List.of());
    return Planner.create().plan(UpgradePlan.builder().cluster("shop-prod").currentVersion(v("1.21")).targetVersion(v("1.25"))
        .strategy(Strategy.IN_PLACE).build(), inv);
  }

  @Test
  void everyFormatListsFindingsByPathThenLineAsANumber() throws Exception {
    Inventory inv = new Inventory(Optional.empty(), List.of(
        new ApiUsage("batch/v1beta1", "CronJob", "shop", "ten", Origin.FILE, "jobs/x.yaml:10"),
        new ApiUsage("batch/v1beta1", "CronJob", "shop", "nine", Origin.FILE, "jobs/x.yaml:9"),
        new ApiUsage("batch/v1beta1", "CronJob", "shop", "hundred", Origin.FILE, "jobs/x.yaml:100")),
        List.of(), List.of(), List.of(), List.of());
    UpgradeReport report = Planner.create().plan(UpgradePlan.builder().cluster("shop-prod").currentVersion(v("1.24")).targetVersion(v("1.25"))
        .build(), inv);
    List<String> order = List.of("jobs/x.yaml:9", "jobs/x.yaml:10", "jobs/x.yaml:100");

    JsonNode json = new ObjectMapper().readTree(report.render(ReportFormat.JSON));
    List<String> jsonOrder = new ArrayList<>();
    json.get("findings").forEach(f -> jsonOrder.add(f.get("location").asText()));
    jsonOrder.removeIf(l -> !l.startsWith("jobs/")); // the hop's breaking change, located at its web page
    assertThat(jsonOrder).containsExactlyElementsOf(order);
    for (ReportFormat format : List.of(ReportFormat.MARKDOWN, ReportFormat.HTML)) {
      String text = report.render(format);
      // each location as it appears in the findings (a code span, a link), in that order
      List<Integer> at = order.stream().map(l -> text.indexOf(format == ReportFormat.MARKDOWN ? "`" + l + "`" : ">" + l + "</a>")).toList();
      assertThat(at).as(format.toString()).doesNotContain(-1).isSorted();
    }
  }

  @Test
  void aFindingForManyNodesKeepsALinkToEachNodeInEveryFormat() throws Exception {
    UpgradeReport report = Planner.create().plan(UpgradePlan.builder().cluster("shop-prod").currentVersion(v("1.22")).targetVersion(v("1.23"))
        .strategy(Strategy.IN_PLACE).build(), PlannerTest.fiftyUnmanagedNodes());
    assertThat(report.findings()).filteredOn(f -> f.code().equals("NODE_SKEW")).hasSize(1);

    String html = report.render(ReportFormat.HTML);
    Matcher finding = Pattern.compile("<li class=\"finding blocker\" id=\"(finding-\\d+)\"><span class=\"sev\">blocker</span> <code>NODE_SKEW</code>"
        + "[^\n]*").matcher(html);
    assertThat(finding.find()).isTrue();
    for (int i = 1; i <= 50; i++) {
      Matcher link = Pattern.compile("<a href=\"#(object-\\d+)\">Node node-" + i + "</a>").matcher(finding.group());
      assertThat(link.find()).as("node-" + i + " linked from the finding").isTrue();
      // and the object's row links back to the finding
      assertThat(html).containsPattern("<tr id=\"" + link.group(1) + "\"><td>Node node-" + i + "</td><td>[^\n]*<a href=\"#"
          + finding.group(1) + "\">NODE_SKEW</a>");
    }
    JsonNode json = new ObjectMapper().readTree(report.render(ReportFormat.JSON));
    JsonNode skew = json.get("findings").get(0);
    assertThat(skew.get("code").asText()).isEqualTo("NODE_SKEW");
    assertThat(skew.at("/resource/name").asText()).isEqualTo("node-1");
    assertThat(skew.get("moreResources")).hasSize(49);
    assertThat(skew.at("/moreResources/48/name").asText()).isEqualTo("node-50");
    assertThat(skew.at("/moreResources/48/kind").asText()).isEqualTo("Node");
    assertThat(report.render(ReportFormat.MARKDOWN)).contains("`NODE_SKEW` 50 nodes not in a managed node group (node-1, node-2, node-3,"
        + " node-4, node-5 and 45 more): ").contains(" — `Node node-1` and 49 more at `nodes node-1, node-2, node-3, node-4, node-5 and 45 more`");
  }

  @Test
  void markdownForAPullRequest() {
    String md = report().render(ReportFormat.MARKDOWN);

    assertThat(md).startsWith("# Upgrade plan: shop-prod 1.21 to 1.25\n\n**Strategy:** in-place\n\n- strategy in-place was requested;");
    assertThat(md).contains("| hop | blockers | warnings | notes |\n|---|---|---|---|\n| 1.21 → 1.22 | **1** | 0 | 0 |\n");
    assertThat(md).contains("\n### 1.21 → 1.22\n\n- **BLOCKER** `REMOVED_API` networking.k8s.io/v1beta1 Ingress shop/storefront is no longer served"
        + " from 1.22 — `Ingress shop/storefront` at `manifests/ingress.yaml:14`\n  - fix: use networking.k8s.io/v1 (served since 1.19);"
        + " migrate before the control plane goes 1.21 -&gt; 1.22\n");
    assertThat(md).contains("\n## Steps\n\n1. `migrate-api` rewrite networking.k8s.io/v1beta1 Ingress");
    // names from manifests cannot open HTML in a pull request: escaped in text, literal only inside code spans
    assertThat(md.replaceAll("`[^`\n]*`", "")).doesNotContain("<").contains("&lt;script&gt;");
    assertThat(md).contains("`CronJob shop/<script>alert('x')</script>&\"`");
    assertThat(md).isEqualTo(report().render(ReportFormat.MARKDOWN));
  }

  @Test
  void jsonForToolsWithStableFieldNames() throws Exception {
    UpgradeReport report = report();
    JsonNode json = new ObjectMapper().readTree(report.render(ReportFormat.JSON));

    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("schema", "cluster", "currentVersion", "targetVersion", "strategy", "strategyReasons", "hasBlockers",
        "summary", "hops", "findings", "steps");
    assertThat(json.get("schema").asText()).isEqualTo(UpgradeReport.JSON_SCHEMA);
    assertThat(json.get("strategy").asText()).isEqualTo("in-place");
    assertThat(json.get("hasBlockers").asBoolean()).isTrue();
    assertThat(json.get("hops")).hasSize(4);
    assertThat(json.get("hops").get(0).toString()).isEqualTo("{\"from\":\"1.21\",\"to\":\"1.22\",\"blockers\":1,\"warnings\":0,\"info\":0}");
    JsonNode first = json.get("findings").get(0);
    assertThat(first.toString()).isEqualTo("{\"severity\":\"blocker\",\"code\":\"REMOVED_API\",\"message\":\"networking.k8s.io/v1beta1 Ingress"
        + " shop/storefront is no longer served from 1.22\",\"hop\":{\"from\":\"1.21\",\"to\":\"1.22\"},\"version\":\"1.22\","
        + "\"resource\":{\"provider\":\"kubernetes\",\"kind\":\"Ingress\",\"namespace\":\"shop\",\"name\":\"storefront\"},"
        + "\"location\":\"manifests/ingress.yaml:14\",\"remedy\":\"use networking.k8s.io/v1 (served since 1.19); migrate before the"
        + " control plane goes 1.21 -> 1.22\"}");
    assertThat(json.get("summary").get("blockers").asLong()).isEqualTo(report.blockers().size());
    assertThat(json.get("steps").get(1).get("kind").asText()).isEqualTo("upgrade-control-plane");
    assertThat(json.get("steps").get(1).get("version").asText()).isEqualTo("1.22");
  }

  @Test
  void jsonOfTrafficStepsCarriesWeightsDwellAndGate() throws Exception {
    UpgradeReport report = Planner.create().plan(UpgradePlan.builder().cluster("shop-prod").currentVersion(v("1.26")).targetVersion(v("1.27"))
        .strategy(Strategy.BLUE_GREEN).build(), Inventory.empty());
    JsonNode steps = new ObjectMapper().readTree(report.render(ReportFormat.JSON)).get("steps");

    JsonNode last = null;
    for (JsonNode s : steps) {
      if (s.get("kind").asText().equals("shift-traffic")) {
        last = s;
        assertThat(s.get("weights").get("old").asInt() + s.get("weights").get("new").asInt()).isEqualTo(100);
        assertThat(s.get("weights").get("new").asInt()).isPositive();
        assertThat(s.get("dwell").asText()).isEqualTo("PT15M");
        assertThat(s.get("healthGate").asText()).isEqualTo(Planner.HEALTH_GATE);
      }
    }
    assertThat(last).isNotNull();
    assertThat(last.get("weights").toString()).isEqualTo("{\"old\":0,\"new\":100}");
  }

  @Test
  void htmlIsSelfContainedEscapedAndLinksEachFinding() {
    String html = report().render(ReportFormat.HTML);

    // no external resources: nothing fetched or linked over the network, no scripts
    Matcher refs = Pattern.compile("(?i)(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
    List<String> targets = new ArrayList<>();
    while (refs.find()) {
      assertThat(refs.group(1).toLowerCase()).isEqualTo("href");
      targets.add(refs.group(2));
    }
    assertThat(targets).isNotEmpty().noneMatch(t -> t.matches("(?i)\\s*(https?:|//|javascript:|data:).*"));
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link").doesNotContain("@import").doesNotContain("url(")
        .doesNotContain("@font-face");
    assertThat(html).contains("<style>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    // the timeline: one entry per hop, blocked hops highlighted and linked to their findings
    assertThat(html).contains("<ol class=\"timeline\">").contains("<li class=\"blocked\"><a href=\"#hop-1-22\">1.22");
    assertThat(html).contains("<h3 id=\"hop-1-22\">");
    // a finding links to its file and to its object
    assertThat(html).contains("at: <a href=\"manifests/ingress.yaml\">manifests/ingress.yaml:14</a>");
    assertThat(html).contains("object: <a href=\"#object-1\">Ingress shop/storefront</a>");
    assertThat(html).contains("<tr id=\"object-1\"><td>Ingress shop/storefront</td><td><a href=\"#finding-1\">REMOVED_API</a></td></tr>");
    assertThat(html).contains("<li class=\"finding blocker\" id=\"finding-1\">");
    // every in-page link has its anchor
    for (String t : targets) {
      if (t.startsWith("#")) {
        assertThat(html).as(t).contains("id=\"" + t.substring(1) + "\"");
      }
    }
    assertThat(html).isEqualTo(report().render(ReportFormat.HTML));
  }

  @Test
  void helmTemplateLocationsLinkToTheirFile() {
    Inventory inv = new Inventory(Optional.empty(), List.of(new ApiUsage("batch/v1beta1", "CronJob", "batch", "nightly", Origin.FILE,
        "rendered/all.yaml:23 (batch/templates/cronjob.yaml)")), List.of(), List.of(), List.of(), List.of());
    String html = Planner.create().plan(UpgradePlan.builder().cluster("c").currentVersion(v("1.24")).targetVersion(v("1.25")).build(), inv)
        .render(ReportFormat.HTML);

    assertThat(html).contains("at: <a href=\"rendered/all.yaml\">rendered/all.yaml:23 (batch/templates/cronjob.yaml)</a>");
  }

  @Test
  void knowledgeSourcesAreTextNotLinks() {
    String html = report().render(ReportFormat.HTML);

    // the breaking change of 1.24 names its source page, but a page to look at offline does not fetch or link it
    String source = BreakingChanges.bundled().byId("DOCKERSHIM_REMOVED").orElseThrow().source();
    assertThat(html).contains("at: <code>" + source + "</code>").doesNotContain("href=\"" + source);
  }

  @Test
  void formatsAreSpelledInLowerCase() {
    assertThat(ReportFormat.of("HTML")).isEqualTo(ReportFormat.HTML);
    assertThat(ReportFormat.MARKDOWN.value()).isEqualTo("markdown");
  }
}
