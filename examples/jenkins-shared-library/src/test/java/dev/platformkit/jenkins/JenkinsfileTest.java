package dev.platformkit.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lesfurets.jenkins.unit.MethodCall;
import com.lesfurets.jenkins.unit.MethodSignature;
import com.lesfurets.jenkins.unit.cps.BasePipelineTestCPS;
import com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration;
import com.lesfurets.jenkins.unit.global.lib.SourceRetriever;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.ResourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the example Jenkinsfile and the library's steps with JenkinsPipelineUnit in CPS mode (the pipeline's
 * state is serialized at every step, as Jenkins checkpoints it), on the real library and the embedded
 * in-memory backend. Only Jenkins itself is mocked: the workspace (findFiles/readFile), input, error.
 */
@SuppressWarnings("unchecked")
class JenkinsfileTest extends BasePipelineTestCPS {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path SPECS = MODULE.resolve("../specs/tenant-payments.yaml").normalize();

  @TempDir
  Path workspace;
  @TempDir
  Path state;

  private final List<String> approvals = new ArrayList<>();
  private boolean reject;
  private Runnable duringApproval = () -> {};

  @BeforeEach
  void setUpPipeline() throws Exception {
    System.setProperty("groovy.grape.enable", "false"); // @Grab is for Jenkins; the test classpath has the jars
    setScriptRoots(new String[] {MODULE.toString(), MODULE.resolve("src/test/resources/pipelines").toString()});
    setScriptExtension("");
    super.setUp();
    LibraryConfiguration library = new LibraryConfiguration();
    library.setName("platformkit");
    library.setDefaultVersion("main");
    library.setAllowOverride(true);
    library.setImplicit(false);
    library.setTargetPath(workspace.resolve("libs").toString());
    java.net.URL root = MODULE.toUri().toURL();
    library.setRetriever((SourceRetriever) (repository, branch, target) -> List.of(root));
    getHelper().registerSharedLibrary(library);

    getHelper().registerAllowedMethod(MethodSignature.method("checkout", Object.class), fn(scm -> null));
    getHelper().registerAllowedMethod(MethodSignature.method("error", String.class), fn(message -> {
      updateBuildStatus("FAILURE");
      throw new PipelineError(String.valueOf(message));
    }));
    getHelper().registerAllowedMethod(MethodSignature.method("input", Map.class), fn(args -> {
      approvals.add(String.valueOf(((Map<?, ?>) args).get("message")));
      duringApproval.run();
      if (reject) {
        throw new PipelineError("Aborted by platform-oncall");
      }
      return null;
    }));
    getHelper().registerAllowedMethod(MethodSignature.method("findFiles", Map.class), fn(args -> find(String.valueOf(((Map<?, ?>) args).get("glob")))));
    getHelper().registerAllowedMethod(MethodSignature.method("readFile", Map.class), fn(args -> read(String.valueOf(((Map<?, ?>) args).get("file")))));
    getHelper().registerAllowedMethod(MethodSignature.method("writeFile", Map.class), fn(args -> {
      Map<?, ?> a = (Map<?, ?>) args;
      try {
        return Files.writeString(workspace.resolve(String.valueOf(a.get("file"))), String.valueOf(a.get("text")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
    getBinding().setVariable("env", new java.util.HashMap<>(Map.of("PLATFORMKIT_STATE", state.toString())));
    getBinding().setVariable("scm", Map.of());
    Files.createDirectories(workspace.resolve("platform"));
    Files.copy(SPECS, workspace.resolve("platform/tenant-payments.yaml"));
  }

  @Test
  void plansWaitsForApprovalThenAppliesThePlan() throws Exception {
    runScript("Jenkinsfile");

    assertJobStatusSuccess();
    assertThat(approvals).singleElement().asString().matches("Apply \\d+ change\\(s\\)\\?");
    assertThat(log()).contains("plan on the embedded backend", "+ Namespace payments-dev", "applied");
    assertThat(namespaces()).contains("payments-dev", "payments-stage");
  }

  @Test
  void aSecondRunFindsNothingToChangeAndAsksNobody() throws Exception {
    runScript("Jenkinsfile");
    approvals.clear();
    getHelper().clearCallStack();

    runScript("Jenkinsfile");

    assertJobStatusSuccess();
    assertThat(approvals).isEmpty();
    assertThat(log()).contains("nothing to change");
  }

  @Test
  void aRejectedApprovalAppliesNothing() {
    reject = true;

    assertThatThrownBy(() -> runScript("Jenkinsfile")).hasMessageContaining("Aborted");

    assertThat(namespaces()).isEmpty();
  }

  @Test
  void anInvalidSpecFailsTheBuildNamingFileAndLine() throws Exception {
    Files.writeString(workspace.resolve("platform/broken.yaml"), """
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: broken
        spec:
          namespacs: []
        """);

    assertThatThrownBy(() -> runScript("Jenkinsfile"))
        .isInstanceOf(PipelineError.class)
        .hasMessageContaining("platformPlan:")
        .hasMessageContaining("broken.yaml:6")
        .hasMessageContaining("namespaces");
    assertJobStatusFailure();
  }

  private static java.util.function.Function<Object, Object> fn(java.util.function.Function<Object, Object> f) {
    return f;
  }

  @Test
  void aPlanThatWentStaleDuringApprovalIsRefusedAndWritesNothing() throws Exception {
    // someone else applies a changed spec of the same tenant while this plan waits for approval
    duringApproval = () -> {
      String changed = read("platform/tenant-payments.yaml").replace("requests.cpu: \"16\"", "requests.cpu: \"8\"");
      Where where = new Where("platform/", state.toString(), null, null);
      Pipelines.apply(Pipelines.plan(Map.of("tenant-payments.yaml", changed), where, null), null);
    };
    loadPlatformSteps();

    assertThatThrownBy(() -> runScript("planApproveApply.groovy"))
        .isInstanceOf(PipelineError.class)
        .hasMessageStartingWith("platformApply: ")
        .hasMessageContaining("plan again");
    assertJobStatusFailure();
    assertThat(quotaCpu()).isEqualTo("8"); // what the other run wrote, untouched
  }

  @Test
  void theSavedPlanSurvivesSerializationAndIsAppliedExactly() throws Exception {
    Where where = Where.of(Map.of("specs", "platform/", "state", state.toString()));
    SavedPlan saved = Pipelines.plan(Map.of("tenant-payments.yaml", read("platform/tenant-payments.yaml")), where, null);

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(saved);
    }
    SavedPlan restored;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      restored = (SavedPlan) in.readObject();
    }

    assertThat(restored).isEqualTo(saved);
    assertThat(restored.render()).isEqualTo(saved.render()).doesNotContain("token");
    Pipelines.apply(restored, null);
    assertThat(namespaces()).contains("payments-dev", "payments-stage");
    assertThat(Pipelines.plan(Map.of("tenant-payments.yaml", read("platform/tenant-payments.yaml")), where, null).isEmpty()).isTrue();
  }

  @Test
  void theCheckpointCheckIsLive() {
    // proves the CPS round trip runs at every step: without it, the tests above would prove nothing about it
    assertThatThrownBy(() -> runScript("holdsAnIterator.groovy"))
        .hasRootCauseInstanceOf(java.io.NotSerializableException.class);
  }

  @Test
  void plansAnUpgradeFromTheWorkspaceManifestsAndWritesTheReports() throws Exception {
    writeIngressV1beta1();
    loadPlatformSteps();

    runScript("upgradePlan.groovy");

    assertJobStatusSuccess();
    assertThat(log()).contains("blockers: 1");
    assertThat(Files.readString(workspace.resolve("upgrade-report.md"))).contains("k8s/ingress.yaml:2", "1.22");
    assertThat(Files.readString(workspace.resolve("upgrade-report.html"))).startsWith("<!DOCTYPE html>").contains("ingress.yaml");
  }

  @Test
  void blockersFailTheBuildWhenAsked() throws Exception {
    writeIngressV1beta1();
    loadPlatformSteps();
    ((Map<String, Object>) getBinding().getVariable("env")).put("FAIL_ON_BLOCKERS", "true");

    assertThatThrownBy(() -> runScript("upgradePlan.groovy"))
        .isInstanceOf(PipelineError.class)
        .hasMessage("platformUpgradePlan: 1 blocker(s); see upgrade-report.html");
    assertThat(workspace.resolve("upgrade-report.html")).exists();
  }

  private void writeIngressV1beta1() throws IOException {
    Files.createDirectories(workspace.resolve("k8s"));
    Files.writeString(workspace.resolve("k8s/ingress.yaml"), """
        ---
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata: {name: storefront, namespace: shop}
        spec: {}
        """);
  }

  @Test
  void unknownArgumentsAreNamed() {
    assertThatThrownBy(() -> Where.of(Map.of("specs", "x", "contxt", "prod")))
        .hasMessageContaining("contxt").hasMessageContaining("context");
    assertThatThrownBy(() -> Where.of(Map.of("state", "x"))).hasMessageContaining("specs: is required");
    assertThatThrownBy(() -> Where.of(Map.of("specs", "x", "context", "prod"))).hasMessageContaining("kubeconfig");
  }

  /** Makes the vars/ steps callable from scripts that do not load the library with @Library. */
  private void loadPlatformSteps() {
    for (String step : List.of("platformPlan", "platformApply", "platformUpgradePlan")) {
      getHelper().registerAllowedMethod(MethodSignature.method(step, Map.class),
          fn(args -> loadScript("vars/" + step + ".groovy").invokeMethod("call", new Object[] {args})));
    }
  }

  private String quotaCpu() {
    InMemoryStore kubernetes = InMemoryPlatform.restore(state.resolve("state.json")).kubernetes();
    return kubernetes.all().stream()
        .filter(r -> r.ref().kind().equals("ResourceQuota") && "payments-stage".equals(r.ref().namespace()))
        .map(r -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) r.body().get("spec")).get("hard")).get("requests.cpu")))
        .findFirst().orElseThrow();
  }

