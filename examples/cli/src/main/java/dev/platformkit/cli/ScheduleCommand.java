package dev.platformkit.cli;

import dev.platformkit.schedule.Schedule;
import dev.platformkit.spec.Specs;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code platform schedule show|reconcile|manifests}: the commands for Schedule documents. */
@Command(name = "schedule", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Show, reconcile and run Schedules in the cluster.",
    subcommands = {CommandLine.HelpCommand.class, ScheduleCommand.Show.class, ScheduleCommand.Reconcile.class, ScheduleCommand.Manifests.class})
final class ScheduleCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** {@code platform schedule} alone: a usage error that shows its commands. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** The Schedule documents of the specs, or an error (exit status 1) when there are none. */
  static List<Schedule> schedules(SpecCommand command, Specs specs) {
    if (specs.schedules().isEmpty()) {
      command.err().println("error: no Schedule documents in " + command.paths + " (found " + specs.size() + " other document(s))");
      return null;
    }
    return specs.schedules();
  }

  /** Reads {@code 2026-01-05T22:00:00Z} or {@code 2026-01-05T23:00:00+01:00} as an instant. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not an instant such as 2026-01-05T22:00:00Z or 2026-01-05T23:00:00+01:00");
      }
    }
  }

  /** {@code platform schedule show PATH...}: up or down, the next transitions, downtime and savings. */
  @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "For each schedule: up or down at the instant, the next transitions (local time"
      + " and UTC), the down hours of the week from then, and what that saves on the targeted workloads found on the backend.")
  static final class Show extends PathsCommand {
    @picocli.CommandLine.Mixin
    Target target;

    @picocli.CommandLine.Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
        description = "The instant to look at, e.g. 2026-01-05T22:00:00Z (default: now).")
    Instant at;

    @picocli.CommandLine.Option(names = "--count", paramLabel = "N", defaultValue = "4",
        description = "How many transitions to show (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    Target target() {
      return target;
    }

    @Override
    int run(Specs specs) {
      List<Schedule> schedules = schedules(this, specs);
      if (schedules == null) {
        return Main.INVALID;
      }
      if (count < 0) {
        err().println("error: --count " + count + " is negative");
        return Main.USAGE;
      }
      try (Target t = target) {
        new ScheduleReport(out(), t).print(schedules, at == null ? t.now() : at, count);
      }
      return 0;
    }
  }

  /** {@code platform schedule reconcile PATH...}: brings the targets where the schedules want them now. */
  @Command(name = "reconcile", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "Put the targets of the schedules to sleep or wake them, as the schedules"
      + " want them at the instant; print the changes made and the warnings.")
  static final class Reconcile extends PathsCommand {
    @picocli.CommandLine.Mixin
    Target target;

    @picocli.CommandLine.Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
        description = "Reconcile as at this instant, e.g. 2026-01-05T22:00:00Z (default: now).")
    Instant at;

    @Override
    Target target() {
      return target;
    }

    @Override
    int run(Specs specs) {
      List<Schedule> schedules = schedules(this, specs);
      if (schedules == null) {
        return Main.INVALID;
      }
      try (Target t = target) {
        Integer refused = reconcileSchedules(t, t.platform(out()), schedules, at == null ? t.now() : at);
        return refused == null ? 0 : refused;
      }
    }
  }

  /** {@code platform schedule manifests --image IMAGE PATH...}: the in-cluster objects as YAML. */
  @Command(name = "manifests", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "Print the objects that run the schedules inside the cluster (a CronJob"
      + " reconciling every 5 minutes, its ServiceAccount, ConfigMap and namespace-scoped Roles) as YAML documents.")
  static final class Manifests extends PathsCommand {
    @picocli.CommandLine.Option(names = "--image", paramLabel = "IMAGE", required = true,
        description = "Container image whose entrypoint is the platform command.")
    String image;

    @picocli.CommandLine.Option(names = "--namespace", paramLabel = "NS", defaultValue = "platformkit",
        description = "Namespace of the CronJob, ServiceAccount and ConfigMap (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Override
    int run(Specs specs) {
      List<Schedule> schedules = schedules(this, specs);
      if (schedules == null) {
        return Main.INVALID;
      }
      StringBuilder yaml = new StringBuilder();
      try {
        for (Schedule s : schedules) {
          yaml.append(Manifest.yaml(dev.platformkit.schedule.InCluster.render(s, image, namespace)));
        }
      } catch (IllegalArgumentException e) {
        err().println("error: " + e.getMessage());
        return Main.INVALID;
      }
      out().print(yaml);
      out().flush();
      return 0;
    }
  }
}
