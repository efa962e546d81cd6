package dev.platformkit.cli;

import dev.platformkit.spec.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code platform apply PATH...}: prints the plan, then applies exactly that plan. */
@Command(name = "apply", description = "Print the plan, then apply it. A second run prints \"no changes\".")
final class ApplyCommand extends SpecCommand {

  @Mixin
  Target target;

  @Override
  Target target() {
    return target;
  }

  @Override
  int run(Specs specs) {
    return planThenApply(target, specs, false);
  }
}
