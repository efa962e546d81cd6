package dev.platformkit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code platform} command: validate, plan, apply and delete platformkit spec files, on the embedded
 * in-memory backend (state kept in a local file) or, with {@code --kubeconfig}/{@code --context}, on a
 * real cluster.
 */
@Command(name = "platform", mixinStandardHelpOptions = true, version = "platform 0.1.0",
    description = "Platform automation primitives (Tenant, Schedule, Site, UpgradePlan) from spec files.",
    subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, DeleteCommand.class})
public final class Main {

  /** Exit status when specs are invalid or a plan is refused (ownership, preventDeletion). */
  static final int INVALID = 1;
  /** Exit status of {@code plan --detailed-exitcode} when there are changes. */
  static final int CHANGES = 2;
  /** Exit status when a backend failed. */
  static final int FAILED = 3;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given output streams; returns the exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }
}
