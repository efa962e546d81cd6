// Plans an EKS upgrade offline from the manifests of a workspace directory: every hop from `from` to `to`,
// with its blockers (removed APIs still in use, at file:line) and steps. Writes upgrade-report.md and
// upgrade-report.html (self-contained) to the workspace and returns the UpgradeReport (serializable).
//   def report = platformUpgradePlan(manifests: 'k8s/', cluster: 'shop-prod', from: '1.20', to: '1.27')
//   if (report.hasBlockers()) { unstable 'the upgrade has blockers' }
// failOnBlockers: true fails the build instead.
@Grab('dev.platformkit:jenkins-shared-library:0.1.0-SNAPSHOT')
import dev.platformkit.jenkins.Pipelines
import dev.platformkit.upgrade.ReportFormat

def call(Map args = [:]) {
  for (String required : ['manifests', 'from', 'to']) {
    if (!args[required]) {
      error "platformUpgradePlan: argument ${required}: is required"
    }
  }
  def texts = [:]
  def patterns = ['**/*.yaml', '**/*.yml', '**/*.json']
  for (int p = 0; p < patterns.size(); p++) {
    def files = findFiles(glob: "${args.manifests.replaceAll('/+$', '')}/${patterns[p]}")
    for (int i = 0; i < files.size(); i++) {
      texts[files[i].path] = readFile(file: files[i].path, encoding: 'UTF-8')
    }
  }
  def report
  try {
    report = Pipelines.upgradePlan(texts, args.cluster ?: 'cluster', args.from.toString(), args.to.toString())
  } catch (dev.platformkit.PlatformException e) {
    error "platformUpgradePlan: ${e.message}"
  }
  writeFile(file: 'upgrade-report.md', text: report.render(ReportFormat.MARKDOWN), encoding: 'UTF-8')
  writeFile(file: 'upgrade-report.html', text: report.render(ReportFormat.HTML), encoding: 'UTF-8')
  echo report.render(ReportFormat.MARKDOWN)
  if (args.failOnBlockers && report.hasBlockers()) {
    error "platformUpgradePlan: ${report.blockers().size()} blocker(s); see upgrade-report.html"
  }
  return report
}
