package dev.platformkit;

/**
 * A saved plan no longer matches the real state: planning again gives other changes than the ones the
 * plan promised. Not retryable as it is: look at the new plan (in the message) and apply that one.
 */
public class StalePlanException extends ConflictException {
  private static final long serialVersionUID = 1L;

  /** The message says what the plan would be now. */
  public StalePlanException(String message) {
    super(message, null, false);
  }
}
