package dev.platformkit.aws;

import dev.platformkit.testkit.contract.UpgradeExecutorContract;

/** The executor contract on the EKS fake: {@link UpgradeExecutor} built from the suite's setup. */
class UpgradeExecutorContractTest extends UpgradeExecutorContract {

  @Override
  protected Executor executor(Setup setup) {
    UpgradeExecutor.Builder b = UpgradeExecutor.builder().eks(setup.eks()).clock(setup.clock()).sleeper(setup.sleeper())
        .listener(setup.listener()).jobsDeadline(setup.jobsDeadline()).pollInterval(setup.pollInterval());
    if (setup.cluster() != null) {
      b.cluster(setup.cluster());
    }
    setup.timeouts().forEach(b::timeout);
    return b.build()::run;
  }
}
