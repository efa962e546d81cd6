package dev.platformkit;

import java.util.List;
import java.util.stream.Collectors;

/** Input that is not valid; carries every violation found, not only the first. Not retryable. */
public class ValidationException extends PlatformException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  /** An exception listing {@code violations} (at least one). */
  public ValidationException(String subject, List<Violation> violations) {
    super(render(subject, violations), null, false);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Every violation, in the order found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String render(String subject, List<Violation> violations) {
    String head = (subject == null || subject.isEmpty() ? "invalid input" : "invalid " + subject)
        + " (" + violations.size() + (violations.size() == 1 ? " problem" : " problems") + ")";
    return violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n", head + ":\n", ""));
  }
}
