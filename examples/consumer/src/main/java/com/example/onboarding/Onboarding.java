package com.example.onboarding;

import dev.platformkit.ApplyResult;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import java.util.Objects;

/**
 * Another team's tool, built on platformkit: onboards a team as a {@link Tenant} with a dev and a stage
 * namespace, its group as editors and the standard quota. It takes any {@link Platform}: a real cluster
 * in production, the testkit's in-memory one in its tests.
 */
public final class Onboarding {
  private final Platform platform;

  /** Onboards teams on {@code platform}. */
  public Onboarding(Platform platform) {
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  /** The tenant of {@code team}, whose members are the directory group {@code group}. */
  public static Tenant tenantFor(String team, String group) {
    return Tenant.builder().name(team)
        .addNamespaces(Namespace.of(team + "-dev"), Namespace.of(team + "-stage"))
        .addMembers(Member.builder().kind(MemberKind.Group).name(group).role(Role.EDIT).build())
        .putQuota("requests.cpu", "8").putQuota("limits.memory", "32Gi")
        .build();
  }

  /** What onboarding {@code team} would change; writes nothing. */
  public Plan preview(String team, String group) {
    return platform.tenants().plan(tenantFor(team, group));
  }

  /** Onboards {@code team}: applies exactly the plan {@link #preview} shows (a no-op when already done). */
  public ApplyResult onboard(String team, String group) {
    return platform.tenants().apply(preview(team, group));
  }
}
