package dev.platformkit.cli;

import dev.platformkit.ApplyResult;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.site.Site;
import dev.platformkit.site.Sites;
import dev.platformkit.spec.Specs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code platform site weights} and {@code platform site shift}: a manual cutover of a site served from two
 * clusters through weighted Route53 records ({@link Sites#weights}, {@link Sites#planShift}, {@link Sites#shift},
 * {@link Sites#unhealthy}).
 */
abstract class SiteTraffic extends SpecCommand {
  @Mixin
  Target target;

  @Mixin
  OutputOptions output;

  @Option(names = "--site", paramLabel = "NAME", required = true, description = "The name of the site, a Site of the specs.")
  String siteName;

  @Option(names = {"-f", "--specs"}, paramLabel = "PATH", split = ",", defaultValue = ".",
      description = "Spec files or directories holding the site (repeat or separate with commas; default: the"
          + " current directory).")
  void specs(List<Path> specs) {
    this.paths = specs;
  }

  @Override
  Target target() {
    return target;
  }

  @Override
  OutputOptions output() {
    return output;
  }

  @Override
  final int run(Specs specs) {
    Site site = specs.sites().stream().filter(s -> s.name().equals(siteName)).findFirst().orElse(null);
    if (site == null) {
      return error(Main.INVALID, "no Site \"" + siteName + "\" in " + paths + " (sites there: "
          + (specs.sites().isEmpty() ? "none" : specs.sites().stream().map(Site::name).collect(Collectors.joining(", ")))
          + ") (--site)");
    }
    check();
    try (Target t = target) {
      Platform platform = t.platform(out());
      t.checkSites(List.of(site));
      putTarget(t);
      if (json()) {
        report().put("site", site.name());
      }
      return run(t, platform, site);
    }
  }

  /** Checks the command's own options before the backend is opened: a usage error throws. */
  void check() {
  }

  /** Runs the command on {@code site} of the specs, on the platform of {@code target}; returns the status. */
  abstract int run(Target target, Platform platform, Site site);

  /**
   * Prints {@code weights} (text: one line per set identifier with its weight and share; JSON: {@code weights}
   * and {@code shares}) under {@code heading}.
   */
  void printWeights(String heading, Site site, Map<String, Integer> weights) {
    Map<String, BigDecimal> shares = shares(weights);
    if (json()) {
      report().put("weights", weights);
      report().put("shares", shares);
      return;
    }
    if (weights.isEmpty()) {
      out().println("site " + site.name() + " has no weighted records: apply it with dns.weight and dns.setIdentifier"
          + " on each cluster first");
      return;
    }
    out().println(heading);
    int idWidth = weights.keySet().stream().mapToInt(String::length).max().orElse(0);
    int shareWidth = shares.values().stream().mapToInt(v -> v.toPlainString().length()).max().orElse(0) + 1;
    weights.forEach((id, w) -> out().println("  " + pad(id, idWidth) + "  " + String.format("%3d", w) + "  "
        + String.format("%" + shareWidth + "s", shares.get(id).toPlainString() + "%")));
    if (weights.values().stream().allMatch(w -> w == 0)) {
      out().println("  (every weight is 0: Route53 splits the traffic evenly)");
    }
  }

  /**
   * Prints whether the site serves from the target's cluster ({@link Sites#unhealthy}); JSON:
   * {@code healthy} and {@code unhealthy}. Returns the problems.
   */
  List<String> printHealth(Target target, Platform platform, Site site) {
    List<String> problems = platform.sites().unhealthy(site);
    if (json()) {
      report().put("healthy", problems.isEmpty());
      report().put("unhealthy", problems);
    } else if (problems.isEmpty()) {
      out().println("healthy: site " + site.name() + " serves from the " + target.describe());
    } else {
      out().println("unhealthy: site " + site.name() + " does not serve from the " + target.describe() + ":");
      problems.forEach(p -> out().println("  " + p));
    }
    return problems;
  }

  /**
   * Each identifier's share of the traffic in percent, to one decimal: its weight over the sum, or an even
   * split when every weight is 0 (what Route53 does then).
   */
  static Map<String, BigDecimal> shares(Map<String, Integer> weights) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    weights.forEach((id, w) -> {
      BigDecimal share = total == 0 ? BigDecimal.valueOf(100).divide(BigDecimal.valueOf(weights.size()), 1, RoundingMode.HALF_UP)
          : BigDecimal.valueOf(100L * w).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
      out.put(id, share.stripTrailingZeros().scale() < 0 ? share.setScale(0, RoundingMode.UNNECESSARY) : share.stripTrailingZeros());
    });
    return out;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** {@code platform site weights --site NAME}: {@link Sites#weights} and {@link Sites#unhealthy}. */
  @Command(name = "weights", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = {"Show the live weights of site NAME's weighted Route53 records by set identifier (each cluster"
          + " serving it has its own), each with its share of the traffic, and whether the site serves from this"
          + " backend's cluster (its Applications Synced and Healthy with a load balancer). Writes nothing.",
          "Exit status 0 when shown; with --detailed-exitcode, 2 when the site does not serve from this cluster;"
              + " 1 on any error."})
  static final class Weights extends SiteTraffic {
    @Option(names = "--detailed-exitcode", description = "Exit with 2 when the site does not serve from this"
        + " backend's cluster (unhealthy), 0 when it does.")
    boolean detailedExitCode;

    @Override
    int run(Target target, Platform platform, Site site) {
      Map<String, Integer> weights = platform.sites().weights(site);
      printWeights("weights of site " + site.name() + " (Route53, every cluster):", site, weights);
      List<String> problems = printHealth(target, platform, site);
      return detailedExitCode && !problems.isEmpty() ? Main.CHANGES : 0;
    }
  }

  /** {@code platform site shift --site NAME --weight ID=W ...}: {@link Sites#planShift}, then {@link Sites#shift}. */
  @Command(name = "shift", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = {"Move traffic between the clusters serving site NAME: set the weight of its weighted Route53"
          + " records of each set identifier given (--weight blue=90 --weight green=10), for every host, in one"
          + " Route53 change batch. Prints the plan, applies it (on a real cluster after 'yes', unless"
          + " --auto-approve) and prints the weights after. Identifiers not given keep their weight.",
          "Exit status 0 when done (or nothing to change); with --dry-run, like plan: 0 when nothing would"
              + " change, 2 when something would; 1 on any error (an unknown identifier, a weight outside 0 to 255,"
              + " weights that would all be 0)."})
  static final class Shift extends SiteTraffic {
    @Option(names = "--weight", paramLabel = "ID=W", required = true, converter = WeightConverter.class,
        description = "A set identifier and its new weight, 0 to 255, e.g. green=10 (repeat it for each identifier).")
    List<Weight> weights;

    @Option(names = "--dry-run", description = "Only show what would change; writes nothing.")
    boolean dryRun;

    @Option(names = "--auto-approve", description = "Shift on a real cluster without asking.")
    boolean autoApprove;

    @Override
    boolean asksFirst() {
      return !autoApprove;
    }

    // by set identifier, in the order given
    private final Map<String, Integer> wanted = new LinkedHashMap<>();

    @Override
    void check() {
      for (Weight w : weights) {
        Integer before = wanted.put(w.id(), w.weight());
        if (before != null && before != w.weight()) {
          throw new Main.OptionConflict(spec.commandLine(), "--weight: set identifier " + w.id() + " is given twice ("
              + w.id() + "=" + before + ", " + w.id() + "=" + w.weight() + ")");
        }
      }
    }

    @Override
    int run(Target target, Platform platform, Site site) {
      Plan plan = platform.sites().planShift(site, wanted);
      if (json()) {
        report().put("plan", Report.plan(plan));
        report().put("result", null);
      } else {
        out().println("shift plan for site " + site.name() + " on the " + target.describe() + ":");
        out().println(rendered(plan));
      }
      // before the question: moving traffic onto a cluster the site does not serve from is worth a second look
      printHealth(target, platform, site);
      if (dryRun || plan.isEmpty()) {
        if (json()) {
          report().put("changes", !plan.isEmpty());
        }
        if (!dryRun) {
          printWeights("weights of site " + site.name() + ":", site, platform.sites().weights(site));
        }
        return dryRun && !plan.isEmpty() ? Main.CHANGES : 0;
      }
      Integer refused = confirm(target, plan, "apply");
      if (refused != null) {
        return refused;
      }
      ApplyResult result;
      try {
        result = platform.sites().shift(site, wanted);
      } finally {
        target.save();
      }
      if (json()) {
        report().put("result", Report.result(result));
      } else {
        out().println(result);
      }
      printWeights("weights of site " + site.name() + " after the shift:", site, platform.sites().weights(site));
      return 0;
    }
  }

  /** One {@code --weight ID=W}. */
  record Weight(String id, int weight) {}

  /** Reads {@code --weight ID=W}: a set identifier, {@code =}, a whole number (its range is the library's to check). */
  static final class WeightConverter implements ITypeConverter<Weight> {
    private static final Pattern FORMAT = Pattern.compile("([^=\\s]+)=(.*)");

    @Override
    public Weight convert(String value) {
      Matcher m = FORMAT.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not ID=WEIGHT, a set identifier and a whole number"
            + " 0 to 255 such as green=10");
      }
      try {
        return new Weight(m.group(1), Integer.parseInt(m.group(2).trim()));
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "': the weight of " + m.group(1) + " is not a whole number"
            + " 0 to 255 (ID=WEIGHT, such as green=10)");
      }
    }
  }
}
