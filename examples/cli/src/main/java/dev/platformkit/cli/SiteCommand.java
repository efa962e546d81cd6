package dev.platformkit.cli;

import dev.platformkit.ApplyResult;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.site.Component;
import dev.platformkit.site.Expiry;
import dev.platformkit.site.Site;
import dev.platformkit.site.Sites;
import dev.platformkit.spec.Specs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code platform site preview}: a developer's preview of a site, in one command; {@code site weights} and
 * {@code site shift} ({@link SiteTraffic}): a manual cutover between clusters.
 */
@Command(name = "site", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Start previews of Sites; show and shift the traffic of a site served from two clusters.",
    subcommands = {CommandLine.HelpCommand.class, SiteCommand.Preview.class, SiteTraffic.Weights.class,
        SiteTraffic.Shift.class})
final class SiteCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** {@code platform site} alone: a usage error that shows its commands. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Reads a time to live as a site's expiry does: {@code 30m}, {@code 12h}, {@code 3d}, {@code 1d12h}, {@code PT36H}. */
  static final class TtlConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Expiry expiry;
      try {
        expiry = Expiry.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      return expiry.ttl().orElseThrow(() -> new TypeConversionException("'" + value
          + "' is an instant; give a time to live such as 12h, 3d or 1d12h"));
    }
  }

  /**
   * {@code platform site preview --tenant T --from SITE --branch B --ttl 3d}: makes the preview of a site
   * of the specs ({@link Sites#preview}), plans and applies it, and prints its URL.
   */
  @Command(name = "preview", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = {"Start (or update) a preview of site SITE of tenant T on a branch: its own hosts, certificate,"
          + " Argo CD Applications and DNS records, deleted by 'platform sites expire' once the time to live is over."
          + " Prints the plan, applies it (on a real cluster after 'yes', unless --auto-approve) and prints the URL.",
          "The same command again changes nothing. Exit status 0 once applied, 1 on any error."})
  static final class Preview extends SpecCommand {
    @Mixin
    Target target;

    @Mixin
    OutputOptions output;

    @Option(names = "--tenant", paramLabel = "T", required = true, description = "The tenant the site belongs to.")
    String tenant;

    @Option(names = "--from", paramLabel = "SITE", required = true, description = "The name of the site to preview, a Site of the specs.")
    String from;

    @Option(names = "--branch", paramLabel = "B", required = true,
        description = "The branch every component deploys, or COMPONENT=B for one component (repeat it; components"
            + " not named keep their revision).")
    List<String> branches;

    @Option(names = "--ttl", paramLabel = "DURATION", required = true, converter = TtlConverter.class,
        description = "How long the preview lives after it is first applied, e.g. 12h, 3d, 1d12h.")
    Duration ttl;

    @Option(names = "--user", paramLabel = "U", description = "Whose preview it is (default: the OS user name); part"
        + " of its name and hosts.")
    String user;

    @Option(names = {"-f", "--specs"}, paramLabel = "PATH", split = ",", defaultValue = ".",
        description = "Spec files or directories holding the site (repeat or separate with commas; default: the"
            + " current directory).")
    void specs(List<Path> specs) {
      this.paths = specs;
    }

    @Option(names = "--auto-approve", description = "Apply on a real cluster without asking.")
    boolean autoApprove;

    @Override
    Target target() {
      return target;
    }

    @Override
    OutputOptions output() {
      return output;
    }

    @Override
    boolean asksFirst() {
      return !autoApprove;
    }

    @Override
    int run(Specs specs) {
      Site site = specs.sites().stream().filter(s -> s.name().equals(from)).findFirst().orElse(null);
      if (site == null) {
        return error(Main.INVALID, "no Site \"" + from + "\" in " + paths + " (sites there: "
            + (specs.sites().isEmpty() ? "none" : specs.sites().stream().map(Site::name).collect(Collectors.joining(", "))) + ")");
      }
      if (!site.tenant().equals(tenant)) {
        return error(Main.INVALID, "site \"" + from + "\" belongs to tenant \"" + site.tenant() + "\", not \"" + tenant + "\" (--tenant)");
      }
      String who = user != null ? user : System.getProperty("user.name", "");
      try (Target t = target) {
        Platform platform = t.platform(out());
        t.checkSites(List.of(site));
        putTarget(t);
        Site preview;
        try {
          preview = preview(platform, site, who);
        } catch (IllegalArgumentException e) {
          return error(Main.INVALID, e.getMessage());
        }
        Integer refused = applySites(t, platform, List.of(preview), false);
        if (refused != null) {
          return refused;
        }
        String url = "https://" + preview.hosts().get(0);
        if (json()) {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("name", preview.name());
          p.put("from", site.name());
          p.put("user", who);
          p.put("hosts", preview.hosts());
          p.put("url", url);
          p.put("ttl", Expiry.after(ttl).toString());
          report().put("preview", p);
        }
        text("preview " + preview.name() + " of site " + site.name() + " (expires " + Expiry.after(ttl)
            + " after it was first applied): " + url);
        return 0;
      }
    }

    // one --branch B for every component, or COMPONENT=B for the components named
    private Site preview(Platform platform, Site site, String who) {
      Map<String, String> perComponent = new LinkedHashMap<>();
      String all = null;
      for (String b : branches) {
        int eq = b.indexOf('=');
        String component = eq > 0 ? b.substring(0, eq) : null;
        if (component != null && site.component(component).isPresent()) {
          if (perComponent.put(component, b.substring(eq + 1)) != null) {
            throw new IllegalArgumentException("--branch: component " + component + " is given twice");
          }
        } else if (all == null) {
          all = b;
        } else {
          throw new IllegalArgumentException("--branch: give one branch for every component, or COMPONENT=BRANCH per"
              + " component (site \"" + site.name() + "\" has " + site.components().stream().map(Component::name)
              .collect(Collectors.joining(", ")) + "), not two branches " + all + " and " + b);
        }
      }
      if (all != null && !perComponent.isEmpty()) {
        throw new IllegalArgumentException("--branch: give one branch for every component (" + all + ") or COMPONENT=BRANCH"
            + " per component (" + String.join(", ", perComponent.keySet()) + "), not both");
      }
      return all != null ? platform.sites().preview(site, who, all, ttl) : platform.sites().preview(site, who, perComponent, ttl);
    }
  }

  /** {@code platform sites expire}: deletes the previews that have expired. */
  @Command(name = "sites", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "Act on all the Sites of the backend.",
      subcommands = {CommandLine.HelpCommand.class, SiteCommand.Expire.class})
  static final class Group implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code platform sites} alone: a usage error that shows its commands. */
    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }
  }

  /** {@code platform sites expire [--dry-run]}: {@link Sites#planExpire} / {@link Sites#expire} at now. */
  @Command(name = "expire", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = {"Delete every site whose expiry has passed (previews): its DNS records, Applications and, when no"
          + " longer used, its certificate. Prints the deletion plan, then what it removed. On a real cluster it asks"
          + " for 'yes' first, unless --auto-approve (a CronJob gives it).",
          "Exit status: 0 when done (or nothing expired); with --dry-run, like plan: 0 when nothing has expired, 2"
              + " when something would be removed; 1 on any error, including a site that could not be removed."})
  static final class Expire extends SpecCommand {
    @Mixin
    Target target;

    @Mixin
    OutputOptions output;

    @Option(names = "--dry-run", description = "Only show what would be removed; writes nothing.")
    boolean dryRun;

    @Option(names = "--at", paramLabel = "INSTANT", converter = ScheduleCommand.InstantConverter.class,
        description = "Expire as at this instant, e.g. 2026-01-08T09:00:00Z (default: now; on the embedded backend"
            + " the state's clock, which stamped the previews).")
    Instant at;

    @Option(names = "--auto-approve", description = "Delete on a real cluster without asking.")
    boolean autoApprove;

    @Override
    Target target() {
      return target;
    }

    @Override
    OutputOptions output() {
      return output;
    }

    @Override
    boolean asksFirst() {
      return !autoApprove;
    }

    @Override
    boolean readsSpecs() {
      return false;
    }

    @Override
    int run(Specs none) {
      try (Target t = target) {
        Platform platform = t.platform(out());
        putTarget(t);
        Instant now = at != null ? at : t.siteNow();
        Plan plan = platform.sites().planExpire(now);
        List<String> expired = plan.subjects().stream().map(String::valueOf).toList();
        if (json()) {
          report().put("at", now.toString());
          report().put("expired", expired);
          report().put("plan", Report.plan(plan));
        } else {
          out().println(expired.size() + " expired site(s) at " + now + " on the " + t.describe()
              + (expired.isEmpty() ? "" : ": " + String.join(", ", expired)));
          out().println(rendered(plan));
        }
        if (dryRun || plan.isEmpty()) {
          if (json()) {
            report().put("changes", !plan.isEmpty());
          }
          return dryRun && !plan.isEmpty() ? Main.CHANGES : 0;
        }
        Integer refused = confirm(t, plan, "delete");
        if (refused != null) {
          return refused;
        }
        Sites.ExpireReport removed;
        try {
          removed = platform.sites().expire(now);
        } finally {
          t.save();
        }
        if (json()) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("removed", removed.removed());
          r.put("failed", removed.failed());
          r.put("elapsedMillis", removed.elapsed().toMillis());
          report().put("result", r);
        } else {
          out().println(removed);
        }
        if (!removed.failed().isEmpty()) {
          return error(Main.FAILED, removed.failed().size() + " expired site(s) could not be removed; run 'platform sites"
              + " expire' again to resume: " + String.join(", ", removed.failed().keySet()));
        }
        return 0;
      }
    }
  }
}