  private List<Object> find(String glob) {
    // Ant globs, as findFiles takes them: "**/" also matches no directory at all
    PathMatcher deep = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    PathMatcher flat = FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("**/", ""));
    PathMatcher matcher = p -> deep.matches(p) || flat.matches(p);
    try (Stream<Path> files = Files.walk(workspace)) {
      return files.filter(Files::isRegularFile)
          .map(workspace::relativize)
          .filter(matcher::matches)
          .sorted()
          .<Object>map(p -> new FoundFile(p.toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String file) {
    try {
      return Files.readString(workspace.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String log() {
    StringBuilder sb = new StringBuilder();
    for (MethodCall call : getHelper().getCallStack()) {
      if (call.getMethodName().equals("echo")) {
        sb.append(call.argsToString()).append('\n');
      }
    }
    return sb.toString();
  }

  private List<String> namespaces() {
    if (!Files.exists(state.resolve("state.json"))) {
      return List.of();
    }
    InMemoryStore kubernetes = InMemoryPlatform.restore(state.resolve("state.json")).kubernetes();
    return kubernetes.all().stream().map(r -> r.ref()).filter(r -> r.kind().equals("Namespace"))
        .map(ResourceRef::name).toList();
  }

  /** What findFiles returns: an object with a {@code path} property. */
  public static final class FoundFile implements java.io.Serializable {
    private final String path;

    FoundFile(String path) {
      this.path = path;
    }

    public String getPath() {
      return path;
    }
  }

  /** What the mocked {@code error} and a rejected {@code input} throw. */
  static final class PipelineError extends RuntimeException {
    PipelineError(String message) {
      super(message);
    }
  }
}
