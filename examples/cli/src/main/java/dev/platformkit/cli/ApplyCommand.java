package dev.platformkit.cli;

import dev.platformkit.ApplyResult;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.spec.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code platform apply PATH...}: prints the plan, then applies exactly that plan. */
@Command(name = "apply", description = "Print the plan, then apply it. A second run prints \"no changes\".")
final class ApplyCommand extends SpecCommand {

  @Mixin
  Target target;

  @Override
  int run(Specs specs) {
    try (target) {
      Platform platform = target.platform(out());
      Plan plan = platform.tenants().plan(specs.tenants());
      out().println("plan for " + specs.tenants().size() + " tenant(s) on the " + target.describe() + ":");
      out().println(plan.render());
      noteUnapplied(specs);
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
