package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.upgrade.Inventory.ApiUsage;
import dev.platformkit.upgrade.Inventory.Origin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestScannerTest {
  private final ManifestScanner scanner = ManifestScanner.create();

  static Path corpus() throws URISyntaxException {
    return Path.of(ManifestScannerTest.class.getResource("scan-corpus").toURI());
  }

  /** The rows of scan-corpus-expected.tsv as "location apiVersion kind namespace name". */
  static List<String> expected() throws IOException, URISyntaxException {
    return Files.readAllLines(Path.of(ManifestScannerTest.class.getResource("scan-corpus-expected.tsv").toURI())).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
  }

  static String row(Path root, ApiUsage u) {
    String location = u.location().startsWith(root + "/") ? u.location().substring(root.toString().length() + 1) : u.location();
    return String.join("\t", location, u.apiVersion(), u.kind(), u.namespace() == null ? "-" : u.namespace(), u.name());
  }

  @Test
  void theCorpusGivesExactlyTheExpectedUsagesInFileOrderWithFileAndLineAndTheTemplateTheyCameFrom() throws Exception {
    Path root = corpus();

    ScanResult result = scanner.scan(root);

    assertThat(result.inventory().apiUsages()).extracting(u -> row(root, u)).containsExactlyElementsOf(expected());
    assertThat(result.inventory().apiUsages()).allSatisfy(u -> assertThat(u.origin()).isEqualTo(Origin.FILE));
    // .txt files and directories starting with a dot are not read; List items count one by one
    assertThat(result.objects()).isEqualTo(25);
    assertThat(result.inventory().controlPlane()).isEmpty();
  }

  @Test
  void badFilesAreOneProblemEachNamingFileAndLineAndTheScanGoesOn() throws Exception {
    Path root = corpus();

    ScanResult result = scanner.scan(root);

    assertThat(result.complete()).isFalse();
    assertThat(result.problems()).extracting(p -> p.toString().substring(root.toString().length() + 1)).containsExactly(
        "bad/broken.yaml:14: not valid YAML: found unexpected document separator while scanning a quoted scalar started on line 12",
        "bad/mychart/templates/ingress.yaml:1: not valid YAML: Expected a field name, got this instead: mapping start"
            + " (an unrendered Helm template? scan the output of `helm template` instead)",
        "bad/truncated.json:2: not valid JSON: Unexpected end-of-input: expected close marker for Object (opened on line 1)");
    // what a broken file held before the error is kept; files after it are read
    assertThat(result.inventory().apiUsages()).extracting(ApiUsage::name).contains("before-the-error", "storefront")
        .doesNotContain("after-the-error-not-seen", "half");
  }

  @Test
  void theStreamingVariantHandsOverTheSameUsagesInTheSameOrderAndKeepsNone() throws Exception {
    Path root = corpus();
    List<ApiUsage> seen = new ArrayList<>();

    ScanResult result = scanner.scan(root, seen::add);

    assertThat(seen).containsExactlyElementsOf(scanner.scan(root).inventory().apiUsages());
    assertThat(result.inventory().apiUsages()).isEmpty();
    assertThat(result.problems()).hasSize(3);
    assertThat(result.objects()).isEqualTo(25);
  }

  @Test
  void aFileNamedDirectlyIsReadWhateverItsExtension() throws Exception {
    Path notes = corpus().resolve("plain/notes.txt");

    ScanResult result = scanner.scan(notes);

    assertThat(result.inventory().apiUsages()).singleElement()
        .satisfies(u -> assertThat(u.location()).isEqualTo(notes + ":1"))
        .satisfies(u -> assertThat(u.name()).isEqualTo("not-scanned-because-not-yaml-extension"));
  }

  @Test
  void aMissingPathIsAnErrorNotAnEmptyResult(@TempDir Path dir) {
    assertThatThrownBy(() -> scanner.scan(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void textThatIsNotUtf8IsAProblemNamingTheLine(@TempDir Path dir) throws IOException {
    byte[] latin1 = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("latin1.yaml"), latin1);
    Files.writeString(dir.resolve("ok.yaml"), "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: ok}\n");

    ScanResult result = scanner.scan(dir);

    assertThat(result.problems()).extracting(ScanProblem::toString).containsExactly(dir.resolve("latin1.yaml") + ":3: not UTF-8 text");
    assertThat(result.inventory().apiUsages()).extracting(ApiUsage::name).containsExactly("ok");
  }

  @Test
  void aStreamIsScannedWithTheCallersOriginAndLocations() {
    String manifest = """
        ---
        # Source: shop/templates/ingress.yaml
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: shop
          namespace: rec
        """;
    List<ApiUsage> seen = new ArrayList<>();

    ScanResult result = scanner.scan("release rec/shop", new StringReader(manifest), Origin.HELM_RELEASE,
        (line, source) -> "helm release rec/shop revision 3 (" + source + ")", seen::add);

    assertThat(seen).containsExactly(new ApiUsage("extensions/v1beta1", "Ingress", "rec", "shop", Origin.HELM_RELEASE,
        "helm release rec/shop revision 3 (shop/templates/ingress.yaml)"));
    assertThat(result.problems()).isEmpty();
    assertThat(result.objects()).isEqualTo(1);
  }

  @Test
  void aBrokenStreamIsOneProblemNamedAfterIt() {
    ScanResult result = scanner.scan("release rec/shop", new StringReader("a: [\n"), Origin.HELM_RELEASE, (l, s) -> "x", u -> {});

    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.location()).startsWith("release rec/shop:"));
  }

  @Test
  void onlyTheRowsOfTheGivenCatalogueCount() throws IOException {
    String catalogue = """
        apis:
          - apiVersion: example.com/v1alpha1
            kind: Widget
            deprecatedIn: "1.20"
            removedIn: "1.22"
            source: https://example.com
        """;
    ManifestScanner custom = ManifestScanner.create(DeprecatedApis.read("custom", new ByteArrayInputStream(catalogue.getBytes(StandardCharsets.UTF_8))));
    List<ApiUsage> seen = new ArrayList<>();

    custom.scan("s", new StringReader("apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w}\n---\n"
        + "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n"), Origin.FILE, (l, s) -> "s:" + l, seen::add);

    assertThat(seen).extracting(ApiUsage::name, ApiUsage::location).containsExactly(org.assertj.core.groups.Tuple.tuple("w", "s:1"));
  }

  @Test
  void usagesArriveWhileTheStreamIsStillBeingRead() {
    // 10,000 documents (~1.1 MB); the first usage must come long before the end, or nothing is streamed
    CountingReader source = new CountingReader(10_000);
    long[] readWhenFirstSeen = {-1};

    ScanResult result = scanner.scan("generated", source, Origin.FILE, (l, s) -> "generated:" + l, u -> {
      if (readWhenFirstSeen[0] < 0) {
        readWhenFirstSeen[0] = source.supplied;
      }
    });

    assertThat(result.objects()).isEqualTo(10_000);
    assertThat(readWhenFirstSeen[0]).isBetween(0L, 300_000L);
    assertThat(source.supplied).isGreaterThan(1_000_000L);
  }

  /** Generates documents on demand; every 1000th is a deprecated CronJob. */
  static final class CountingReader extends Reader {
    private final int documents;
    private int next;
    private String pending = "";
    private int pos;
    long supplied;

    CountingReader(int documents) {
      this.documents = documents;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == pending.length()) {
        if (next == documents) {
          return -1;
        }
        pending = (next % 1000 == 999 ? "apiVersion: batch/v1beta1\nkind: CronJob\n" : "apiVersion: v1\nkind: ConfigMap\n")
            + "metadata:\n  name: item-" + next + "\n  namespace: ns\ndata:\n  key: value-value-value-value-value\n---\n";
        next++;
        pos = 0;
      }
      int n = Math.min(len, pending.length() - pos);
      pending.getChars(pos, pos + n, buf, off);
      pos += n;
      supplied += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
