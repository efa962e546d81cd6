package dev.platformkit;

import java.util.Optional;

/**
 * Refusal to touch an object platformkit does not own: it exists with the same name but without our
 * ownership labels (or tags, or TXT record), or it belongs to another owner. Never adopted silently.
 */
public class OwnershipException extends PlatformException {
  private static final long serialVersionUID = 1L;

  private final ResourceRef target;
  private final String foundOwner;

  /**
   * @param target the object that collides
   * @param foundOwner who owns it, as found ({@code tenant.billing}, {@code managed-by=helm}), or null
   *     when it carries no ownership marks at all
   * @param wantedOwner who wanted it ({@code tenant.payments})
   */
  public OwnershipException(ResourceRef target, String foundOwner, String wantedOwner) {
    super(target + " already exists and is " + (foundOwner == null ? "not managed by platformkit"
        : "owned by " + foundOwner) + "; refusing to take it over for " + wantedOwner
        + " (rename it in the spec, or delete or relabel the existing object by hand)", null, false);
    this.target = target;
    this.foundOwner = foundOwner;
  }

  /** A refusal about {@code target} worded by a subclass. */
  protected OwnershipException(String message, ResourceRef target, String foundOwner) {
    super(message, null, false);
    this.target = target;
    this.foundOwner = foundOwner;
  }

  /** The object that collides. */
  public ResourceRef target() {
    return target;
  }

  /** Its owner as found, empty when it carries no ownership marks. */
  public Optional<String> foundOwner() {
    return Optional.ofNullable(foundOwner);
  }
}
