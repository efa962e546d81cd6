package dev.platformkit.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

/** The Jackson configuration shared by reading and writing. */
final class Mappers {
  /**
   * Binds trees to value types and value types to trees. Only annotated accessors are properties: the
   * Immutables implementations annotate every attribute, and helpers such as {@code isEmpty()} must not
   * leak into documents.
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(MapperFeature.AUTO_DETECT_GETTERS, MapperFeature.AUTO_DETECT_IS_GETTERS, MapperFeature.AUTO_DETECT_FIELDS)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .findAndAddModules()
      .build();

  private Mappers() {}

  /** A YAML parser factory whose own limits sit just above the reader's, so the reader's clearer errors come first. */
  static YAMLFactory yamlFactory(int maxFileBytes, int maxDepth) {
    // Jackson streams events and never expands aliases (the tree reader refuses them); these bound SnakeYAML itself
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setNestingDepthLimit(maxDepth + 1);
    options.setCodePointLimit(maxFileBytes + 1);
    return YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(constraints(maxFileBytes, maxDepth))
        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
        .build();
  }

  /** A JSON parser factory with the same limits as {@link #yamlFactory}. */
  static JsonFactory jsonFactory(int maxFileBytes, int maxDepth) {
    return JsonFactory.builder().streamReadConstraints(constraints(maxFileBytes, maxDepth)).build();
  }

  private static StreamReadConstraints constraints(int maxFileBytes, int maxDepth) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(maxDepth + 1)
        .maxStringLength(maxFileBytes + 1)
        .maxDocumentLength(maxFileBytes + 1L)
        .build();
  }

  /** The YAML factory of the writer: block style, quotes only where YAML needs them, stable output. */
  static YAMLFactory yamlWriterFactory() {
    return YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        // "8" and "1.20" stay strings for every YAML reader, not only ours
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .build();
  }
}
