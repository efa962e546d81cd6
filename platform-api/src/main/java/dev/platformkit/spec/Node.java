package dev.platformkit.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON value that remembers where it was written, so that every problem found later
 * can be reported at its line and column.
 */
abstract class Node {
  final int line;
  final int column;
  // where the key of this value is, when it is the value of a mapping entry
  private int keyLine;
  private int keyColumn;

  Node(int line, int column) {
    this.line = line;
    this.column = column;
  }

  /**
   * Where a problem with this value is reported: a scalar where it is written, a mapping or list at the
   * key that names it ({@code quota:} rather than its first entry), when it has one.
   */
  int[] position() {
    return this instanceof Scalar || keyLine == 0 ? new int[] {line, column} : new int[] {keyLine, keyColumn};
  }

  /** What the node is, in words for messages ({@code a mapping}, {@code the string "x"}). */
  abstract String describe();

  /** A key and its value; the key's location is where an unknown or duplicate field is reported. */
  record Entry(String key, int line, int column, Node value) {}

  /** A mapping; duplicate keys are kept aside (the first one wins) for the reader to report. */
  static final class Mapping extends Node {
    final Map<String, Entry> entries = new LinkedHashMap<>();
    final List<Entry> duplicates = new ArrayList<>();

    Mapping(int line, int column) {
      super(line, column);
    }

    void put(Entry entry) {
      entry.value().keyLine = entry.line();
      entry.value().keyColumn = entry.column();
      if (entries.containsKey(entry.key())) {
        duplicates.add(entry);
      } else {
        entries.put(entry.key(), entry);
      }
    }

    @Override
    String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  static final class Sequence extends Node {
    final List<Node> items = new ArrayList<>();

    Sequence(int line, int column) {
      super(line, column);
    }

    @Override
    String describe() {
      return "a list";
    }
  }

  /** What a scalar is, after YAML 1.2 core schema rules (so {@code yes} is a string, not a boolean). */
  enum ScalarType { STRING, INTEGER, DECIMAL, BOOLEAN, NULL, ALIAS }

  /** A scalar with its text exactly as written ({@code 1.20} stays {@code 1.20}). */
  static final class Scalar extends Node {
    final ScalarType type;
    final String text;

    Scalar(ScalarType type, String text, int line, int column) {
      super(line, column);
      this.type = type;
      this.text = text;
    }

    @Override
    String describe() {
      return switch (type) {
        case STRING -> "the string \"" + Text.abbreviate(text) + "\"";
        case INTEGER, DECIMAL -> "the number " + Text.abbreviate(text);
        case BOOLEAN -> "the boolean " + text;
        case NULL -> "null";
        case ALIAS -> "the alias *" + text;
      };
    }
  }
}
