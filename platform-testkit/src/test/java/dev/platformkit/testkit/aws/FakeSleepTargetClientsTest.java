package dev.platformkit.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.testkit.FakeClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.Tag;

/** The state rules of the RDS, Auto Scaling and EKS node group fakes. */
class FakeSleepTargetClientsTest {
  private final FakeClock clock = FakeClock.standard();

  @Test
  void rdsInstancesStopAndStartOverTimeRefuseWrongStatesAndStartThemselvesAfterSevenDays() {
    FakeRdsClient rds = new FakeRdsClient(clock).addInstance("db", Map.of());
    assertThatThrownBy(() -> rds.startDBInstance(r -> r.dbInstanceIdentifier("db")))
        .isInstanceOfSatisfying(InvalidDbInstanceStateException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDBInstanceState");
        }).hasMessageContaining("is not stopped, it cannot be started");
    rds.stopDBInstance(r -> r.dbInstanceIdentifier("db"));
    assertThat(rds.status("db")).isEqualTo("stopping");
    assertThatThrownBy(() -> rds.stopDBInstance(r -> r.dbInstanceIdentifier("db"))).hasMessageContaining("is not in available state");
    clock.advance(FakeRdsClient.TRANSITION);
    assertThat(rds.status("db")).isEqualTo("stopped");
    clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(rds.status("db")).isEqualTo("stopped");
    clock.advance(Duration.ofSeconds(1));
    assertThat(rds.status("db")).isEqualTo("starting");
    clock.advance(FakeRdsClient.TRANSITION);
    assertThat(rds.status("db")).isEqualTo("available");
    assertThatThrownBy(() -> rds.describeDBInstances(r -> r.dbInstanceIdentifier("nope")))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void rdsTagValuesAreCheckedAsRdsDoes() {
    FakeRdsClient rds = new FakeRdsClient(clock).addInstance("db", Map.of());
    String arn = rds.describeDBInstances(r -> r.dbInstanceIdentifier("db")).dbInstances().get(0).dbInstanceArn();
    assertThatThrownBy(() -> rds.addTagsToResource(r -> r.resourceName(arn).tags(Tag.builder().key("k").value("{\"json\":1}").build())))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    rds.addTagsToResource(r -> r.resourceName(arn).tags(Tag.builder().key("platformkit:sleep").value("schedule=a phase=down").build()));
    assertThat(rds.tags("db")).containsEntry("platformkit:sleep", "schedule=a phase=down");
  }

  @Test
  void autoScalingSizesAreValidated() {
    FakeAutoScalingClient asg = new FakeAutoScalingClient(clock).addGroup("g", 1, 3, 2, Map.of());
    assertThatThrownBy(() -> asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("g").desiredCapacity(4)))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"))
        .hasMessageContaining("must be between the specified min size:1 and max size:3");
    asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("g").minSize(0).desiredCapacity(0));
    assertThat(asg.sizes("g")).containsExactly(0, 3, 0);
    assertThat(asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("nope")).autoScalingGroups()).isEmpty();
  }

  @Test
  void nodeGroupUpdatesTakeTimeAndOneRunsAtATime() {
    FakeEksClient eks = new FakeEksClient(clock).addCluster("prod").addNodegroup("prod", "ng", 1, 5, 3, Map.of());
    assertThatThrownBy(() -> eks.updateNodegroupConfig(r -> r.clusterName("prod").nodegroupName("ng")
        .scalingConfig(c -> c.minSize(0).maxSize(5).desiredSize(0)))).isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("CREATING");
    clock.advance(FakeEksClient.TRANSITION);
    eks.updateNodegroupConfig(r -> r.clusterName("prod").nodegroupName("ng").scalingConfig(c -> c.minSize(0).maxSize(5).desiredSize(0)));
    assertThat(eks.describeNodegroup(r -> r.clusterName("prod").nodegroupName("ng")).nodegroup().statusAsString()).isEqualTo("UPDATING");
    assertThatThrownBy(() -> eks.updateNodegroupConfig(r -> r.clusterName("prod").nodegroupName("ng")
        .scalingConfig(c -> c.desiredSize(1)))).isInstanceOf(ResourceInUseException.class);
    clock.advance(FakeEksClient.TRANSITION);
    assertThatThrownBy(() -> eks.updateNodegroupConfig(r -> r.clusterName("prod").nodegroupName("ng")
        .scalingConfig(c -> c.minSize(0).maxSize(0).desiredSize(0)))).isInstanceOf(InvalidParameterException.class);
    String arn = eks.describeNodegroup(r -> r.clusterName("prod").nodegroupName("ng")).nodegroup().nodegroupArn();
    eks.tagResource(r -> r.resourceArn(arn).tags(Map.of("a", "b")));
    assertThat(eks.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsEntry("a", "b");
  }
}
