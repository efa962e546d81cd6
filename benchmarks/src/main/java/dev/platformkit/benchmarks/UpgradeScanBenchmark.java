package dev.platformkit.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platformkit.upgrade.ManifestScanner;
import dev.platformkit.upgrade.ScanResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@link ManifestScanner} on a generated corpus of N manifests (default 100,000; 5 documents per file, 100
 * directories; plain YAML, {@code helm template}-shaped YAML with {@code # Source:} comments, and JSON
 * {@code List}s; 1 % of the objects use a deprecated apiVersion), next to plain Jackson parsing of the same
 * files in the same run: (a) a tree per document ({@code ObjectMapper.readValues(JsonNode)}, what a naive
 * scanner does before it looks at apiVersion) and (b) the bare token stream (every token read, nothing kept:
 * the floor for any YAML scanner on Jackson). Each row: wall time (best of {@code rounds}), its ratio to
 * (a), the objects and usages seen, and two heap figures sampled every 5 ms on a separate thread: the peak
 * of heap in use after a garbage collection (the live set: what the scan keeps) and the peak of heap in
 * use including garbage, both above the heap in use before the row.
 *
 * <p>Usage: {@code UpgradeScanBenchmark [manifests [rounds]]} (default 100000 3). The corpus is written to
 * a temporary directory and deleted at the end. Run it with a fixed heap so that the figures compare,
 * e.g. {@code -Xms512m -Xmx512m}.
 */
public final class UpgradeScanBenchmark {
  /** The scanner's row. */
  public static final String SCANNER = "ManifestScanner";
  /** Jackson YAML/JSON read into a tree per document. */
  public static final String TREE = "Jackson readValues(JsonNode)";
  /** Jackson YAML/JSON tokens only. */
  public static final String TOKENS = "Jackson tokens only";
  static final int DOCUMENTS_PER_FILE = 5;
  static final int DIRECTORIES = 100;

  private UpgradeScanBenchmark() {}

  /**
   * What was generated.
   *
   * @param dir the corpus's root
   * @param manifests objects written
   * @param deprecated objects written with a deprecated apiVersion
   * @param files files written
   * @param bytes their total size
   */
  public record Corpus(Path dir, long manifests, long deprecated, long files, long bytes) {}

  /**
   * One measured row.
   *
   * @param name which reader
   * @param millis wall time of the best round
   * @param objects documents or objects seen
   * @param usages deprecated usages found (the scanner only)
   * @param liveBytes peak of heap in use after a collection, above the start
   * @param peakBytes peak of heap in use, garbage included, above the start
   */
  public record Row(String name, double millis, long objects, long usages, long liveBytes, long peakBytes) {}

  public static void main(String[] args) throws IOException {
    int manifests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("upgrade-scan-corpus");
    try {
      Corpus corpus = generate(dir, manifests);
      // warm-up, so that no row pays for class loading and JIT
      measure(corpus, 1);
      List<Row> rows = measure(corpus, rounds);
      print(System.out, corpus, rows);
    } finally {
      delete(dir);
    }
  }

  /** Runs each reader {@code rounds} times over the corpus and keeps the best time and the highest heap figures. */
  public static List<Row> measure(Corpus corpus, int rounds) throws IOException {
    ManifestScanner scanner = ManifestScanner.create();
    ObjectMapper yamlTree = new ObjectMapper(new YAMLFactory());
    ObjectMapper jsonTree = new ObjectMapper();
    YAMLFactory yamlTokens = new YAMLFactory();
    JsonFactory jsonTokens = new JsonFactory();
    List<Row> rows = new ArrayList<>();
    rows.add(best(SCANNER, rounds, () -> {
      AtomicLong usages = new AtomicLong();
      ScanResult result = scanner.scan(corpus.dir(), u -> usages.incrementAndGet());
      if (!result.problems().isEmpty()) {
        throw new IllegalStateException("the generated corpus has problems: " + result.problems());
      }
      return new long[] {result.objects(), usages.get()};
    }));
    rows.add(best(TREE, rounds, () -> {
      long docs = 0;
      for (Path f : files(corpus.dir())) {
        ObjectMapper m = f.toString().endsWith(".json") ? jsonTree : yamlTree;
        try (MappingIterator<JsonNode> it = m.readerFor(JsonNode.class).readValues(f.toFile())) {
          while (it.hasNext()) {
            JsonNode n = it.next();
            docs += n.has("items") ? 1 + n.get("items").size() : 1;
          }
        }
      }
      return new long[] {docs, 0};
    }));
    rows.add(best(TOKENS, rounds, () -> {
      long tokens = 0;
      for (Path f : files(corpus.dir())) {
        try (JsonParser p = f.toString().endsWith(".json") ? jsonTokens.createParser(f.toFile()) : yamlTokens.createParser(f.toFile())) {
          while (p.nextToken() != null) {
            tokens++;
          }
        }
      }
      return new long[] {tokens, 0};
    }));
    return rows;
  }

  interface Run {
    long[] run() throws IOException;
  }

  private static Row best(String name, int rounds, Run run) throws IOException {
    double bestMillis = Double.MAX_VALUE;
    long objects = 0;
    long usages = 0;
    long live = 0;
    long peak = 0;
    for (int i = 0; i < rounds; i++) {
      HeapSampler sampler = HeapSampler.start();
      long t0 = System.nanoTime();
      long[] counts = run.run();
      double millis = (System.nanoTime() - t0) / 1e6;
      sampler.stop();
      bestMillis = Math.min(bestMillis, millis);
      objects = counts[0];
      usages = counts[1];
      live = Math.max(live, sampler.liveAbove());
      peak = Math.max(peak, sampler.peakAbove());
    }
    return new Row(name, bestMillis, objects, usages, live, peak);
  }

  /**
   * Samples heap in use every 5 ms: after the last collection (the live set) and as it is (garbage
   * included), relative to a baseline taken after a full collection.
   */
  static final class HeapSampler {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final long baseline;
    private volatile boolean running = true;
    private long live;
    private long peak;
    private final Thread thread;

    private HeapSampler() {
      System.gc();
      baseline = used();
      thread = new Thread(() -> {
        while (running) {
          sample();
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
    }

    static HeapSampler start() {
      HeapSampler s = new HeapSampler();
      s.thread.start();
      return s;
    }

    private synchronized void sample() {
      long afterGc = 0;
      for (MemoryPoolMXBean p : pools) {
        MemoryUsage u = p.getCollectionUsage();
        afterGc += u == null ? 0 : u.getUsed();
      }
      live = Math.max(live, afterGc);
      peak = Math.max(peak, used());
    }

    private long used() {
      return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    void stop() {
      running = false;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sample();
    }

    synchronized long liveAbove() {
      return Math.max(0, live - baseline);
    }

    synchronized long peakAbove() {
      return Math.max(0, peak - baseline);
    }
  }

  /** Writes {@code manifests} objects under {@code dir}. */
  public static Corpus generate(Path dir, int manifests) throws IOException {
    long written = 0;
    long deprecated = 0;
    long files = 0;
    int file = 0;
    while (written < manifests) {
      int n = (int) Math.min(DOCUMENTS_PER_FILE, manifests - written);
      Path sub = dir.resolve(String.format(Locale.ROOT, "team-%03d", file % DIRECTORIES));
      Files.createDirectories(sub);
      boolean json = file % 20 == 19;
      boolean helm = !json && file % 10 == 3;
      Path path = sub.resolve(String.format(Locale.ROOT, "app-%06d.%s", file, json ? "json" : "yaml"));
      try (BufferedWriter w = Files.newBufferedWriter(path)) {
        if (json) {
          w.write("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n");
        }
        for (int i = 0; i < n; i++) {
          long index = written + i;
          boolean old = index % 100 == 7;
          deprecated += old ? 1 : 0;
          String name = "app-" + file + "-" + i;
          if (json) {
            w.write((i > 0 ? ",\n" : "") + json(index, name, old));
          } else {
            w.write(i > 0 || helm ? "---\n" : "");
            if (helm) {
              w.write("# Source: app/templates/" + kindOf(index, old).toLowerCase(Locale.ROOT) + ".yaml\n");
            }
            w.write(yaml(index, name, old));
          }
        }
        if (json) {
          w.write("\n]}\n");
        }
      }
      written += n;
      files++;
      file++;
    }
    long bytes;
    try (Stream<Path> all = Files.walk(dir)) {
      bytes = all.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
    return new Corpus(dir, written, deprecated, files, bytes);
  }

  private static final String[] OLD_API = {"extensions/v1beta1", "batch/v1beta1", "policy/v1beta1", "autoscaling/v2beta2"};
  private static final String[] OLD_KIND = {"Ingress", "CronJob", "PodDisruptionBudget", "HorizontalPodAutoscaler"};
  private static final String[] API = {"apps/v1", "v1", "v1", "networking.k8s.io/v1"};
  private static final String[] KIND = {"Deployment", "Service", "ConfigMap", "Ingress"};

  private static String kindOf(long index, boolean old) {
    return old ? OLD_KIND[(int) (index / 100 % 4)] : KIND[(int) (index % 4)];
  }

  private static String apiOf(long index, boolean old) {
    return old ? OLD_API[(int) (index / 100 % 4)] : API[(int) (index % 4)];
  }

  /** A Deployment-sized object (~1 KB of YAML) whatever the kind: the cost is in the parsing. */
  private static String yaml(long index, String name, boolean old) {
    return "apiVersion: " + apiOf(index, old) + "\nkind: " + kindOf(index, old) + "\n"
        + "metadata:\n  name: " + name + "\n  namespace: team-" + index % DIRECTORIES + "\n"
        + "  labels:\n    app.kubernetes.io/name: " + name + "\n    app.kubernetes.io/part-of: shop\n    team: team-" + index % DIRECTORIES + "\n"
        + "  annotations:\n    description: \"generated object " + index + " for the scan benchmark\"\n"
        + "spec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n"
        + "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n"
        + "    spec:\n      containers:\n        - name: app\n          image: registry.example.com/shop/" + name + ":1.2.3\n"
        + "          ports:\n            - containerPort: 8080\n              protocol: TCP\n"
        + "          env:\n            - name: MODE\n              value: production\n            - name: REPLICA\n              value: \"" + index + "\"\n"
        + "          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n            limits: {cpu: 500m, memory: 256Mi}\n"
        + "          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n            periodSeconds: 10\n";
  }

  private static String json(long index, String name, boolean old) {
    return "  {\"apiVersion\": \"" + apiOf(index, old) + "\", \"kind\": \"" + kindOf(index, old) + "\", "
        + "\"metadata\": {\"name\": \"" + name + "\", \"namespace\": \"team-" + index % DIRECTORIES + "\", "
        + "\"labels\": {\"app.kubernetes.io/name\": \"" + name + "\", \"team\": \"team-" + index % DIRECTORIES + "\"}}, "
        + "\"spec\": {\"replicas\": 3, \"selector\": {\"matchLabels\": {\"app.kubernetes.io/name\": \"" + name + "\"}}, "
        + "\"template\": {\"metadata\": {\"labels\": {\"app.kubernetes.io/name\": \"" + name + "\"}}, "
        + "\"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"registry.example.com/shop/" + name + ":1.2.3\", "
        + "\"ports\": [{\"containerPort\": 8080, \"protocol\": \"TCP\"}], "
        + "\"resources\": {\"requests\": {\"cpu\": \"100m\", \"memory\": \"128Mi\"}, \"limits\": {\"cpu\": \"500m\", \"memory\": \"256Mi\"}}}]}}}}";
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static void print(PrintStream out, Corpus corpus, List<Row> rows) {
    out.printf(Locale.ROOT, "Scan of %,d manifests (%,d deprecated) in %,d files, %.1f MB; JVM max heap %d MB%n",
        corpus.manifests(), corpus.deprecated(), corpus.files(), corpus.bytes() / 1e6, Runtime.getRuntime().maxMemory() >> 20);
    out.println();
    out.println("| reader | time (ms) | vs tree | objects (tokens) | usages | live heap after GC (MB) | peak heap (MB) |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    double tree = rows.stream().filter(r -> r.name().equals(TREE)).findFirst().map(Row::millis).orElse(Double.NaN);
    for (Row r : rows) {
      out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %,d | %,d | %.1f | %.1f |%n", r.name(), r.millis(), r.millis() / tree, r.objects(), r.usages(),
          r.liveBytes() / 1048576.0, r.peakBytes() / 1048576.0);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
