package dev.platformkit.cli;

import dev.platformkit.spec.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform delete PATH...}: deletes everything the specs' sites and tenants own, in reverse order. */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Delete everything the sites and tenants in the specs own (never what they don't): sites first, then tenants.",
        "On a real cluster it shows the deletion plan and asks for 'yes' first, unless --auto-approve; without"
            + " a terminal it refuses. The embedded in-memory backend needs no confirmation.",
        "Exit status 0 once deleted (or nothing to delete), 1 on any error."})
final class DeleteCommand extends PathsCommand {

  @Mixin
  Target target;

  @Mixin
  OutputOptions output;

  @Option(names = "--delete-foreign-objects",
      description = "Delete namespaces even when they hold objects platformkit does not own (a team's workloads,"
          + " ConfigMaps, Secrets): Kubernetes deletes those with them. Without it such a deletion is refused.")
  boolean deleteForeign;

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
  int run(Specs specs) {
    return planThenApply(target, specs, true, deleteForeign);
  }
}
