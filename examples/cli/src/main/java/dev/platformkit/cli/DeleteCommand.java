package dev.platformkit.cli;

import dev.platformkit.ApplyResult;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.spec.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code platform delete PATH...}: deletes everything the specs' tenants own, in reverse order. */
@Command(name = "delete", description = "Delete everything the tenants in the specs own (never what they don't).")
final class DeleteCommand extends SpecCommand {

  @Mixin
  Target target;

  @Override
  int run(Specs specs) {
    try (target) {
      Platform platform = target.platform(out());
      Plan plan = platform.tenants().planDelete(specs.tenants());
      out().println("deletion plan for " + specs.tenants().size() + " tenant(s) on the " + target.describe() + ":");
      out().println(plan.render());
      if (plan.isEmpty()) {
        return 0;
      }
      ApplyResult result = platform.tenants().apply(plan);
      target.save();
      out().println(result);
      return 0;
    }
  }
}
