package dev.platformkit.aws;

import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.FakeAutoScalingClient;
import dev.platformkit.testkit.aws.FakeEksClient;
import dev.platformkit.testkit.aws.FakeRdsClient;
import dev.platformkit.testkit.contract.AwsScheduleContract;
import java.util.Map;

/** The AWS backend passes the AWS schedule contract on the testkit's EKS, RDS and Auto Scaling fakes. */
class AwsScheduleContractTest extends AwsScheduleContract {
  private FakeEksClient eks;
  private FakeRdsClient rds;
  private FakeAutoScalingClient autoScaling;

  @Override
  protected ResourceStore aws(FakeClock clock) {
    eks = new FakeEksClient(clock).addCluster("prod");
    rds = new FakeRdsClient(clock);
    autoScaling = new FakeAutoScalingClient(clock);
    return AwsBackend.builder().eks(eks).rds(rds).autoScaling(autoScaling).build();
  }

  @Override
  protected void existing(Resource target) {
    Map<String, Object> body = target.body();
    String name = target.ref().name();
    switch (target.ref().kind()) {
      case "NodeGroup" -> {
        Map<?, ?> s = (Map<?, ?>) body.get("scalingConfig");
        String[] parts = name.split("/", 2);
        eks.addNodegroup(parts[0], parts[1], (Integer) s.get("minSize"), (Integer) s.get("maxSize"),
            (Integer) s.get("desiredSize"), target.labels());
      }
      case "DBInstance" -> rds.addInstance(name, (String) body.get("status"), target.labels());
      case "AutoScalingGroup" -> autoScaling.addGroup(name, (Integer) body.get("minSize"), (Integer) body.get("maxSize"),
          (Integer) body.get("desiredCapacity"), target.labels());
      default -> throw new IllegalArgumentException(target.ref().toString());
    }
  }

  @Override
  protected void rdsStartsByItself(String dbInstance) {
    // the fake starts an instance stopped for seven days by itself
  }
}
