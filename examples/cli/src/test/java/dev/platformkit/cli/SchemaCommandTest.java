package dev.platformkit.cli;

import static dev.platformkit.cli.Cli.SPECS;
import static dev.platformkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.platformkit.cli.Cli.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platform schema KIND}: the schemas check the example specs as a JSON Schema validator sees them. */
class SchemaCommandTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @TempDir
  Path dir;

  private static Schema schema(String kind) {
    Run run = run("schema", kind);
    assertThat(run.status()).as(run.err()).isZero();
    return REGISTRY.getSchema(run.out(), InputFormat.JSON);
  }

  /** Every document of a YAML file, as a JSON tree. */
  private static List<JsonNode> documents(Path file) throws IOException {
    try (var parser = YAML.getFactory().createParser(file.toFile())) {
      return YAML.readValues(parser, JsonNode.class).readAll();
    }
  }

  private static List<Error> validate(JsonNode document) throws IOException {
    return schema(document.get("kind").asText()).validate(JSON.writeValueAsString(document), InputFormat.JSON);
  }

  @Test
  void theSchemasAcceptEveryExampleSpec() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(SPECS)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<String> kinds = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode document : documents(file)) {
        kinds.add(document.get("kind").asText());
        assertThat(validate(document)).as(file.toString()).isEmpty();
      }
    }
    assertThat(kinds).as("every kind is exercised").contains("Tenant", "Schedule", "Site", "UpgradePlan");
  }

  @Test
  void theSchemasRejectABrokenSpec() throws IOException {
    JsonNode tenant = documents(SPECS.resolve("tenant-payments.yaml")).get(0);
    String text = JSON.writeValueAsString(tenant);
    JsonNode misspelled = JSON.readTree(text.replace("\"quota\"", "\"qouta\""));
    JsonNode badKind = JSON.readTree(text.replace("\"kind\":\"Group\"", "\"kind\":\"Team\""));
    JsonNode noName = JSON.readTree(text.replace("\"name\":\"payments\",", ""));
    JsonNode wrongType = JSON.readTree(text.replace("\"namespaces\":[", "\"namespaces\":{\"x\":[").replace("],\"members\"", "]},\"members\""));

    assertThat(validate(misspelled)).extracting(Error::getMessage).anyMatch(m -> m.contains("qouta"));
    assertThat(validate(badKind)).extracting(Error::getMessage).anyMatch(m -> m.contains("Team") || m.contains("enum"));
    assertThat(validate(noName)).extracting(Error::getMessage).anyMatch(m -> m.contains("name"));
    assertThat(validate(wrongType)).isNotEmpty();
  }

  @Test
  void theSchemaPrintedIsTheOneShippedInTheJar() throws IOException {
    for (String kind : List.of("Tenant", "Schedule", "Site", "UpgradePlan")) {
      try (InputStream in = SchemaCommand.class.getResourceAsStream("/dev/platformkit/spec/schema/" + kind + ".json")) {
        assertThat(in).as(kind).isNotNull();
        assertThat(run("schema", kind).out()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void kindsAreListedAndAnUnknownOneIsAnError() {
    Run list = run("schema");
    Run unknown = run("schema", "Tenent");
    Run lower = run("schema", "tenant");

    assertThat(list.out()).isEqualTo(String.join(System.lineSeparator(), "Tenant", "Schedule", "Site", "UpgradePlan")
        + System.lineSeparator());
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).contains("\"Tenent\" is not a kind; the kinds are Tenant, Schedule, Site, UpgradePlan");
    assertThat(lower.out()).isEqualTo(run("schema", "Tenant").out());
  }

  @Test
  void writeWritesEveryKindForAnEditor() throws IOException {
    Run run = run("schema", "--write", dir.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("Site.json"))).isEqualTo(run("schema", "Site").out());
    assertThat(run.out()).contains("wrote " + dir.resolve("UpgradePlan.json").toAbsolutePath());
  }
}
