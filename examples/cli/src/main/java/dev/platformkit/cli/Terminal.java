package dev.platformkit.cli;

import java.io.Console;
import java.util.Map;

/**
 * What the CLI knows of where it runs: whether a person sits at a terminal to answer a question, and
 * the environment (NO_COLOR). The real one is {@link #SYSTEM}; tests pass their own.
 */
interface Terminal {

  /** Whether standard input and output are a terminal, so that a person can be asked (and sees colours). */
  boolean interactive();

  /** Prints {@code prompt} to the person and reads their answer; null at the end of input. */
  String readLine(String prompt);

  /** The environment variable {@code name}, or null. */
  String env(String name);

  /** The process's terminal ({@link System#console()}, non-null only when stdin and stdout are a terminal) and environment. */
  Terminal SYSTEM = new Terminal() {
    @Override
    public boolean interactive() {
      return System.console() != null;
    }

    @Override
    public String readLine(String prompt) {
      Console console = System.console();
      return console == null ? null : console.readLine("%s", prompt);
    }

    @Override
    public String env(String name) {
      return System.getenv(name);
    }
  };

  /** No terminal (as under CI or a pipe), with the environment {@code env}. */
  static Terminal none(Map<String, String> env) {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public String readLine(String prompt) {
        return null;
      }

      @Override
      public String env(String name) {
        return env.get(name);
      }
    };
  }
}
