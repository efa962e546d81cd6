package dev.platformkit.upgrade.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformkit.ResourceRef;
import dev.platformkit.upgrade.Finding;
import dev.platformkit.upgrade.Hop;
import dev.platformkit.upgrade.Severity;
import dev.platformkit.upgrade.Step;
import dev.platformkit.upgrade.UpgradeReport;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders an {@link UpgradeReport} as Markdown, JSON and HTML: see {@link dev.platformkit.upgrade.ReportFormat}. */
public final class ReportRenderer {
  private ReportRenderer() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  // a manifest file, optionally with a line and the template it came from: what ManifestScanner reports
  private static final Pattern FILE = Pattern.compile("([^\\s:]+\\.(?:ya?ml|json))(?::(\\d+))?(?: \\([^()]*\\))?");

  // ---- Markdown ----

  /** The report as Markdown. */
  public static String markdown(UpgradeReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Upgrade plan: ").append(md(r.cluster())).append(' ').append(r.currentVersion()).append(" to ").append(r.targetVersion())
        .append("\n\n");
    md.append("**Strategy:** ").append(r.strategy().value()).append("\n\n");
    r.strategyReasons().forEach(reason -> md.append("- ").append(md(reason)).append('\n'));
    if (!r.strategyReasons().isEmpty()) {
      md.append('\n');
    }
    md.append(r.hasBlockers() ? "**" + count(r, Severity.BLOCKER) + " blocker(s)**" : "No blockers")
        .append(", ").append(count(r, Severity.WARNING)).append(" warning(s), ").append(count(r, Severity.INFO)).append(" note(s).\n\n");

    md.append("## Hops\n\n| hop | blockers | warnings | notes |\n|---|---|---|---|\n");
    for (Hop hop : r.hops()) {
      List<Finding> fs = findings(r, Optional.of(hop));
      long b = count(fs, Severity.BLOCKER);
      md.append("| ").append(hop.from()).append(" → ").append(hop.to()).append(" | ").append(b > 0 ? "**" + b + "**" : "0")
          .append(" | ").append(count(fs, Severity.WARNING)).append(" | ").append(count(fs, Severity.INFO)).append(" |\n");
    }
    if (r.hops().isEmpty()) {
      md.append("| none | | | |\n");
    }
    md.append("\n## Findings\n");
    for (Map.Entry<String, List<Finding>> group : groups(r).entrySet()) {
      md.append("\n### ").append(group.getKey()).append("\n\n");
      for (Finding f : group.getValue()) {
        md.append("- ").append(f.severity() == Severity.BLOCKER ? "**BLOCKER**" : f.severity().value().toUpperCase(java.util.Locale.ROOT))
            .append(" `").append(f.code()).append("` ").append(md(f.message()));
        f.resource().ifPresent(ref -> md.append(" — ").append(code(ref.toString())));
        if (!f.moreResources().isEmpty()) {
          md.append(" and ").append(f.moreResources().size()).append(" more");
        }
        f.location().ifPresent(loc -> md.append(" at ").append(code(loc)));
        f.remedy().ifPresent(remedy -> md.append("\n  - fix: ").append(md(remedy)));
        md.append('\n');
      }
    }
    if (r.findings().isEmpty()) {
      md.append("\nNothing found.\n");
    }
    md.append("\n## Steps\n\n");
    int n = 1;
    for (Step s : r.steps()) {
      md.append(n++).append(". `").append(s.kind().value()).append("` ").append(md(s.description()));
      s.hop().ifPresent(h -> md.append(" _(hop ").append(h.from()).append(" → ").append(h.to()).append(")_"));
      s.healthGate().ifPresent(g -> md.append("\n   - go on only if ").append(md(g)));
      md.append('\n');
    }
    if (r.steps().isEmpty()) {
      md.append("None.\n");
    }
    return md.toString();
  }

