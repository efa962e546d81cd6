package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A change in a Kubernetes minor that can break a cluster or its workloads and is not an API removal
 * (those are {@link DeprecatedApi}s): the dockershim removal in 1.24, the EBS CSI migration on EKS 1.23.
 * See {@link BreakingChanges} for the catalogue.
 *
 * @param minor the minor that brings the change (upgrading to it is when it bites)
 * @param id a stable code, upper case with '_' ({@code DOCKERSHIM_REMOVED})
 * @param scope whether it applies to every cluster or to Amazon EKS only
 * @param severity {@link Severity#BLOCKER} when the upgrade must wait until it is dealt with
 * @param summary what changes
 * @param check what to look at in a cluster to know whether it is affected
 * @param source the public page that states the change (a URL)
 */
public record BreakingChange(
    KubernetesVersion minor, String id, Scope scope, Severity severity, String summary, String check, String source) {

  private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public BreakingChange {
    Objects.requireNonNull(minor, "minor");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(severity, "severity");
    if (minor.patch().isPresent()) {
      throw new IllegalArgumentException("minor " + minor + " must be a minor version such as 1.24, not a patch release");
    }
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id \"" + id + "\" must be upper case words joined by '_' (DOCKERSHIM_REMOVED)");
    }
    for (String[] field : new String[][] {{"summary", summary}, {"check", check}, {"source", source}}) {
      if (field[1] == null || field[1].isBlank()) {
        throw new IllegalArgumentException(field[0] + " of " + id + " is required");
      }
    }
  }

  /** Whether it applies to a cluster run by {@code platform}: every change applies to EKS, only {@link Scope#KUBERNETES} ones elsewhere. */
  public boolean appliesTo(Scope platform) {
    return scope == Scope.KUBERNETES || platform == Scope.EKS;
  }

  /** {@code 1.24 DOCKERSHIM_REMOVED (blocker)}. */
  @Override
  public String toString() {
    return minor + " " + id + " (" + severity.value() + ")";
  }

  /** Where a change applies; spelled {@code kubernetes} or {@code eks}. */
  public enum Scope {
    /** Every Kubernetes cluster, EKS included. */
    KUBERNETES,
    /** Amazon EKS clusters only (its AMIs, add-ons or IAM). */
    EKS;

    /** The spelling in a data file: {@code kubernetes} or {@code eks}. */
    @JsonValue
    public String value() {
      return Spelling.of(this);
    }

    /** Parses {@code kubernetes} or {@code eks} (any case). */
    @JsonCreator
    public static Scope of(String value) {
      return Spelling.parse(Scope.class, value, "a scope");
    }
  }
}
