package dev.platformkit.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.platformkit.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns YAML or JSON text into {@link Node} trees, one per document, with the streaming parser: nothing
 * is expanded (aliases stay aliases, to be refused), nothing nests deeper than the limit, and a syntax
 * error ends the file but keeps the documents before it.
 */
final class TreeReader {
  // YAML 1.2 core schema booleans; Jackson also reports YAML 1.1 spellings (yes, on, ...) as booleans
  private static final Set<String> BOOLEANS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  /** The documents read, and the error that stopped reading, if one did. */
  record Result(List<Node> documents, Violation fatal) {}

  private final JsonParser parser;
  private final int maxDepth;

  private TreeReader(JsonParser parser, int maxDepth) {
    this.parser = parser;
    this.maxDepth = maxDepth;
  }

  /** Reads every document of {@code text}; empty documents are skipped. */
  static Result read(JsonFactory factory, String text, String file, int maxDepth) {
    List<Node> documents = new ArrayList<>();
    try (JsonParser parser = factory.createParser(text)) {
      TreeReader reader = new TreeReader(parser, maxDepth);
      try {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
          Node root = reader.value(token, 1);
          if (!(root instanceof Node.Scalar s && s.type == Node.ScalarType.NULL)) {
            documents.add(root);
          }
        }
      } catch (TooDeep e) {
        return new Result(documents, Violation.of("", "nested deeper than " + maxDepth + " levels").at(file, e.line, e.column));
      } catch (StreamConstraintsException e) {
        JsonLocation at = parser.currentLocation();
        return new Result(documents, Violation.of("", e.getOriginalMessage()).at(file, at.getLineNr(), at.getColumnNr()));
      } catch (IOException | YAMLException e) {
        return new Result(documents, syntaxError(e, parser, file));
      }
    } catch (IOException e) {
      // closing a parser over a String does no I/O
      throw new IllegalStateException(e);
    }
    return new Result(documents, null);
  }

  private Node value(JsonToken token, int depth) throws IOException {
    if (token == null) {
      throw new JsonParseException(parser, "unexpected end of input");
    }
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    switch (token) {
      case START_OBJECT -> {
        checkDepth(depth, line, column);
        Node.Mapping mapping = new Node.Mapping(line, column);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          JsonLocation keyAt = parser.currentTokenLocation();
          String key = parser.currentName();
          Node value = value(parser.nextToken(), depth + 1);
          mapping.put(new Node.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
        }
        return mapping;
      }
      case START_ARRAY -> {
        checkDepth(depth, line, column);
        Node.Sequence sequence = new Node.Sequence(line, column);
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
          sequence.items.add(value(t, depth + 1));
        }
        return sequence;
      }
      case VALUE_STRING -> {
        boolean alias = parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
        return new Node.Scalar(alias ? Node.ScalarType.ALIAS : Node.ScalarType.STRING, parser.getText(), line, column);
      }
      case VALUE_NUMBER_INT -> {
        return new Node.Scalar(Node.ScalarType.INTEGER, parser.getText(), line, column);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Node.Scalar(Node.ScalarType.DECIMAL, parser.getText(), line, column);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        String text = parser.getText();
        return new Node.Scalar(BOOLEANS.contains(text) ? Node.ScalarType.BOOLEAN : Node.ScalarType.STRING, text, line, column);
      }
      case VALUE_NULL -> {
        return new Node.Scalar(Node.ScalarType.NULL, null, line, column);
      }
      default -> {
        // VALUE_EMBEDDED_OBJECT: YAML !!binary and the like
        return new Node.Scalar(Node.ScalarType.STRING, parser.getText(), line, column);
      }
    }
  }

  private void checkDepth(int depth, int line, int column) {
    if (depth > maxDepth) {
      throw new TooDeep(line, column);
    }
  }

  private static Violation syntaxError(Exception e, JsonParser parser, String file) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked) {
        Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        String message = "invalid YAML: " + marked.getProblem();
        if (marked.getContext() != null) {
          Mark context = marked.getContextMark();
          message += " (" + marked.getContext()
              + (context != null && context != mark ? " at line " + (context.getLine() + 1) + ", column " + (context.getColumn() + 1) : "")
              + ")";
        }
        return mark == null
            ? located(Violation.of("", message), parser, file)
            : Violation.of("", message).at(file, mark.getLine() + 1, mark.getColumn() + 1);
      }
    }
    if (e instanceof JsonProcessingException json && json.getLocation() != null) {
      String kind = parser instanceof YAMLParser ? "invalid YAML: " : "invalid JSON: ";
      return Violation.of("", kind + json.getOriginalMessage())
          .at(file, json.getLocation().getLineNr(), Math.max(json.getLocation().getColumnNr(), 0));
    }
    String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    return located(Violation.of("", "cannot parse: " + message), parser, file);
  }

  private static Violation located(Violation v, JsonParser parser, String file) {
    JsonLocation at = parser.currentLocation();
    return v.at(file, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
  }

  /** Thrown when a mapping or list opens deeper than the limit; carries where. */
  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    TooDeep(int line, int column) {
      super(null, null, false, false);
      this.line = line;
      this.column = column;
    }
  }
}
