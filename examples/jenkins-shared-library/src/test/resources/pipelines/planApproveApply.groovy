// The Jenkinsfile's flow without a library annotation or checkout, for tests that change the world mid-way.
// Inside node {}: the test harness checkpoints (serializes) the pipeline at every step in a closure.
node {
  def plan = platformPlan(specs: 'platform/', state: env.PLATFORMKIT_STATE)
  input message: "Apply ${plan.changes()} change(s)?"
  platformApply(plan: plan)
}
