package dev.platformkit.spec;

import com.fasterxml.jackson.core.JsonFactory;
import dev.platformkit.PlatformException;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import dev.platformkit.tenant.Tenant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads spec documents from YAML or JSON: a file, a directory (recursively), or text in memory.
 *
 * <p>A file may hold several documents ({@code ---} in YAML, concatenated objects in JSON). Files
 * ending in {@code .json} are read as JSON, everything else as YAML. In a directory, files ending in
 * {@code .yaml}, {@code .yml} or {@code .json} are read in path order; hidden files and directories
 * (names starting with a dot) are skipped.
 *
 * <p>Documents read by one call are checked together as well: names must be unique per kind, and
 * tenants must not conflict ({@link dev.platformkit.tenant.TenantConflict}: one namespace or IAM role
 * claimed twice); such a problem is reported at the later document and names where the earlier one is.
 *
 * <p>Every problem in everything read by one call is reported together in one
 * {@link ValidationException} whose violations carry file, line, column and field path. Input is
 * bounded: files larger than {@link Builder#maxFileBytes(int)} are refused before parsing, nesting
 * deeper than {@link Builder#maxDepth(int)} is refused as it is read, YAML aliases are refused, files
 * must be UTF-8, and reading stops after a thousand problems.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SpecReader {
  /** The default largest file size: 1 MiB. */
  public static final int DEFAULT_MAX_FILE_BYTES = 1 << 20;
  /** The default deepest nesting of mappings and lists. */
  public static final int DEFAULT_MAX_DEPTH = 64;
  // beyond this, a list of problems helps nobody and only costs memory
  private static final int MAX_PROBLEMS = 1000;

  private final int maxFileBytes;
  private final int maxDepth;
  private final JsonFactory yaml;
  private final JsonFactory json;

  private SpecReader(Builder builder) {
    this.maxFileBytes = builder.maxFileBytes;
    this.maxDepth = builder.maxDepth;
    this.yaml = Mappers.yamlFactory(maxFileBytes, maxDepth);
    this.json = Mappers.jsonFactory(maxFileBytes, maxDepth);
  }

  /** A reader with the default limits. */
  public static SpecReader create() {
    return builder().build();
  }

  /** A builder to change the limits. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a spec file, or every spec file under a directory.
   *
   * @throws ValidationException listing every problem found, when there is any
   * @throws PlatformException when a file cannot be read (naming it)
   */
  public Specs read(Path fileOrDirectory) {
    return read(List.of(fileOrDirectory));
  }

  /**
   * Reads several files or directories as one set: names must be unique across all of them, and
   * tenants must not conflict with each other ({@link dev.platformkit.tenant.TenantConflict}).
   *
   * @throws ValidationException listing every problem found, when there is any
   * @throws PlatformException when a file cannot be read (naming it)
   */
  public Specs read(Collection<Path> filesOrDirectories) {
    List<Path> files = new ArrayList<>();
    for (Path path : filesOrDirectories) {
      files.addAll(specFiles(path));
    }
    Batch batch = new Batch();
    for (Path file : files) {
      if (batch.full()) {
        break;
      }
      readBounded(file, batch);
    }
    return batch.finish();
  }

  /**
   * Reads documents from text; {@code name} stands for the file in messages and decides the format
   * ({@code .json}: JSON, otherwise YAML).
   *
   * @throws ValidationException listing every problem found, when there is any
   */
  public Specs read(String name, String text) {
    return read(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads documents from bytes, which must be UTF-8; {@code name} stands for the file in messages and
   * decides the format ({@code .json}: JSON, otherwise YAML).
   *
   * @throws ValidationException listing every problem found, when there is any
   */
  public Specs read(String name, byte[] bytes) {
    Batch batch = new Batch();
    batch.add(name, bytes);
    return batch.finish();
  }

  /**
   * Reads several named texts as one set of specs, like files of one directory (names must be unique across
   * them): for callers that get files through another channel, such as a Jenkins pipeline's {@code readFile}.
   * Each name stands for its file in messages and decides its format.
   *
   * @throws ValidationException listing every problem found, when there is any
   */
  public Specs read(java.util.Map<String, String> texts) {
    Batch batch = new Batch();
    for (java.util.Map.Entry<String, String> e : texts.entrySet()) {
      if (batch.full()) {
        break;
      }
      batch.add(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return batch.finish();
  }

  /** The largest file read, in bytes. */
  public int maxFileBytes() {
    return maxFileBytes;
  }

  /** The deepest nesting of mappings and lists read. */
  public int maxDepth() {
    return maxDepth;
  }

  private static List<Path> specFiles(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          return !dir.equals(path) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
          if (!hidden(file) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
              && (attributes.isRegularFile() || Files.isRegularFile(file))) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new PlatformException("cannot read spec directory " + path + ": " + e, e, false);
    }
    files.sort(Comparator.comparing(Path::toString));
    return files;
  }

  private static boolean hidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  /** Adds the file to {@code batch}, or a violation when it is over the limit; never reads more than the limit. */
  private void readBounded(Path file, Batch batch) {
    try {
      long size = Files.size(file);
      if (size > maxFileBytes) {
        batch.refuse(tooLarge(file.toString(), size));
        return;
      }
      try (InputStream in = Files.newInputStream(file)) {
        // the file may have grown since its size was read
        batch.add(file.toString(), in.readNBytes(maxFileBytes + 1));
      }
    } catch (NoSuchFileException e) {
      throw new PlatformException("cannot read spec file " + file + ": no such file or directory", e, false);
    } catch (IOException e) {
      throw new PlatformException("cannot read spec file " + file + ": " + e, e, false);
    }
  }

  private Violation tooLarge(String file, long size) {
    return Violation.of("", "the file is " + size + " bytes; spec files may be at most " + maxFileBytes + " bytes").at(file, 1, 1);
  }

  /** Everything read by one call: documents, problems, and the names seen so far. */
  private final class Batch {
    private final List<SpecDocument<?>> documents = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, SpecDocument<?>> byName = new HashMap<>();
    // kept with their trees, for the checks across documents
    private final List<DocumentReader.Read> tenants = new ArrayList<>();
    private boolean stopped;

    void add(String file, byte[] bytes) {
      List<Violation> found = new ArrayList<>();
      parse(file, bytes, found);
      // found document by document and check by check; reported in the order of the file
      found.sort(Comparator.comparingInt(Violation::line).thenComparingInt(Violation::column));
      violations.addAll(found);
    }

    void refuse(Violation problem) {
      violations.add(problem);
    }

    private void parse(String file, byte[] bytes, List<Violation> found) {
      if (bytes.length > maxFileBytes) {
        found.add(tooLarge(file, bytes.length));
        return;
      }
      String text = decode(file, bytes, found);
      if (text == null) {
        return;
      }
      JsonFactory factory = file.toLowerCase(Locale.ROOT).endsWith(".json") ? json : yaml;
      TreeReader.Result result = TreeReader.read(factory, text, file, maxDepth);
      DocumentReader reader = new DocumentReader(file, found);
      for (Node root : result.documents()) {
        if (violations.size() + found.size() >= MAX_PROBLEMS) {
          stopped = true;
          return;
        }
        DocumentReader.Read read = reader.read(root);
        if (read != null) {
          unique(read, found);
        }
      }
      if (result.fatal() != null) {
        found.add(result.fatal());
      }
    }

    private void unique(DocumentReader.Read read, List<Violation> found) {
      SpecDocument<?> document = read.document();
      SpecDocument<?> first = byName.putIfAbsent(document.kind() + "/" + document.name(), document);
      if (first == null) {
        documents.add(document);
        if (document.value() instanceof Tenant) {
          tenants.add(read);
        }
      } else {
        found.add(Violation.of("metadata.name", document.kind() + " \"" + document.name() + "\" is defined twice; first at "
            + first.location()).at(document.file(), read.nameLine(), read.nameColumn()));
      }
    }

    /** Whether enough problems were found to stop reading. */
    boolean full() {
      stopped |= violations.size() >= MAX_PROBLEMS;
      return stopped;
    }

    Specs finish() {
      if (!full()) {
        for (Violation v : CrossChecks.tenants(tenants)) {
          if (full()) {
            break;
          }
          violations.add(v);
        }
      }
      if (full()) {
        violations.add(Violation.of("", "stopped reading after " + violations.size() + " problems"));
      }
      if (!violations.isEmpty()) {
        throw new ValidationException("spec documents", violations);
      }
      return new Specs(documents);
    }
  }

  /** Strict UTF-8: the text, or null with a violation at the first byte that is not UTF-8. A byte order mark is dropped. */
  private static String decode(String file, byte[] bytes, List<Violation> found) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      int column = 1;
      for (int i = out.position() - 1; i >= 0 && out.get(i) != '\n'; i--) {
        column++;
      }
      found.add(Violation.of("", String.format(Locale.ROOT,
          "not UTF-8: byte 0x%02X at offset %d is not valid UTF-8 (spec files must be UTF-8)", bytes[offset] & 0xff, offset))
          .at(file, line, column));
      return null;
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Limits for a {@link SpecReader}. */
  public static final class Builder {
    private int maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private int maxDepth = DEFAULT_MAX_DEPTH;

    private Builder() {}

    /** The largest file (or text) read, in bytes; larger ones are refused before parsing. Default: 1 MiB. */
    public Builder maxFileBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxFileBytes must be positive, was " + bytes);
      }
      this.maxFileBytes = bytes;
      return this;
    }

    /** The deepest nesting of mappings and lists (a document's top level is 1). Default: {@value SpecReader#DEFAULT_MAX_DEPTH}. */
    public Builder maxDepth(int depth) {
      if (depth < 3) {
        throw new IllegalArgumentException("maxDepth must be at least 3 (document, spec, field), was " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /** The reader. */
    public SpecReader build() {
      return new SpecReader(this);
    }
  }
}
