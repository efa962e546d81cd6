// Applies exactly the plan platformPlan returned, where it was made; fails the build, writing nothing, when
// what the plan changes has changed since (plan again then).
//   platformApply(plan: plan)
@Grab('dev.platformkit:jenkins-shared-library:0.1.0-SNAPSHOT')
import dev.platformkit.jenkins.Pipelines
import dev.platformkit.jenkins.SavedPlan

def call(Map args = [:]) {
  if (!(args.plan instanceof SavedPlan)) {
    error "platformApply: argument plan: must be what platformPlan returned"
  }
  SavedPlan saved = args.plan
  def kubeconfig = saved.where().embedded() ? null : readFile(file: saved.where().kubeconfig(), encoding: 'UTF-8')
  try {
    echo Pipelines.apply(saved, kubeconfig)
  } catch (dev.platformkit.PlatformException e) {
    error "platformApply: ${e.message}"
  }
}
