// Plans the specs of a directory in the workspace and prints the plan. Returns a SavedPlan (serializable, no
// credentials in it) for platformApply.
//   def plan = platformPlan(specs: 'platform/')                                   // embedded backend, state in .platformkit
//   def plan = platformPlan(specs: 'platform/', kubeconfig: KUBECONFIG_FILE, context: 'prod')
// Files are read with readFile/findFiles (pipeline-utility-steps): the steps run on the controller, the
// workspace is on the agent.
@Grab('dev.platformkit:jenkins-shared-library:0.1.0-SNAPSHOT')
import dev.platformkit.jenkins.Pipelines
import dev.platformkit.jenkins.Where

def call(Map args = [:]) {
  Where where
  try {
    where = Where.of(args)
  } catch (IllegalArgumentException e) {
    error "platformPlan: ${e.message}"
  }
  // index loops: an iterator is not serializable, and Jenkins may checkpoint between any two steps
  def texts = [:]
  def patterns = ['**/*.yaml', '**/*.yml', '**/*.json']
  for (int p = 0; p < patterns.size(); p++) {
    def files = findFiles(glob: "${where.specs().replaceAll('/+$', '')}/${patterns[p]}")
    for (int i = 0; i < files.size(); i++) {
      texts[files[i].path] = readFile(file: files[i].path, encoding: 'UTF-8')
    }
  }
  def saved
  try {
    saved = Pipelines.plan(texts, where, where.embedded() ? null : readFile(file: where.kubeconfig(), encoding: 'UTF-8'))
  } catch (dev.platformkit.PlatformException e) {
    error "platformPlan: ${e.message}"
  }
  echo saved.render()
  return saved
}
