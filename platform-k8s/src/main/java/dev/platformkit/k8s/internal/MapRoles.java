package dev.platformkit.k8s.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code mapRoles} text of the aws-auth ConfigMap, edited as text: the entries platformkit writes are
 * replaced, removed or appended in a canonical rendering, and every other byte (foreign entries, their
 * comments and formatting, line endings) stays as it was.
 *
 * <p>The text is split into its top-level sequence items by indentation; YAML parsing is used only to
 * identify the items and to check the split: each item must parse to the same value as the corresponding
 * element of the whole document, before and after every edit. A layout this cannot handle is refused with
 * an {@link IllegalArgumentException} rather than rewritten, because a broken aws-auth locks people (and
 * nodes) out of the cluster. Immutable.
 */
public final class MapRoles {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/@{}+=,-]*");
  // words YAML 1.1 (the Go parser that reads aws-auth) takes for booleans or null when unquoted
  private static final Set<String> SPECIAL = Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null");

  /**
   * One top-level item of the sequence.
   *
   * @param roleArn its {@code rolearn}, or null when it has none
   * @param value the item as parsed
   * @param text its lines, without the comments and blank lines that follow it
   */
  public record Entry(String roleArn, JsonNode value, String text) {}

  // an entry, or text between entries (comments, blank lines, a leading "[]" of an empty list)
  private record Piece(String text, Entry entry, boolean emptyList) {}

  private final List<Piece> pieces;
  private final int indent;
  private final String eol;

  private MapRoles(List<Piece> pieces, int indent, String eol) {
    this.pieces = List.copyOf(pieces);
    this.indent = indent;
    this.eol = eol;
  }

  /**
   * Splits {@code text} (null or empty for none) into entries.
   *
   * @throws IllegalArgumentException when it is not a YAML sequence of mappings laid out so that its items
   *     can be told apart line by line
   */
  public static MapRoles parse(String text) {
    String source = text == null ? "" : text;
    List<String> lines = lines(source);
    List<Piece> pieces = new ArrayList<>();
    int i = 0;
    StringBuilder lead = new StringBuilder();
    while (i < lines.size() && isTrivia(lines.get(i))) {
      lead.append(lines.get(i++));
    }
    pieces.add(new Piece(lead.toString(), null, false));
    int indent = i < lines.size() ? indentOf(lines.get(i)) : 0;
    boolean emptyFlow = i < lines.size() && content(lines.get(i)).strip().equals("[]");
    if (emptyFlow) {
      // an empty flow sequence, as Terraform's yamlencode([]) writes it; dropped when an entry is added
      pieces.add(new Piece(lines.get(i++), null, true));
      indent = 0;
    } else if (i < lines.size() && !isItemStart(lines.get(i), indent)) {
      throw new IllegalArgumentException("line " + (i + 1) + " does not start a list item: " + content(lines.get(i)).strip());
    }
    List<String> item = new ArrayList<>();
    int itemLine = 0;
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!emptyFlow && isItemStart(line, indent)) {
        addItem(pieces, item, itemLine);
        item.clear();
        itemLine = i + 1;
        item.add(line);
      } else if (!item.isEmpty() && (isTrivia(line) || indentOf(line) > indent)) {
        item.add(line);
      } else if (isTrivia(line)) {
        pieces.add(new Piece(line, null, false));
      } else {
        throw new IllegalArgumentException("line " + (i + 1) + " is outside the list of roles: " + content(line).strip());
      }
    }
    addItem(pieces, item, itemLine);
    MapRoles parsed = new MapRoles(pieces, indent, source.contains("\r\n") ? "\r\n" : "\n");
    parsed.check(elements(source, "mapRoles"));
    return parsed;
  }

  /**
   * The items of {@code text} (null or empty for none) as parsed, for reading only: any valid layout will
   * do, including ones {@link #parse} refuses to edit.
   *
   * @throws IllegalArgumentException when it is not valid YAML or not a list
   */
  public static List<JsonNode> values(String text) {
    return elements(text == null ? "" : text, "mapRoles", false);
  }

  /** Every item, in order. */
  public List<Entry> entries() {
    return pieces.stream().filter(p -> p.entry() != null).map(Piece::entry).toList();
  }

  /** The text. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    pieces.forEach(p -> sb.append(p.text()));
    return sb.toString();
  }

  /**
   * The text with one canonical entry for {@code roleArn}: it takes the place of the first existing entry
   * for that role, ARNs compared without case as the authenticator does (further ones are dropped), or is
   * appended.
   */
  public MapRoles put(String roleArn, String username, List<String> groups) {
    String rendered = render(indent, eol, roleArn, username, groups);
    JsonNode value = elements(rendered, "the rendered entry").get(0);
    List<Piece> out = new ArrayList<>();
    List<JsonNode> expected = new ArrayList<>();
    boolean placed = false;
    for (Piece p : pieces) {
      if (p.entry() != null && roleArn.equalsIgnoreCase(p.entry().roleArn())) {
        if (!placed) {
          out.add(new Piece(rendered, new Entry(roleArn, value, rendered), false));
          expected.add(value);
          placed = true;
        }
      } else {
        out.add(p);
        if (p.entry() != null) {
          expected.add(p.entry().value());
        }
      }
    }
    if (!placed) {
      out.removeIf(Piece::emptyList);
      String tail = out.get(out.size() - 1).text();
      if (!tail.isEmpty() && !tail.endsWith("\n")) {
        out.add(new Piece(eol, null, false));
      }
      out.add(new Piece(rendered, new Entry(roleArn, value, rendered), false));
      expected.add(value);
    }
    return edited(out, expected);
  }

  /** The text without the entries for {@code roleArn} (compared without case); the comments and blank lines after them stay. */
  public MapRoles remove(String roleArn) {
    List<Piece> out = new ArrayList<>();
    List<JsonNode> expected = new ArrayList<>();
    for (Piece p : pieces) {
      if (p.entry() == null || !roleArn.equalsIgnoreCase(p.entry().roleArn())) {
        out.add(p);
        if (p.entry() != null) {
          expected.add(p.entry().value());
        }
      }
    }
    return edited(out, expected);
  }

  /** The canonical rendering of one entry at {@code indent} spaces, each line ended with {@code eol}. */
  public static String render(int indent, String eol, String roleArn, String username, List<String> groups) {
    String pad = " ".repeat(indent);
    StringBuilder sb = new StringBuilder();
    sb.append(pad).append("- rolearn: ").append(scalar(roleArn)).append(eol);
    if (username != null) {
      sb.append(pad).append("  username: ").append(scalar(username)).append(eol);
    }
    if (groups.isEmpty()) {
      sb.append(pad).append("  groups: []").append(eol);
    } else {
      sb.append(pad).append("  groups:").append(eol);
      for (String g : groups) {
        sb.append(pad).append("    - ").append(scalar(g)).append(eol);
      }
    }
    return sb.toString();
  }

  // plain when unambiguous, else double-quoted (a JSON string is a valid YAML double-quoted scalar)
  private static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !s.endsWith(":") && !SPECIAL.contains(s.toLowerCase(Locale.ROOT))) {
      return s;
    }
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // the edit must read back as exactly the expected entries, each untouched one with its text unchanged
  // (up to a line break added after the last one)
  private MapRoles edited(List<Piece> out, List<JsonNode> expected) {
    List<Entry> intended = new MapRoles(out, indent, eol).entries();
    MapRoles result = parse(new MapRoles(out, indent, eol).text());
    List<Entry> got = result.entries();
    boolean same = got.size() == intended.size() && intended.stream().map(Entry::value).toList().equals(expected);
    for (int k = 0; same && k < got.size(); k++) {
      same = Objects.equals(got.get(k).roleArn(), intended.get(k).roleArn())
          && got.get(k).value().equals(intended.get(k).value())
          && got.get(k).text().stripTrailing().equals(intended.get(k).text().stripTrailing());
    }
    if (!same) {
      throw new IllegalStateException("the edited mapRoles does not read back as the intended entries");
    }
    return result;
  }

  // the items, one by one, must be the elements of the whole document
  private void check(List<JsonNode> whole) {
    List<Entry> entries = entries();
    if (entries.size() != whole.size()) {
      throw new IllegalArgumentException("found " + entries.size() + " items by indentation but the YAML has "
          + whole.size() + "; the layout is too unusual to edit safely");
    }
    for (int k = 0; k < whole.size(); k++) {
      if (!whole.get(k).equals(entries.get(k).value())) {
        throw new IllegalArgumentException("item " + (k + 1) + " (" + entries.get(k).roleArn()
            + ") reads differently alone than in the whole list; the layout is too unusual to edit safely");
      }
    }
  }

  private static void addItem(List<Piece> pieces, List<String> item, int line) {
    if (item.isEmpty()) {
      return;
    }
    int end = item.size();
    while (end > 1 && isTrivia(item.get(end - 1))) {
      end--;
    }
    String core = String.join("", item.subList(0, end));
    List<JsonNode> parsed = elements(core, "the item at line " + line);
    if (parsed.size() != 1 || !parsed.get(0).isObject()) {
      throw new IllegalArgumentException("the item at line " + line + " is not a mapping");
    }
    JsonNode arn = parsed.get(0).get("rolearn");
    pieces.add(new Piece(core, new Entry(arn != null && arn.isTextual() ? arn.asText() : null, parsed.get(0), core), false));
    if (end < item.size()) {
      pieces.add(new Piece(String.join("", item.subList(end, item.size())), null, false));
    }
  }

  private static List<JsonNode> elements(String yaml, String what) {
    return elements(yaml, what, true);
  }

  private static List<JsonNode> elements(String yaml, String what, boolean editing) {
    JsonNode node;
    try {
      if (editing) {
        refuseAnchors(yaml, what);
      }
      node = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does no I/O
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(what + " is not a list");
    }
    List<JsonNode> out = new ArrayList<>();
    node.forEach(out::add);
    return out;
  }

  // an alias ties an item to another one, so neither could be edited or removed alone
  private static void refuseAnchors(String yaml, String what) throws IOException {
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias() || parser.getObjectId() != null) {
          throw new IllegalArgumentException(what + " uses YAML anchors or aliases (line "
              + parser.currentLocation().getLineNr() + ")");
        }
      }
    }
  }

  // lines with their terminators, so that joining them gives the text back byte for byte
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  private static String content(String line) {
    String s = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean isTrivia(String line) {
    String s = content(line).strip();
    return s.isEmpty() || s.startsWith("#");
  }

  private static int indentOf(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static boolean isItemStart(String line, int indent) {
    String s = content(line);
    return indentOf(s) == indent && s.length() > indent && s.charAt(indent) == '-'
        && (s.length() == indent + 1 || s.charAt(indent + 1) == ' ');
  }
}
