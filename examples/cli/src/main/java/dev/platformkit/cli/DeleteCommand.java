package dev.platformkit.cli;

import dev.platformkit.spec.Specs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code platform delete PATH...}: deletes everything the specs' tenants own, in reverse order. */
@Command(name = "delete", description = "Delete everything the tenants in the specs own (never what they don't).")
final class DeleteCommand extends SpecCommand {

  @Mixin
  Target target;

  @Override
  Target target() {
    return target;
  }

  @Override
  int run(Specs specs) {
    return planThenApply(target, specs, true);
  }
}
