package dev.platformkit.upgrade;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One minor version step of a control plane, such as {@code 1.22 -> 1.23}: EKS updates a cluster by one
 * minor at a time, so an upgrade over several minors is a chain of hops.
 *
 * @param from the minor the hop starts at (a patch given is dropped)
 * @param to the next minor after {@code from}
 */
public record Hop(KubernetesVersion from, KubernetesVersion to) implements Serializable {

  /**
   * Checks that {@code to} is the minor after {@code from}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public Hop {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    from = from.toMinor();
    to = to.toMinor();
    if (from.major() != to.major() || from.minorsUntil(to) != 1) {
      throw new IllegalArgumentException("a hop goes to the next minor version; " + from + " -> " + to + " is not one");
    }
  }

  /**
   * The hops from {@code current} to {@code target}: seven from {@code 1.20.5} to {@code 1.27}, none
   * when both are of the same minor.
   *
   * @throws IllegalArgumentException when {@code target} is an older minor (control planes are never
   *     downgraded) or of another major version
   */
  public static List<Hop> between(KubernetesVersion current, KubernetesVersion target) {
    if (current.major() != target.major()) {
      throw new IllegalArgumentException("no upgrade path from " + current + " to " + target + ": the major versions differ");
    }
    if (current.minorsUntil(target) < 0) {
      throw new IllegalArgumentException("no upgrade path from " + current + " back to " + target + ": control planes are never downgraded");
    }
    List<Hop> hops = new ArrayList<>();
    for (KubernetesVersion v = current.toMinor(); !v.sameMinor(target); v = v.nextMinor()) {
      hops.add(new Hop(v, v.nextMinor()));
    }
    return List.copyOf(hops);
  }

  /** {@code 1.22 -> 1.23}. */
  @Override
  public String toString() {
    return from + " -> " + to;
  }
}
