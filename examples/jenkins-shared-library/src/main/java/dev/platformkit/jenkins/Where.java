package dev.platformkit.jenkins;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a pipeline step acts, from the step's named arguments: the embedded in-memory backend with its
 * state directory (the same files as the {@code platform} CLI's {@code --state}), or a cluster through a
 * kubeconfig file and context. Serializable, so it can be kept between steps.
 *
 * @param specs the spec file or directory ({@code specs:}, required)
 * @param state the embedded backend's state directory ({@code state:}, default {@code .platformkit}); used when no
 *     kubeconfig is given
 * @param kubeconfig a kubeconfig file ({@code kubeconfig:}, for example from {@code withCredentials}), or null
 * @param context the kubeconfig context ({@code context:}), or null for its current one
 */
public record Where(String specs, String state, String kubeconfig, String context) implements Serializable {
  private static final Set<String> KEYS = Set.of("specs", "state", "kubeconfig", "context");

  /**
   * Reads a step's arguments: {@code specs} (required), {@code state}, {@code kubeconfig}, {@code context}.
   *
   * @throws IllegalArgumentException naming an unknown or missing argument
   */
  public static Where of(Map<String, ?> args) {
    Set<String> unknown = new TreeSet<>(args.keySet());
    unknown.removeAll(KEYS);
    unknown.remove("plan");
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown argument(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
    }
    Object specs = args.get("specs");
    if (specs == null || specs.toString().isBlank()) {
      throw new IllegalArgumentException("argument specs: is required (a spec file or directory)");
    }
    Object state = args.get("state");
    Object kubeconfig = args.get("kubeconfig");
    Object context = args.get("context");
    if (context != null && kubeconfig == null) {
      throw new IllegalArgumentException("argument context: needs kubeconfig: too");
    }
    return new Where(specs.toString(), state == null ? ".platformkit" : state.toString(),
        kubeconfig == null ? null : kubeconfig.toString(), context == null ? null : context.toString());
  }

  /** Whether the step acts on the embedded in-memory backend. */
  public boolean embedded() {
    return kubeconfig == null;
  }

  /** For messages: {@code embedded backend (state in .platformkit)} or {@code cluster (context prod)}. */
  public String describe() {
    return embedded() ? "embedded backend (state in " + state + ")"
        : "cluster (kubeconfig " + kubeconfig + (context == null ? "" : ", context " + context) + ")";
  }
}
