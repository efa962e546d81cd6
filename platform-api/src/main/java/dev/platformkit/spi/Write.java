package dev.platformkit.spi;

import dev.platformkit.Change;
import java.io.Serializable;
import java.util.Objects;

/**
 * One write of a batch handed to {@link ResourceStore#write}: a create of {@code desired}, an update of
 * {@code current} by {@code update}, or a delete of {@code current}.
 *
 * @param action what the write does
 * @param current the object as read (update, delete); null for a create
 * @param desired the object to create; for an update, the object as it should be after it; null for a delete
 * @param update the merge patch of an update; null otherwise
 */
public record Write(Change.Action action, Resource current, Resource desired, ResourceUpdate update)
    implements Serializable {

  /** Checks that the parts fit the action. */
  public Write {
    Objects.requireNonNull(action, "action");
    switch (action) {
      case CREATE -> Objects.requireNonNull(desired, "desired");
      case UPDATE -> {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(update, "update");
      }
      case DELETE -> Objects.requireNonNull(current, "current");
    }
  }

  /** The object written. */
  public dev.platformkit.ResourceRef ref() {
    return current != null ? current.ref() : desired.ref();
  }
}
