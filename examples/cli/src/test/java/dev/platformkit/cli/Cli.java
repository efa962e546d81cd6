package dev.platformkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** What the CLI tests share: running the command in-process, the example specs, a kubeconfig. */
final class Cli {
  /** The example specs; surefire runs in the module directory, an IDE may run at the repository root. */
  static final Path SPECS = Files.isDirectory(Path.of("../specs")) ? Path.of("../specs") : Path.of("examples/specs");

  /**
   * The example specs without their Site (copied into {@code dir}/cluster-specs): what a cluster without an
   * AWS account takes, since a site needs ACM and Route53.
   */
  static Path clusterSpecs(Path dir) throws IOException {
    Path specs = Files.createDirectories(dir.resolve("cluster-specs"));
    try (java.util.stream.Stream<Path> files = Files.list(SPECS)) {
      for (Path f : files.toList()) {
        if (!Files.readString(f).contains("\nkind: Site\n")) {
          Files.copy(f, specs.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return specs;
  }

  /** What a run printed and returned. */
  record Run(int status, String out, String err) {}

  private Cli() {}

  /**
   * Runs {@code platform args...} with the defaults of {@link Main#run(String[], PrintWriter, PrintWriter)},
   * but without a terminal and with an empty environment whatever the test JVM has (no one to ask, no colours).
   */
  static Run run(String... args) {
    return run(Terminal.none(Map.of()), args);
  }

  /** Runs {@code main} (one of the {@code Main.run} variants) with captured output. */
  static Run run(BiFunction<PrintWriter, PrintWriter, Integer> main) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = main.apply(new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  /** Runs {@code platform args...} on {@code terminal}. */
  static Run run(Terminal terminal, String... args) {
    return run((out, err) -> Main.run(args, out, err, terminal));
  }

  /** A terminal a person sits at, giving {@code answers} in turn (then end of input); it keeps the prompts. */
  static final class Person implements Terminal {
    final List<String> prompts = new ArrayList<>();
    private final Map<String, String> env;
    private final Deque<String> answers;

    Person(Map<String, String> env, String... answers) {
      this.env = env;
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public String readLine(String prompt) {
      prompts.add(prompt);
      return answers.poll();
    }

    @Override
    public String env(String name) {
      return env.get(name);
    }
  }

  /** Writes a kubeconfig whose only context (the current one, {@code name}) points at {@code server}. */
  static Path kubeconfig(Path file, String name, String server) throws IOException {
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters: [{name: %1$s, cluster: {server: "%2$s", insecure-skip-tls-verify: true}}]
        contexts: [{name: %1$s, context: {cluster: %1$s, user: ci}}]
        current-context: %1$s
        users: [{name: ci, user: {token: not-checked}}]
        """.formatted(name, server));
    return file;
  }
}
