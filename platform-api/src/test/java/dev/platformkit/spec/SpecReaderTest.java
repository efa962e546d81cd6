package dev.platformkit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.platformkit.PlatformException;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Window;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Site;
import dev.platformkit.tenant.PodSecurityLevel;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.Strategy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {
  private static final String TENANT = "apiVersion: platformkit.dev/v1alpha1\nkind: Tenant\nmetadata:\n  name: %s\n";

  private final SpecReader reader = SpecReader.create();

  @Test
  void readsEveryKindFromADirectoryRecursivelyInPathOrder() {
    Specs specs = reader.read(resource("spec/good"));

    assertThat(specs.all()).extracting(SpecDocument::kind, SpecDocument::name, d -> Path.of(d.file()).getFileName().toString(), SpecDocument::line)
        .containsExactly(
            tuple("Site", "preview-jdoe-checkout", "site-preview.yaml", 1),
            tuple("Schedule", "payments-office-hours", "schedule.yaml", 1),
            tuple("Site", "shop", "site.json", 1),
            tuple("Tenant", "search", "more.yml", 3),
            tuple("Tenant", "shop", "more.yml", 7),
            tuple("Tenant", "payments", "payments.yaml", 2),
            tuple("UpgradePlan", "shop-prod", "shop-prod.yaml", 1));
    assertThat(specs.tenants()).extracting(Tenant::name).containsExactly("search", "shop", "payments");
    assertThat(specs.schedules()).hasSize(1);
    assertThat(specs.sites()).extracting(Site::name).containsExactly("preview-jdoe-checkout", "shop");
    assertThat(specs.upgradePlans()).hasSize(1);
    assertThat(specs.documents(Tenant.class)).allSatisfy(d -> assertThat(d.value()).isInstanceOf(Tenant.class));
  }

  @Test
  void bindsEveryFieldOfAFullTenant() {
    Tenant payments = reader.read(resource("spec/good/tenants/payments.yaml")).tenants().get(0);

    assertThat(payments.labels()).containsExactly(Map.entry("cost-center", "cc-1234"));
    assertThat(payments.namespaces()).extracting(n -> n.name()).containsExactly("payments-dev", "payments-stage");
    assertThat(payments.namespaces().get(0).quota()).containsEntry("requests.cpu", "4");
    assertThat(payments.members()).extracting(m -> m.role()).containsExactly(Role.EDIT, Role.ADMIN, Role.VIEW);
    assertThat(payments.members().get(2).namespace()).contains("payments-dev");
    assertThat(payments.quota()).containsEntry("count/deployments.apps", "50").containsEntry("limits.memory", "32Gi");
    assertThat(payments.limits()).hasValueSatisfying(l -> assertThat(l.max()).containsEntry("cpu", "2"));
    assertThat(payments.network().allowFrom()).containsExactly("ingress-nginx", "monitoring");
    assertThat(payments.network().defaultDeny()).isTrue();
    assertThat(payments.podSecurity().enforce()).isEqualTo(PodSecurityLevel.RESTRICTED);
    assertThat(payments.podSecurity().warn()).isEqualTo(PodSecurityLevel.RESTRICTED);
    assertThat(payments.preventDeletion()).isTrue();
  }

  @Test
  void bindsScheduleSiteJsonAndUpgradePlanValues() {
    Specs specs = reader.read(resource("spec/good"));

    Schedule schedule = specs.schedules().get(0);
    assertThat(schedule.windows()).containsExactly(Window.parse("Mon-Fri 07:30-20:30"), Window.parse("Sat 10:00-14:00"));
    assertThat(schedule.gracePeriod()).isEqualTo(Duration.ofMinutes(30));
    assertThat(schedule.override()).hasValueSatisfying(o -> assertThat(o.reason()).contains("weekend demo"));

    Site shop = specs.sites().get(1);
    assertThat(shop.environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(shop.dns()).hasValueSatisfying(d -> assertThat(d.weight()).contains(100));
    assertThat(shop.components()).extracting(c -> c.name(), c -> c.revision()).containsExactly(
        tuple("storefront", "1.4.*"), tuple("api", "main"));
    assertThat(specs.sites().get(0).components().get(0).source().values()).contains("replicas: 1\nimage:\n  tag: feature-checkout\n");

    // an unquoted 1.20 stays 1.20, not the number 1.2
    assertThat(specs.upgradePlans().get(0).currentVersion()).contains(KubernetesVersion.parse("1.20"));
    assertThat(specs.upgradePlans().get(0).cluster()).isEqualTo("shop-prod");
    assertThat(specs.upgradePlans().get(0).strategy()).isEqualTo(Strategy.BLUE_GREEN);
  }

  @Test
  void skipsHiddenFilesHiddenDirectoriesAndOtherExtensions(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve(".github/workflows"));
    Files.writeString(dir.resolve(".github/workflows/ci.yml"), "on: push\n");
    Files.writeString(dir.resolve(".draft.yaml"), "not: a spec\n");
    Files.writeString(dir.resolve("notes.txt"), "not: a spec\n");
    Files.writeString(dir.resolve("b.YML"), TENANT.formatted("b"));
    Files.writeString(dir.resolve("a.yaml"), TENANT.formatted("a"));

    assertThat(reader.read(dir).all()).extracting(SpecDocument::name).containsExactly("a", "b");
  }

  @Test
  void skipsEmptyDocumentsAndAByteOrderMark() {
    Specs specs = reader.read("t.yaml", "\uFEFF---\n# nothing\n---\n" + TENANT.formatted("payments") + "---\n...\n");

    assertThat(specs.all()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("payments");
      assertThat(d.location()).isEqualTo("t.yaml:4:1");
    });
    assertThat(reader.read("empty.yaml", "").isEmpty()).isTrue();
  }

  @Test
  void readsSeveralJsonDocumentsInOneFile() {
    String json = "{\"apiVersion\": \"platformkit.dev/v1alpha1\", \"kind\": \"Tenant\", \"metadata\": {\"name\": \"a\"}}\n"
        + "{\"apiVersion\": \"platformkit.dev/v1alpha1\", \"kind\": \"Tenant\", \"metadata\": {\"name\": \"b\"}, \"spec\": {\"quota\": {\"pods\": 10}}}\n";

    Specs specs = reader.read("tenants.json", json);

    assertThat(specs.tenants()).extracting(Tenant::name).containsExactly("a", "b");
    assertThat(specs.tenants().get(1).quota()).containsEntry("pods", "10");
  }

  @Test
  void yamlIsNotReadAsJsonWhenTheNameSaysJson() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> reader.read("t.json", TENANT.formatted("a")));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.message()).startsWith("invalid JSON");
      assertThat(v.line()).isEqualTo(1);
    });
  }

  @Test
  void duplicateNamesAcrossFilesAreReportedAtTheSecond(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), TENANT.formatted("payments"));
    Files.createDirectories(dir.resolve("b"));
    // the same name for another kind is fine
    Files.writeString(dir.resolve("b/c.yaml"), "# again\n" + TENANT.formatted("payments") + "---\n"
        + "apiVersion: platformkit.dev/v1alpha1\nkind: UpgradePlan\nmetadata: {name: payments}\nspec: {targetVersion: \"1.27\"}\n");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> reader.read(dir));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.file()).contains(dir.resolve("b/c.yaml").toString());
      assertThat(v.line()).isEqualTo(5);
      assertThat(v.column()).isEqualTo(9);
      assertThat(v.path()).isEqualTo("metadata.name");
      assertThat(v.message()).isEqualTo("Tenant \"payments\" is defined twice; first at " + dir.resolve("a.yaml") + ":1:1");
    });
  }

  @Test
  void reportsTheProblemsOfEveryFileAtOnce(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), TENANT.formatted("Bad_Name"));
    Files.writeString(dir.resolve("b.yaml"), TENANT.formatted("ok") + "spec:\n  quota: {pods: lots}\n  hostnames: [x]\n");
    Files.writeString(dir.resolve("c.json"), "{");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> reader.read(dir));

    assertThat(e.violations()).extracting(v -> Path.of(v.file().orElseThrow()).getFileName().toString(), Violation::line, Violation::path)
        .containsExactly(
            tuple("a.yaml", 4, "metadata.name"),
            tuple("b.yaml", 6, "spec.quota[\"pods\"]"),
            tuple("b.yaml", 7, "spec.hostnames[0]"),
            tuple("c.json", 1, ""));
    assertThat(e.getMessage()).startsWith("invalid spec documents (4 problems):");
  }

  @Test
  void readsSeveralPathsAsOneSet(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), TENANT.formatted("a"));
    Files.writeString(dir.resolve("b.yaml"), TENANT.formatted("a"));

    assertThat(reader.read(List.of(dir.resolve("b.yaml"))).tenants()).hasSize(1);
    assertThatThrownBy(() -> reader.read(List.of(dir.resolve("a.yaml"), dir.resolve("b.yaml"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("is defined twice");
  }

  @Test
  void readsNamedTextsAsOneSet() {
    java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
    texts.put("platform/a.yaml", TENANT.formatted("a"));
    texts.put("platform/b.json", "{\"apiVersion\": \"platformkit.dev/v1alpha1\", \"kind\": \"Tenant\", \"metadata\": {\"name\": \"b\"}}");

    assertThat(reader.read(texts).tenants()).extracting(t -> t.name()).containsExactly("a", "b");

    texts.put("platform/c.yaml", TENANT.formatted("a"));
    assertThatThrownBy(() -> reader.read(texts))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("platform/c.yaml:")
        .hasMessageContaining("is defined twice; first at platform/a.yaml:1:1");
  }

  @Test
  void aMissingFileIsAPlatformExceptionNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> reader.read(missing))
        .isExactlyInstanceOf(PlatformException.class)
        .hasMessage("cannot read spec file " + missing + ": no such file or directory");
  }

  @Test
  void refusesAFileOverTheSizeLimitBeforeParsingIt(@TempDir Path dir) throws IOException {
    // invalid YAML on purpose: only the size may be reported
    byte[] big = ("[" + "x".repeat(SpecReader.DEFAULT_MAX_FILE_BYTES)).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("big.yaml"), big);

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> reader.read(dir));
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.message()).isEqualTo("the file is 1048577 bytes; spec files may be at most 1048576 bytes");
      assertThat(v.file()).contains(dir.resolve("big.yaml").toString());
    });

    ValidationException inMemory = catchThrowableOfType(ValidationException.class, () -> reader.read("big.yaml", big));
    assertThat(inMemory.violations()).singleElement().extracting(Violation::message).asString().startsWith("the file is 1048577 bytes");
  }

  @Test
  void theSizeLimitIsConfigurable() {
    SpecReader small = SpecReader.builder().maxFileBytes(64).build();
    String doc = TENANT.formatted("payments");

    assertThat(SpecReader.create().read("t.yaml", doc).tenants()).hasSize(1);
    assertThatThrownBy(() -> small.read("t.yaml", doc))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("t.yaml:1:1: the file is " + doc.length() + " bytes; spec files may be at most 64 bytes");
    assertThat(small.maxFileBytes()).isEqualTo(64);
  }

  @Test
  void refusesDeepNestingWhereItGoesTooDeep() {
    String deepYaml = TENANT.formatted("payments") + "spec:\n  quota: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";
    String deepJson = "{\"spec\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}";
    SpecReader reader = SpecReader.builder().maxDepth(10).maxFileBytes(1 << 20).build();

    ValidationException yaml = catchThrowableOfType(ValidationException.class, () -> reader.read("deep.yaml", deepYaml));
    ValidationException json = catchThrowableOfType(ValidationException.class, () -> reader.read("deep.json", deepJson));

    // the document is level 1 and spec level 2; in YAML quota's lists start at 3, so the 9th is level 11
    assertThat(yaml.violations()).singleElement().hasToString("deep.yaml:6:18: nested deeper than 10 levels");
    // in JSON the lists start at level 2 (column 10), so the 10th is level 11
    assertThat(json.violations()).singleElement().hasToString("deep.json:1:19: nested deeper than 10 levels");
  }

  @Test
  void refusesBytesThatAreNotUtf8AtTheirLineAndColumn() {
    byte[] head = (TENANT.formatted("payments") + "  labels: {team: caf").getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = new byte[head.length + 3];
    System.arraycopy(head, 0, latin1, 0, head.length);
    latin1[head.length] = (byte) 0xE9; // é in ISO-8859-1
    latin1[head.length + 1] = '}';
    latin1[head.length + 2] = '\n';

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> reader.read("latin1.yaml", latin1));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.line()).isEqualTo(5);
      assertThat(v.column()).isEqualTo(21);
      assertThat(v.message()).isEqualTo("not UTF-8: byte 0xE9 at offset " + head.length + " is not valid UTF-8 (spec files must be UTF-8)");
    });
  }

  @Test
  void refusesUtf16() {
    byte[] utf16 = TENANT.formatted("payments").getBytes(StandardCharsets.UTF_16);

    assertThatThrownBy(() -> reader.read("utf16.yaml", utf16))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("utf16.yaml:1:1: not UTF-8: byte 0xFE at offset 0");
  }

  @Test
  void aliasesAreRefusedWithoutExpandingThem() {
    // a billion-laughs document: expanded, it would hold 9^12 strings
    StringBuilder bomb = new StringBuilder(TENANT.formatted("payments")).append("spec:\n  namespaces:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 12; i++) {
      bomb.append("  - &a").append(i).append(" [").append(String.join(", ", Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
    }
    bomb.append("  hostnames: *a12\n");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> reader.read("bomb.yaml", bomb.toString()));

    assertThat(e.violations()).last().hasToString("bomb.yaml:20:14: spec.hostnames: YAML aliases (*a12) are not supported in spec documents; write the value out");
    // and each of the 13 anchored lists is a list where a namespace mapping belongs
    assertThat(e.violations()).hasSize(14);
  }

  @Test
  void acceptsYamlCoreBooleansAndTakesNumbersForStringsAsWritten() {
    Tenant shop = reader.read(resource("spec/good/tenants/more.yml")).tenants().get(1);

    assertThat(shop.network().defaultDeny()).isFalse();
    assertThat(shop.network().allowDnsEgress()).isTrue();
    assertThat(reader.read("t.yaml", TENANT.formatted("payments") + "spec:\n  quota: {requests.cpu: 1.50}\n").tenants().get(0).quota())
        .containsEntry("requests.cpu", "1.50");
    assertThatThrownBy(() -> reader.read("t.yaml", TENANT.formatted("payments") + "spec:\n  quota: {pods: 0x10}\n"))
        .hasMessageContaining("spec.quota[\"pods\"]: \"0x10\" is not a quantity");
  }

  @Test
  void stopsAfterAThousandProblems(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "just text\n---\n".repeat(1500));
    Files.writeString(dir.resolve("b.yaml"), "more: text\n");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> reader.read(dir));

    assertThat(e.violations()).hasSize(1001);
    assertThat(e.violations().get(999).file()).contains(dir.resolve("a.yaml").toString());
    assertThat(e.violations().get(1000)).hasToString("stopped reading after 1000 problems");
  }

  @Test
  void documentsSurviveJavaSerialization() throws Exception {
    // Jenkins pipelines checkpoint their variables with Java serialization
    Specs specs = reader.read(resource("spec/good"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(specs);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(((Specs) in.readObject()).all()).isEqualTo(specs.all());
    }
  }

  @Test
  void limitsMustBeSensible() {
    assertThatThrownBy(() -> SpecReader.builder().maxFileBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpecReader.builder().maxDepth(2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SpecReader.create().maxDepth()).isEqualTo(SpecReader.DEFAULT_MAX_DEPTH);
  }

  static Path resource(String name) {
    try {
      return Path.of(SpecReaderTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
