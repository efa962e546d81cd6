node {
  def report = platformUpgradePlan(manifests: 'k8s/', cluster: 'shop-prod', from: '1.20', to: '1.27',
      failOnBlockers: env.FAIL_ON_BLOCKERS == 'true')
  echo "blockers: ${report.blockers().size()}"
}