  // Markdown-significant characters become literal; '<' and '>' never open HTML in a pull request
  private static String md(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '|', '#' -> b.append('\\').append(c);
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  // a code span whose fence is longer than any run of backticks inside
  private static String code(String text) {
    String flat = text.replace('\n', ' ').replace('\r', ' ');
    String fence = "`";
    while (flat.contains(fence)) {
      fence += "`";
    }
    String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
    return fence + pad + flat + pad + fence;
  }

  // ---- JSON ----

  /** The report as JSON with stable field names. */
  public static String json(UpgradeReport r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", UpgradeReport.JSON_SCHEMA);
    root.put("cluster", r.cluster());
    root.put("currentVersion", r.currentVersion().toString());
    root.put("targetVersion", r.targetVersion().toString());
    root.put("strategy", r.strategy().value());
    ArrayNode reasons = root.putArray("strategyReasons");
    r.strategyReasons().forEach(reasons::add);
    root.put("hasBlockers", r.hasBlockers());
    ObjectNode summary = root.putObject("summary");
    summary.put("blockers", count(r, Severity.BLOCKER));
    summary.put("warnings", count(r, Severity.WARNING));
    summary.put("info", count(r, Severity.INFO));
    summary.put("steps", r.steps().size());
    ArrayNode hops = root.putArray("hops");
    for (Hop hop : r.hops()) {
      ObjectNode h = hops.addObject();
      h.put("from", hop.from().toString());
      h.put("to", hop.to().toString());
      List<Finding> fs = findings(r, Optional.of(hop));
      h.put("blockers", count(fs, Severity.BLOCKER));
      h.put("warnings", count(fs, Severity.WARNING));
      h.put("info", count(fs, Severity.INFO));
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding f : r.findings()) {
      ObjectNode o = findings.addObject();
      o.put("severity", f.severity().value());
      o.put("code", f.code());
      o.put("message", f.message());
      f.hop().ifPresent(h -> hop(o, h));
      f.version().ifPresent(v -> o.put("version", v.toString()));
      f.resource().ifPresent(ref -> resource(o, ref));
      if (!f.moreResources().isEmpty()) {
        ArrayNode more = o.putArray("moreResources");
        f.moreResources().forEach(ref -> fill(more.addObject(), ref));
      }
      f.location().ifPresent(l -> o.put("location", l));
      f.remedy().ifPresent(m -> o.put("remedy", m));
    }
    ArrayNode steps = root.putArray("steps");
    for (Step s : r.steps()) {
      ObjectNode o = steps.addObject();
      o.put("kind", s.kind().value());
      o.put("description", s.description());
      s.hop().ifPresent(h -> hop(o, h));
      s.resource().ifPresent(ref -> resource(o, ref));
      s.version().ifPresent(v -> o.put("version", v.toString()));
      s.addOnVersion().ifPresent(v -> o.put("addOnVersion", v));
      s.percent().ifPresent(p -> {
        o.put("percent", p);
        ObjectNode weights = o.putObject("weights");
        weights.put("old", 100 - p);
        weights.put("new", p);
      });
      s.dwell().ifPresent(d -> o.put("dwell", d.toString()));
      s.healthGate().ifPresent(g -> o.put("healthGate", g));
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void hop(ObjectNode o, Hop h) {
    ObjectNode node = o.putObject("hop");
    node.put("from", h.from().toString());
    node.put("to", h.to().toString());
  }

  private static void resource(ObjectNode o, ResourceRef ref) {
    fill(o.putObject("resource"), ref);
  }

  private static void fill(ObjectNode node, ResourceRef ref) {
    node.put("provider", ref.provider());
    node.put("kind", ref.kind());
    if (ref.namespace() != null) {
      node.put("namespace", ref.namespace());
    }
    node.put("name", ref.name());
    if (!ref.scope().isEmpty()) {
      node.put("scope", ref.scope());
    }
  }

  // ---- HTML ----

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1f2328;max-width:72rem}
      h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}
      .timeline{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
      .timeline li{border:2px solid #2da44e;border-radius:6px;padding:.4rem .7rem;min-width:6rem;text-align:center}
      .timeline li.blocked{border-color:#cf222e;background:#ffebe9}
      .timeline a{color:inherit;text-decoration:none}.timeline .n{display:block;font-size:.8rem}
      .finding{border-left:4px solid #d0d7de;padding:.3rem .8rem;margin:.5rem 0;list-style:none}
      .finding.blocker{border-color:#cf222e;background:#ffebe9}.finding.warning{border-color:#bf8700;background:#fff8c5}
      .finding.info{border-color:#0969da}
      .sev{font-weight:bold;text-transform:uppercase;font-size:.75rem}code{background:#f6f8fa;padding:0 .2rem}
      .remedy{color:#57606a}ul.findings{padding:0}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.2rem .5rem}
      """;

  /** The report as one self-contained HTML page. */
  public static String html(UpgradeReport r) {
    StringBuilder h = new StringBuilder();
    String title = "Upgrade plan: " + r.cluster() + " " + r.currentVersion() + " to " + r.targetVersion();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    h.append("<p><strong>Strategy: ").append(esc(r.strategy().value())).append("</strong></p>\n<ul>\n");
    r.strategyReasons().forEach(reason -> h.append("<li>").append(esc(reason)).append("</li>\n"));
    h.append("</ul>\n<p>").append(r.hasBlockers() ? "<strong>" + count(r, Severity.BLOCKER) + " blocker(s)</strong>" : "No blockers")
        .append(", ").append(count(r, Severity.WARNING)).append(" warning(s), ").append(count(r, Severity.INFO)).append(" note(s).</p>\n");

    h.append("<h2>Hops</h2>\n<ol class=\"timeline\">\n");
    h.append("<li><span>").append(esc(r.currentVersion().toString())).append("</span><span class=\"n\">now</span></li>\n");
    for (Hop hop : r.hops()) {
      List<Finding> fs = findings(r, Optional.of(hop));
      long b = count(fs, Severity.BLOCKER);
      h.append("<li").append(b > 0 ? " class=\"blocked\"" : "").append("><a href=\"#").append(hopId(hop)).append("\">")
          .append(esc(hop.to().toString())).append("<span class=\"n\">").append(b).append(" blocker(s), ")
          .append(fs.size() - b).append(" other</span></a></li>\n");
    }
    h.append("</ol>\n");

    Map<ResourceRef, String> objects = objectIds(r);
    h.append("<h2>Findings</h2>\n");
    int n = 0;
    for (Map.Entry<String, List<Finding>> group : groups(r).entrySet()) {
      Optional<Hop> hop = group.getValue().get(0).hop();
      h.append("<h3").append(hop.map(x -> " id=\"" + hopId(x) + "\"").orElse(" id=\"whole\"")).append(">").append(esc(group.getKey()))
          .append("</h3>\n<ul class=\"findings\">\n");
      for (Finding f : group.getValue()) {
        h.append("<li class=\"finding ").append(f.severity().value()).append("\" id=\"finding-").append(++n).append("\">")
            .append("<span class=\"sev\">").append(esc(f.severity().value())).append("</span> <code>").append(esc(f.code())).append("</code> ")
            .append(esc(f.message()));
        List<ResourceRef> refs = f.allResources();
        if (!refs.isEmpty()) {
          // every object keeps its link, however many one finding stands for
          h.append(refs.size() == 1 ? "<br>object: " : "<br>objects: ");
          for (int i = 0; i < refs.size(); i++) {
            h.append(i == 0 ? "" : ", ").append("<a href=\"#").append(objects.get(refs.get(i))).append("\">")
                .append(esc(refs.get(i).toString())).append("</a>");
          }
        }
        f.location().ifPresent(loc -> h.append("<br>at: ").append(location(loc)));
        f.remedy().ifPresent(m -> h.append("<br><span class=\"remedy\">fix: ").append(esc(m)).append("</span>"));
        h.append("</li>\n");
      }
      h.append("</ul>\n");
    }
    if (r.findings().isEmpty()) {
      h.append("<p>Nothing found.</p>\n");
    }

    h.append("<h2>Steps</h2>\n<ol>\n");
    for (Step s : r.steps()) {
      h.append("<li><code>").append(esc(s.kind().value())).append("</code> ").append(esc(s.description()));
      s.hop().ifPresent(x -> h.append(" <a href=\"#").append(hopId(x)).append("\">(hop ").append(esc(x.toString())).append(")</a>"));
      s.healthGate().ifPresent(g -> h.append("<br><span class=\"remedy\">go on only if ").append(esc(g)).append("</span>"));
      h.append("</li>\n");
    }
    h.append("</ol>\n");

    if (!objects.isEmpty()) {
      h.append("<h2>Objects</h2>\n<table>\n<tr><th>object</th><th>findings</th></tr>\n");
      for (Map.Entry<ResourceRef, String> o : objects.entrySet()) {
        h.append("<tr id=\"").append(o.getValue()).append("\"><td>").append(esc(o.getKey().toString())).append("</td><td>");
        int i = 0;
        List<String> links = new ArrayList<>();
        for (Finding f : ordered(r)) {
          i++;
          if (f.allResources().contains(o.getKey())) {
            links.add("<a href=\"#finding-" + i + "\">" + esc(f.code()) + "</a>");
          }
        }
        h.append(String.join(", ", links)).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** A file location links to the file (relative, as scanned); anything else, web pages included, is text. */
  private static String location(String loc) {
    Matcher m = FILE.matcher(loc);
    if (m.matches() && !loc.contains("//")) {
      String href = URLEncoder.encode(m.group(1), StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
      return "<a href=\"" + esc(href) + "\">" + esc(loc) + "</a>";
    }
    return "<code>" + esc(loc) + "</code>";
  }

  private static String hopId(Hop hop) {
    return "hop-" + hop.to().major() + "-" + hop.to().minor();
  }

  private static Map<ResourceRef, String> objectIds(UpgradeReport r) {
    Map<ResourceRef, String> ids = new LinkedHashMap<>();
    for (Finding f : ordered(r)) {
      f.allResources().forEach(ref -> ids.putIfAbsent(ref, "object-" + (ids.size() + 1)));
    }
    return ids;
  }

  /** Escapes text for HTML content and quoted attributes. */
  public static String esc(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  // ---- shared ----

  private static long count(UpgradeReport r, Severity s) {
    return count(r.findings(), s);
  }

  private static long count(List<Finding> fs, Severity s) {
    return fs.stream().filter(f -> f.severity() == s).count();
  }

  private static List<Finding> findings(UpgradeReport r, Optional<Hop> hop) {
    return r.findings().stream().filter(f -> f.hop().equals(hop)).toList();
  }

  /** Findings by hop in the hops' order, then those of the whole upgrade; within a group, the report's order. */
  private static Map<String, List<Finding>> groups(UpgradeReport r) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    for (Hop hop : r.hops()) {
      List<Finding> fs = findings(r, Optional.of(hop));
      if (!fs.isEmpty()) {
        groups.put(hop.from() + " → " + hop.to(), fs);
      }
    }
    // findings of a hop not in the report's chain cannot occur in a built report; keep them visible anyway
    List<Finding> rest = r.findings().stream().filter(f -> f.hop().isEmpty() || !r.hops().contains(f.hop().get())).toList();
    if (!rest.isEmpty()) {
      groups.put("Whole upgrade", rest);
    }
    return groups;
  }

  private static List<Finding> ordered(UpgradeReport r) {
    return groups(r).values().stream().flatMap(List::stream).toList();
  }
}
