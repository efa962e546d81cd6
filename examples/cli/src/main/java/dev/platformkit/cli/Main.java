package dev.platformkit.cli;

import dev.platformkit.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * The {@code platform} command: validate, plan, apply and delete platformkit spec files (and show,
 * reconcile and render schedules, start site previews and expire them, show and shift a site's traffic
 * between clusters), on the embedded in-memory backend (state kept in a local file) or, with
 * {@code --kubeconfig}/{@code --context}, on a real cluster.
 */
@Command(name = "platform", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Platform automation primitives (Tenant, Schedule, Site, UpgradePlan) from spec files.",
    footer = {"Each command takes spec files or directories and the backend options (--state, --kubeconfig,"
        + " --context, --cluster, --region, ...); 'upgrade plan' takes manifests (-f) and a cluster to scan, 'upgrade run'"
        + " the EKS cluster to upgrade in place: see 'platform help COMMAND'.",
        "On a real cluster (--kubeconfig, --context, --in-cluster) apply and delete show the plan and ask for"
        + " 'yes' unless --auto-approve, as 'upgrade run' does; without a terminal they refuse. The embedded in-memory"
        + " backend asks nothing."},
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {"0:done; for plan: no changes",
        "1:an error: invalid specs, none found, a path that does not exist, a refused or stale plan, an"
            + " apply that was not confirmed, a backend failure, a command line that could not be understood",
        "2:plan: there are changes (like terraform plan -detailed-exitcode), upgrade plan: blockers; apply and"
            + " delete return 0 once they applied them"},
    footerHeading = "%n",
    subcommands = {CommandLine.HelpCommand.class, ValidateCommand.class, PlanCommand.class, ApplyCommand.class, DeleteCommand.class, ScheduleCommand.class,
        SiteCommand.class, SiteCommand.Group.class,
        SchemaCommand.class, UpgradeCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Where the CLI runs: whether someone can be asked, and the environment. */
  final Terminal terminal;

  Main() {
    this(Terminal.SYSTEM);
  }

  Main(Terminal terminal) {
    this.terminal = terminal;
  }

  /** The terminal of the command line {@code command} belongs to. */
  static Terminal terminal(CommandLine command) {
    return ((Main) root(command).getCommand()).terminal;
  }

  /** Print stack traces of failures; inherited, so it is accepted after any command too. */
  @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "On a failure, also print its stack trace on standard error.")
  boolean debug;

  /** The version of the build, from the Maven-filtered {@code version.properties}. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CLI's version.properties", e);
    }
    String v = p.getProperty("version", "");
    // unfiltered (run from an IDE without Maven's resource processing): say so rather than print ${...}
    return v.isEmpty() || v.startsWith("${") ? "unknown (not built by Maven)" : v;
  }

  /** What {@code --version} prints, for the top-level command and every subcommand. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"platform " + version()};
    }
  }

  /** Whether {@code --debug} was given anywhere on the command line {@code command} belongs to. */
  static boolean debug(CommandLine command) {
    for (CommandLine.ParseResult p = root(command).getParseResult(); p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static CommandLine root(CommandLine command) {
    CommandLine c = command;
    while (c.getParent() != null) {
      c = c.getParent();
    }
    return c;
  }

  /** Prints {@code e}'s stack trace on {@code err} when {@code --debug} was given. */
  static void trace(CommandLine command, Throwable e, PrintWriter err) {
    if (debug(command)) {
      e.printStackTrace(err);
      err.flush();
    }
  }

  /** Exit status of every error: invalid specs, a refused or stale plan, an unconfirmed apply, a failure, bad usage. */
  static final int ERROR = 1;
  /** Exit status when specs are invalid or a plan is refused (ownership, preventDeletion): {@link #ERROR}. */
  static final int INVALID = ERROR;
  /** Exit status of {@code plan} when there are changes. */
  static final int CHANGES = 2;
  /** Exit status when a backend failed, or anything else went wrong while running: {@link #ERROR}. */
  static final int FAILED = ERROR;
  /** Exit status of a command line that could not be understood: {@link #ERROR}. */
  static final int USAGE = ERROR;

  /** Options given together that do not make sense together: a usage error of one line, without the usage. */
  static final class OptionConflict extends CommandLine.ParameterException {
    private static final long serialVersionUID = 1L;

    OptionConflict(CommandLine command, String message) {
      super(command, message);
    }
  }

  /** {@code platform} alone: a usage error that shows the commands. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given output streams; returns the exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, Sleeper.SYSTEM);
  }

  /** Like {@link #run(String[], PrintWriter, PrintWriter)}, waiting between retries with {@code sleeper}. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Sleeper sleeper) {
    return run(args, out, err, sleeper, Clock.systemUTC());
  }

  /** Like {@link #run(String[], PrintWriter, PrintWriter)}, with {@code clock} as the CLI's now. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
    return run(args, out, err, Sleeper.SYSTEM, clock);
  }

  /** Like {@link #run(String[], PrintWriter, PrintWriter)}, on {@code terminal} (tests: a person who answers, NO_COLOR). */
  static int run(String[] args, PrintWriter out, PrintWriter err, Terminal terminal) {
    return run(args, out, err, Sleeper.SYSTEM, Clock.systemUTC(), terminal);
  }

  private static int run(String[] args, PrintWriter out, PrintWriter err, Sleeper sleeper, Clock clock) {
    return run(args, out, err, sleeper, clock, Terminal.SYSTEM);
  }

  /**
   * Like {@link #run(String[], PrintWriter, PrintWriter)}, waiting with {@code sleeper}, {@code clock} as the
   * CLI's now, on {@code terminal}: tests of long waits ({@code upgrade run}) move a fake clock with the sleeper.
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, Sleeper sleeper, Clock clock, Terminal terminal) {
    IFactory defaults = CommandLine.defaultFactory();
    CommandLine cli = new CommandLine(new Main(terminal), new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == Target.class ? type.cast(new Target(sleeper, clock)) : defaults.create(type);
      }
    });
    cli.setOut(out);
    cli.setErr(err);
    // distinct statuses: a usage error must not read as "changes pending" (2) under --detailed-exitcode
    cli.setParameterExceptionHandler((e, given) -> {
      if (jsonRequested(given)) {
        // a tool asked for JSON: it gets JSON for a command line it got wrong too
        Map<String, Object> doc = Report.document(e.getCommandLine().getCommandSpec().qualifiedName(" "));
        doc.put("error", Report.error(e.getMessage(), USAGE, List.of()));
        out.println(Report.write(doc));
        return USAGE;
      }
      err.println("error: " + e.getMessage());
      // options that do not go together: the line says why; the whole usage would bury it
      if (!(e instanceof OptionConflict)) {
        e.getCommandLine().usage(err);
      }
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (jsonRequested(parsed.originalArgs().toArray(new String[0]))) {
        Map<String, Object> doc = Report.document(command.getCommandSpec().qualifiedName(" "));
        doc.put("error", Report.error(message, FAILED, List.of()));
        out.println(Report.write(doc));
        trace(command, e, err);
        return FAILED;
      }
      err.println("error: " + message);
      trace(command, e, err);
      return FAILED;
    });
    return cli.execute(args);
  }

  /** Whether the raw command line asks for {@code --output json}: read before (or without) parsing it. */
  static boolean jsonRequested(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--output=json") || (args[i].equals("--output") && i + 1 < args.length && args[i + 1].equals("json"))) {
        return true;
      }
    }
    return false;
  }
}
