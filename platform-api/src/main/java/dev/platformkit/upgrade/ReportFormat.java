package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;

/** How {@link UpgradeReport#render(ReportFormat)} writes a report; spelled {@code markdown}, {@code json} or {@code html}. */
public enum ReportFormat {
  /** Markdown for a pull request: strategy and reasons, a table of hops, findings per hop, numbered steps. */
  MARKDOWN,
  /**
   * JSON for tools, with stable field names: {@code schema} ({@value UpgradeReport#JSON_SCHEMA}),
   * {@code cluster}, {@code currentVersion}, {@code targetVersion}, {@code strategy},
   * {@code strategyReasons}, {@code hasBlockers}, {@code summary}, {@code hops}, {@code findings},
   * {@code steps}; absent optional fields are left out.
   */
  JSON,
  /**
   * One self-contained HTML page (inline CSS, no scripts, fonts or other external resources): the hops on
   * a timeline, blockers highlighted, each finding linked to its object or file.
   */
  HTML;

  /** The spelling: {@code markdown}, {@code json} or {@code html}. */
  @JsonValue
  public String value() {
    return Spelling.of(this);
  }

  /** Parses {@code markdown}, {@code json} or {@code html} (any case). */
  @JsonCreator
  public static ReportFormat of(String value) {
    return Spelling.parse(ReportFormat.class, value, "a report format");
  }
}
