package dev.platformkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Refusal to delete a namespace that holds objects platformkit does not own: Kubernetes would delete them
 * with it. Thrown by an apply before anything is written; apply again with
 * {@link ApplyOption#DELETE_FOREIGN_CONTENTS} to delete anyway.
 */
public class ForeignContentsException extends OwnershipException {
  private static final long serialVersionUID = 1L;

  private final List<Change> deletions;

  /** @param deletions the deletions refused, each with its {@link Change#contents()} */
  public ForeignContentsException(List<Change> deletions) {
    super(message(deletions), deletions.get(0).target(), null);
    this.deletions = List.copyOf(deletions);
  }

  private static String message(List<Change> deletions) {
    return "refusing to delete what holds objects platformkit does not own, which would be deleted with it: "
        + deletions.stream().map(c -> c.target() + " holds " + c.describeContents()).collect(Collectors.joining("; "))
        + ". Move or delete them first, or apply with " + ApplyOption.class.getSimpleName() + "."
        + ApplyOption.DELETE_FOREIGN_CONTENTS + " to delete them too";
  }

  /** The deletions refused. */
  public List<Change> deletions() {
    return deletions;
  }
}
