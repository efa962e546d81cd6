package dev.platformkit;

/**
 * What an apply is allowed to do beyond the default, given to {@code apply} and {@code delete} of every
 * primitive. Without options an apply is as careful as it can be.
 */
public enum ApplyOption {
  /**
   * Delete a Namespace even though it holds objects platformkit does not own (a team's workloads,
   * ConfigMaps, Secrets). Kubernetes deletes everything in a namespace with it, so without this option
   * such a deletion is refused before anything is written; the plan counts those objects by kind
   * ({@link Change#contents()}).
   */
  DELETE_FOREIGN_CONTENTS
}
