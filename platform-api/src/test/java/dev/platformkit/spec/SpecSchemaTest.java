package dev.platformkit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schemas are generated from the reader's shapes, and the copies shipped in the jar
 * ({@code dev/platformkit/spec/schema/KIND.json}) are exactly what is generated. After a value class
 * changes, regenerate them with {@code -Dplatformkit.schemas.update=true} on this test.
 */
class SpecSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHIPPED = Path.of("src/main/resources/dev/platformkit/spec/schema");

  @Test
  void everyKindHasASchema() {
    assertThat(SpecSchema.kinds()).containsExactly("Tenant", "Schedule", "Site", "UpgradePlan");
  }

  @Test
  void theShippedSchemasAreTheGeneratedOnes() throws IOException {
    boolean update = Boolean.getBoolean("platformkit.schemas.update");
    List<String> stale = new ArrayList<>();
    for (String kind : SpecSchema.kinds()) {
      String generated = SpecSchema.jsonSchema(kind);
      if (update) {
        Files.createDirectories(SHIPPED);
        Files.writeString(SHIPPED.resolve(kind + ".json"), generated);
      }
      try (InputStream in = SpecSchema.class.getResourceAsStream("schema/" + kind + ".json")) {
        String shipped = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String source = Files.exists(SHIPPED.resolve(kind + ".json")) ? Files.readString(SHIPPED.resolve(kind + ".json")) : null;
        if (!generated.equals(source) || (!update && !generated.equals(shipped))) {
          stale.add(kind);
        }
      }
    }
    assertThat(stale).as("schemas in " + SHIPPED + " that differ from the generated ones; regenerate them with"
        + " mvn -pl platform-api -am verify -Dtest=SpecSchemaTest -Dsurefire.failIfNoSpecifiedTests=false"
        + " -Dplatformkit.schemas.update=true").isEmpty();
  }

  @Test
  void theSchemaFollowsTheShapeTheReaderChecks() throws IOException {
    JsonNode tenant = JSON.readTree(SpecSchema.jsonSchema("Tenant"));

    assertThat(tenant.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(tenant.at("/properties/apiVersion/const").asText()).isEqualTo(SpecDocument.API_VERSION);
    assertThat(tenant.at("/properties/kind/const").asText()).isEqualTo("Tenant");
    assertThat(tenant.at("/properties/metadata/required/0").asText()).isEqualTo("name");
    assertThat(tenant.at("/properties/metadata/properties/labels/type").asText()).isEqualTo("object");
    // the name is written as metadata.name, never under spec
    assertThat(tenant.at("/properties/spec/properties").has("name")).isFalse();
    assertThat(tenant.at("/properties/spec/additionalProperties").asBoolean(true)).isFalse();
    // every property the reader's shape has, and no other
    Kinds.Kind kind = Kinds.named("Tenant");
    List<String> names = new ArrayList<>();
    tenant.at("/properties/spec/properties").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(kind.spec().properties.keySet());
    String members = tenant.at("/properties/spec/properties/members/items/$ref").asText();
    JsonNode member = tenant.at(members.substring(1));
    assertThat(member.at("/properties/kind/enum")).extracting(JsonNode::asText).contains("User", "Group", "ServiceAccount", "IamRole");
    assertThat(member.get("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void anUnknownKindNamesTheKinds() {
    assertThatThrownBy(() -> SpecSchema.jsonSchema("Tenent")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tenant, Schedule, Site, UpgradePlan");
  }
}
