package dev.platformkit.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/** A command whose spec files or directories are its positional parameters ({@code platform plan PATH...}). */
abstract class PathsCommand extends SpecCommand {

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Spec files or directories (*.yaml, *.yml, *.json).")
  void paths(List<Path> paths) {
    this.paths = paths;
  }
}
