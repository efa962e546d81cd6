package dev.platformkit.tenant;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Someone who gets a role in every namespace of the tenant.
 *
 * <pre>{@code Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build()}</pre>
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableMember.class)
@JsonDeserialize(as = ImmutableMember.class)
public abstract class Member implements Serializable, WithMember {
  // only the generated implementation extends it: no subclass can skip validation
  Member() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this member's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** User, Group, ServiceAccount or IamRole. Required. */
  public abstract MemberKind kind();

  /** The user, group or service account name, or the IAM role ARN. Required. */
  public abstract String name();

  /** For a ServiceAccount: its namespace (default: the tenant's first namespace). Ignored otherwise. */
  public abstract Optional<String> namespace();

  /** The role the member gets in every tenant namespace. Default: {@code view}. */
  @Value.Default
  public Role role() {
    return Role.VIEW;
  }

  /** Builds {@link Member}s. */
  public static class Builder extends ImmutableMember.Builder {}
}
