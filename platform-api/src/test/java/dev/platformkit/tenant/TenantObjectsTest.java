package dev.platformkit.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.spi.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantObjectsTest {
  private static final Tenant GOV = Tenant.builder().name("payments")
      .addMembers(Member.builder().kind(MemberKind.IamRole).name("arn:aws-us-gov:iam::123456789012:role/teams/payments/oncall")
          .role(Role.EDIT).build())
      .build();

  private static Resource only(List<Resource> resources, String kind) {
    return resources.stream().filter(r -> r.ref().kind().equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void accessPoliciesAreInTheRolesPartition() {
    Resource entry = only(TenantObjects.render(GOV, IamAccess.ACCESS_ENTRIES), "AccessEntry");

    assertThat(entry.ref().name()).isEqualTo("arn:aws-us-gov:iam::123456789012:role/teams/payments/oncall");
    assertThat(entry.body().get("accessPolicies").toString())
        .contains("policyArn=arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSEditPolicy");
  }

  @Test
  void awsAuthEntriesCarryTheRoleArnWithoutItsPath() {
    Resource mapping = only(TenantObjects.render(GOV, IamAccess.AWS_AUTH_CONFIGMAP), "AwsAuthMapping");

    assertThat(mapping.ref().name()).isEqualTo("arn:aws-us-gov:iam::123456789012:role/oncall");
    assertThat(mapping.body()).containsEntry("rolearn", "arn:aws-us-gov:iam::123456789012:role/oncall");
    assertThat(TenantObjects.withoutPath("arn:aws:iam::1:role/x")).isEqualTo("arn:aws:iam::1:role/x");
  }
}
