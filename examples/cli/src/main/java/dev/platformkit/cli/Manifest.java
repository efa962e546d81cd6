package dev.platformkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;
import java.util.Map;

/** Objects as a multi-document YAML stream, each document starting with {@code ---}. */
final class Manifest {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE) // the spec in the ConfigMap stays readable
      .build());

  private Manifest() {}

  static String yaml(List<Map<String, Object>> objects) {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> o : objects) {
      try {
        out.append(YAML.writeValueAsString(o));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + o.get("kind") + " as YAML", e);
      }
    }
    return out.toString();
  }
}
