package dev.platformkit.upgrade.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reader that notes, while the YAML parser pulls text through it, the lines holding a document
 * separator ({@code ---}) and a {@code # Source: <path>} comment ({@code helm template} writes one before
 * every document). The parser drops comments, so this is the only place they can be seen. Entries are
 * dropped once looked up past, so memory stays bounded by the parser's read-ahead.
 */
public final class SourceTrackingReader extends FilterReader {
  private static final String SOURCE = "# Source: ";
  // a line longer than this cannot start a Source comment we care about; stop copying it
  private static final int MAX_LINE = 4096;

  private final TreeMap<Integer, String> sources = new TreeMap<>();
  private final TreeMap<Integer, Boolean> separators = new TreeMap<>();
  private final StringBuilder line = new StringBuilder();
  private int lineNr = 1;
  private boolean copying = true;

  public SourceTrackingReader(Reader in) {
    super(in);
  }

  /** The line being read (1-based): where a decoding error happened. */
  public int line() {
    return lineNr;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      see((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    for (int i = 0; i < n; i++) {
      see(buf[off + i]);
    }
    return n;
  }

  private void see(char c) {
    if (c == '\n') {
      endLine();
      lineNr++;
      line.setLength(0);
      copying = true;
      return;
    }
    if (!copying) {
      return;
    }
    // only lines that start like a separator or a Source comment are worth copying
    if (line.isEmpty() && c != '#' && c != '-') {
      copying = false;
      return;
    }
    if (line.length() >= MAX_LINE) {
      copying = false;
      line.setLength(0);
      return;
    }
    line.append(c);
  }

  private void endLine() {
    if (line.isEmpty()) {
      return;
    }
    String text = line.toString().strip();
    if (text.equals("---") || text.startsWith("--- ")) {
      separators.put(lineNr, Boolean.TRUE);
    } else if (text.startsWith(SOURCE)) {
      String path = text.substring(SOURCE.length()).strip();
      if (!path.isEmpty()) {
        sources.put(lineNr, path);
      }
    }
  }

  /**
   * The {@code # Source:} path of the document whose content starts at {@code line}: the last Source
   * comment at or before it with no document separator in between; null when there is none. Forgets
   * everything before {@code line}.
   */
  public String sourceAt(int line) {
    Map.Entry<Integer, String> source = sources.floorEntry(line);
    Integer separator = separators.floorKey(line);
    String found = source == null || (separator != null && separator > source.getKey()) ? null : source.getValue();
    sources.headMap(line).clear();
    separators.headMap(line).clear();
    return found;
  }
}
