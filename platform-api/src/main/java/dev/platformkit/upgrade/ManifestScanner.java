package dev.platformkit.upgrade;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platformkit.upgrade.Inventory.ApiUsage;
import dev.platformkit.upgrade.Inventory.Origin;
import dev.platformkit.upgrade.internal.ManifestWalker;
import dev.platformkit.upgrade.internal.SourceTrackingReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Finds the uses of deprecated and removed Kubernetes API versions in manifest files: plain manifests,
 * multi-document YAML, JSON (one or more values per file), {@code List} kinds (each item counts), the
 * output of {@code helm template} (the template each object came from is read from the
 * {@code # Source:} comment and reported too) and of {@code kustomize build} (its
 * {@code config.kubernetes.io/origin} annotation, when present, is reported the same way). Every object
 * whose apiVersion and kind are a row of {@link DeprecatedApis}, at any minor, becomes an
 * {@link ApiUsage} with {@link Origin#FILE} and a location {@code path:line}, or
 * {@code path:line (chart/templates/ingress.yaml)}; the planner decides which hops they block.
 *
 * <p>Files are parsed as a stream of tokens, one document at a time, and only the findings are kept: memory
 * is bounded by the findings, not by the size of the corpus. A file that cannot be read (not YAML, not
 * UTF-8, a Helm chart's unrendered template) becomes a {@link ScanProblem} naming the file and line and the
 * scan goes on; what that file held before the error is still reported.
 *
 * <pre>{@code
 * ScanResult result = ManifestScanner.create().scan(Path.of("manifests"));
 * result.problems().forEach(p -> System.err.println(p));
 * Inventory inventory = result.inventory();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ManifestScanner {
  // a document this long is a mistake, not a manifest; the limit keeps one bad file from exhausting memory
  private static final int MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;

  private static final Pattern SNAKEYAML_EVENT = Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\([^>]*\\)>");
  private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source: [^;]*; line: (\\d+), column: \\d+\\]\\)");

  private final DeprecatedApis catalogue;
  private final YAMLFactory yaml;
  private final JsonFactory json;

  private ManifestScanner(DeprecatedApis catalogue) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_DOCUMENT_CHARS);
    StreamReadConstraints constraints = StreamReadConstraints.builder().maxStringLength(MAX_DOCUMENT_CHARS).build();
    this.yaml = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints).build();
    this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
  }

  /** A scanner that uses the bundled catalogue ({@link DeprecatedApis#bundled()}). */
  public static ManifestScanner create() {
    return new ManifestScanner(DeprecatedApis.bundled());
  }

  /** A scanner that uses {@code catalogue}. */
  public static ManifestScanner create(DeprecatedApis catalogue) {
    return new ManifestScanner(catalogue);
  }

  /**
   * Where a finding in a stream of manifests is, for a person.
   */
  @FunctionalInterface
  public interface Locator {
    /**
     * The location of an object.
     *
     * @param line the line its mapping starts on, 1-based
     * @param source the template it came from ({@code # Source:} comment of {@code helm template} output or
     *     kustomize origin annotation), or null
     */
    String locate(int line, String source);
  }

  /**
   * Scans a file, or every {@code .yaml}, {@code .yml} and {@code .json} file under a directory (sorted
   * by name, not following symbolic links to directories, skipping directories whose name starts with a
   * dot such as {@code .git}). A file named directly is read whatever its extension.
   *
   * @throws NoSuchFileException when {@code fileOrDir} does not exist
   */
  public ScanResult scan(Path fileOrDir) throws IOException {
    List<ApiUsage> usages = new ArrayList<>();
    ScanResult result = scan(fileOrDir, usages::add);
    return new ScanResult(withUsages(usages), result.problems(), result.objects());
  }

  /**
   * Scans like {@link #scan(Path)} but hands each usage to {@code usages} as soon as it is found, for
   * corpora whose findings are too many to hold; the result's inventory is empty.
   *
   * @throws NoSuchFileException when {@code fileOrDir} does not exist
   */
  public ScanResult scan(Path fileOrDir, Consumer<? super ApiUsage> usages) throws IOException {
    Objects.requireNonNull(usages, "usages");
    if (!Files.exists(fileOrDir)) {
      throw new NoSuchFileException(fileOrDir.toString(), null, "no such file or directory to scan");
    }
    Walk walk = new Walk(usages);
    if (Files.isDirectory(fileOrDir)) {
      walk.directory(fileOrDir);
    } else {
      walk.file(fileOrDir);
    }
    return new ScanResult(Inventory.empty(), walk.problems, walk.objects);
  }

  /**
   * Scans one stream of manifests, such as a Helm release's manifest or standard input, closing it.
   * YAML is expected (JSON is YAML too, so a JSON object reads as well); problems are located
   * {@code name:line}.
   *
   * @param name what the stream is, for problems
   * @param manifests the text
   * @param origin the origin of the usages found
   * @param locator makes each usage's location
   * @param usages receives each usage
   * @return the problems (at most one: reading stops at the first error) and the count of objects; the
   *     inventory is empty
   */
  public ScanResult scan(String name, Reader manifests, Origin origin, Locator locator, Consumer<? super ApiUsage> usages) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(locator, "locator");
    Objects.requireNonNull(usages, "usages");
    List<ScanProblem> problems = new ArrayList<>(1);
    long objects;
    try (Reader in = manifests) {
      objects = read(null, in, false, name, origin, locator, usages, problems);
    } catch (IOException e) {
      problems.add(new ScanProblem(name, "cannot read: " + e.getMessage()));
      objects = 0;
    }
    return new ScanResult(Inventory.empty(), problems, objects);
  }

  private static Inventory withUsages(List<ApiUsage> usages) {
    Inventory empty = Inventory.empty();
    return new Inventory(Optional.empty(), usages, empty.nodes(), empty.nodeGroups(), empty.addOns(), empty.controllers());
  }

  /** One walk over files; collects problems and counts. */
  private final class Walk {
    final Consumer<? super ApiUsage> usages;
    final List<ScanProblem> problems = new ArrayList<>();
    long objects;

    Walk(Consumer<? super ApiUsage> usages) {
      this.usages = usages;
    }

    void directory(Path dir) {
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        stream.forEach(entries::add);
      } catch (IOException e) {
        problems.add(new ScanProblem(dir.toString(), "cannot list the directory: " + e.getMessage()));
        return;
      }
      // sorted so that findings come in the same order on every machine
      entries.sort(Path::compareTo);
      for (Path entry : entries) {
        String fileName = entry.getFileName().toString();
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          if (!fileName.startsWith(".")) {
            directory(entry);
          }
        } else if (isManifest(fileName) && Files.isRegularFile(entry)) {
          file(entry);
        }
      }
    }

    void file(Path file) {
      String where = file.toString();
      boolean isJson = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
      Locator locator = (line, source) -> where + ":" + line + (source == null ? "" : " (" + source + ")");
      try (InputStream in = Files.newInputStream(file)) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        objects += read(file, reader, isJson, where, Origin.FILE, locator, usages, problems);
      } catch (IOException e) {
        problems.add(new ScanProblem(where, "cannot read: " + e.getMessage()));
      }
    }
  }

  private static boolean isManifest(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  /** Reads one stream; a parse error ends it with one problem, what came before stands. */
  private long read(Path file, Reader reader, boolean isJson, String name, Origin origin, Locator locator,
      Consumer<? super ApiUsage> usages, List<ScanProblem> problems) {
    SourceTrackingReader tracking = isJson ? null : new SourceTrackingReader(new BufferedReader(reader, 16 * 1024));
    long[] objects = {0};
    ManifestWalker.Sink sink = (apiVersion, kind, namespace, objectName, line, source) -> {
      objects[0]++;
      if (catalogue.lookup(apiVersion, kind).isPresent()) {
        usages.accept(new ApiUsage(apiVersion.strip(), kind.strip(), namespace, objectName, origin, locator.locate(line, source)));
      }
    };
    try (JsonParser parser = isJson ? json.createParser(new BufferedReader(reader, 16 * 1024)) : yaml.createParser(tracking)) {
      new ManifestWalker(parser, tracking, sink).walk();
    } catch (JsonProcessingException e) {
      if (isDecodingError(e)) {
        problems.add(notUtf8(file, name));
        return objects[0];
      }
      JsonLocation at = e.getLocation();
      int line = at == null || at.getLineNr() < 1 ? 0 : at.getLineNr();
      String what = e.getOriginalMessage();
      if (e.getCause() instanceof MarkedYAMLException m) {
        // SnakeYAML's own message spans several lines with an excerpt; its parts say it in one
        what = m.getProblem() + (m.getContext() == null ? "" : " " + m.getContext());
        if (m.getProblemMark() != null) {
          line = m.getProblemMark().getLine() + 1;
          if (m.getContextMark() != null && m.getContextMark().getLine() + 1 != line) {
            what += " started on line " + (m.getContextMark().getLine() + 1);
          }
        }
      }
      problems.add(new ScanProblem(line == 0 ? name : name + ":" + line, describe(what, isJson, name)));
    } catch (CharacterCodingException e) {
      problems.add(notUtf8(file, name));
    } catch (IOException e) {
      problems.add(new ScanProblem(name, "cannot read: " + e.getMessage()));
    }
    return objects[0];
  }

  /** The problem for a file that is not UTF-8, naming the line of the first bad byte. */
  private static ScanProblem notUtf8(Path file, String name) {
    if (file == null) {
      return new ScanProblem(name, "not UTF-8 text");
    }
    // the decoder fails a whole buffer ahead of the parser, so the line is found by reading the file again
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    int line = 1;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      ByteBuffer bytes = ByteBuffer.allocate(buf.length);
      CharBuffer chars = CharBuffer.allocate(buf.length);
      boolean eof = false;
      while (!eof) {
        int n = in.read(buf, 0, bytes.remaining());
        eof = n < 0;
        if (n > 0) {
          bytes.put(buf, 0, n);
        }
        bytes.flip();
        CoderResult result = decoder.decode(bytes, chars, eof);
        chars.flip();
        while (chars.hasRemaining()) {
          if (chars.get() == '\n') {
            line++;
          }
        }
        chars.clear();
        bytes.compact();
        if (result.isError()) {
          return new ScanProblem(name + ":" + line, "not UTF-8 text");
        }
      }
    } catch (IOException e) {
      // the file is at fault either way; say so without a line
    }
    return new ScanProblem(name, "not UTF-8 text");
  }

  private static boolean isDecodingError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return true;
      }
    }
    // SnakeYAML wraps it in a YAMLException carrying only its name
    return String.valueOf(e.getMessage()).contains("MalformedInputException");
  }

  private static String describe(String message, boolean isJson, String name) {
    String first = message == null ? "unreadable" : message.strip().lines().findFirst().orElse(message).strip();
    // Jackson names parser internals; a person needs the gist and the line
    first = SNAKEYAML_EVENT.matcher(first).replaceAll(r -> r.group(1).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
    first = first.replace(" (Scalar value in YAML)", "");
    first = START_MARKER.matcher(first).replaceAll(" (opened on line $1)");
    String hint = name.contains("/templates/") || name.contains("\\templates\\")
        ? " (an unrendered Helm template? scan the output of `helm template` instead)" : "";
    return "not valid " + (isJson ? "JSON" : "YAML") + ": " + first + hint;
  }
}
