package dev.platformkit.upgrade;

import java.util.List;
import java.util.Objects;

/**
 * What a scan found and what it had to skip.
 *
 * @param inventory the findings; for the streaming variants of a scan (those taking a
 *     {@code Consumer<ApiUsage>}) it holds no API usages: they went to the consumer
 * @param problems files, documents or cluster objects that could not be read, in the order met; each was
 *     skipped and the scan went on
 * @param objects how many manifest objects (apiVersion and kind present, {@code List} items counted
 *     one by one) were examined
 */
public record ScanResult(Inventory inventory, List<ScanProblem> problems, long objects) {
  /** Copies the list. */
  public ScanResult {
    Objects.requireNonNull(inventory, "inventory");
    problems = List.copyOf(problems);
  }

  /** Whether everything could be read. */
  public boolean complete() {
    return problems.isEmpty();
  }
}
