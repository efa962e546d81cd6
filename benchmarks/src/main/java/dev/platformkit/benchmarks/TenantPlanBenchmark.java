package dev.platformkit.benchmarks;

import dev.platformkit.Plan;
import dev.platformkit.testkit.ForwardingStore;
import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.k8s.KubernetesBackend;
import dev.platformkit.spec.SpecWriter;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.tenant.ContainerLimits;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.NetworkIsolation;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.InMemoryStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The client's share of planning many tenants against a real API server: {@code platform.tenants().plan}
 * of N tenants (18 objects each) through {@link KubernetesBackend} and the fabric8 client, against a local
 * HTTP server that answers the list requests with pre-rendered bodies shaped like a kube-apiserver v1.28's
 * ({@link ServedObjects}: managedFields, defaults, status), so that the server's own cost stays out of
 * the figure. Each plan is split into the list calls (HTTP and decoding) and the rest (diff and plan);
 * the median of several warm plans is reported, once with the backend's decoding and once with fabric8's
 * typed decoding into {@code GenericKubernetesResource}s (how lists were decoded before), side by side.
 *
 * <p>Usage: {@code TenantPlanBenchmark [tenants] [iterations]} (default 200 tenants, 15 plans), or
 * {@code TenantPlanBenchmark serve [tenants] DIR}: serve the lists of N tenants until killed, with
 * {@code DIR/kubeconfig} pointing at the server and the tenants' specs in {@code DIR/specs}, for timing
 * the CLI end to end ({@code ./platform plan --kubeconfig DIR/kubeconfig DIR/specs}).
 */
public final class TenantPlanBenchmark {

  /**
   * The median of the measured plans with one decoding of lists.
   *
   * @param decoding which decoding of list answers
   * @param requests HTTP requests per plan
   * @param objectsDecoded objects the list calls returned per plan
   * @param changes changes in the plan (0: the cluster holds what the specs say)
   * @param plan median wall time of the whole plan
   * @param lists median time spent in list calls (HTTP and decoding)
   */
  public record Measurement(String decoding, long requests, long objectsDecoded, int changes, Duration plan,
      Duration lists) {

    /** The rest of the plan: rendering, diffing, ordering. */
    public Duration engine() {
      return plan.minus(lists);
    }
  }

  /** The rows' names. */
  public static final String BACKEND = "KubernetesBackend";
  /** The row of the decoding used before: fabric8 GenericKubernetesResource objects. */
  public static final String TYPED = "fabric8 GenericKubernetesResource (before)";

  private TenantPlanBenchmark() {}

  /** Runs the benchmark and prints its table, or serves the lists (see the class comment). */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("serve")) {
      serve(args.length > 2 ? Integer.parseInt(args[1]) : 200, Path.of(args[args.length - 1]));
      return;
    }
    if (args.length > 0 && args[0].equals("cold")) {
      cold(args.length > 1 ? Integer.parseInt(args[1]) : 200, args.length > 2 && args[2].equals("typed"));
      return;
    }
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    List<Tenant> tenants = tenants(count);
    List<Resource> written = written(tenants);
    try (RecordedApi api = new RecordedApi(written)) {
      List<Measurement> rows = run(api, tenants, iterations);
      print(System.out, count, api.objectCount(), api.listBytes(), iterations, rows);
    }
  }

  /**
   * {@code count} tenants {@code team-<i>} of 18 objects each: two namespaces, each with a quota, default
   * container limits, four network policies (isolation and ingress from {@code ingress-nginx}) and two
   * role bindings (a group of editors, a user who views).
   */
  public static List<Tenant> tenants(int count) {
    List<Tenant> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = "team-" + i;
      out.add(Tenant.builder().name(name)
          .putLabels("cost-center", "cc-" + (1000 + i))
          .addNamespaces(Namespace.of(name + "-dev"), Namespace.of(name + "-prod"))
          .putQuota("requests.cpu", "8").putQuota("limits.memory", "32Gi").putQuota("pods", "100")
          .limits(ContainerLimits.builder().putDefaultRequest("cpu", "100m").putDefaultRequest("memory", "128Mi")
              .putDefaultLimit("memory", "512Mi").build())
          .network(NetworkIsolation.builder().addAllowFrom("ingress-nginx").build())
          .addMembers(Member.builder().kind(MemberKind.Group).name(name + "-devs").role(Role.EDIT).build(),
              Member.builder().kind(MemberKind.User).name(name + "-lead@example.com").role(Role.VIEW).build())
          .build());
    }
    return out;
  }

  /** Exactly what platformkit writes for {@code tenants} (record annotations included), by applying them in memory. */
  static List<Resource> written(List<Tenant> tenants) {
    InMemoryStore store = InMemoryStore.kubernetes();
    Platform.builder().kubernetes(store).build().tenants().apply(tenants);
    return store.all().stream().sorted(Comparator.comparing(Resource::ref)).toList();
  }

  /** Both decodings against {@code api}: a few warm-up plans each, then the median of {@code iterations}. */
  public static List<Measurement> run(List<Tenant> tenants, int iterations) {
    try (RecordedApi api = new RecordedApi(written(tenants))) {
      return run(api, tenants, iterations);
    }
  }

  // the two decodings take turns, plan by plan, so that JIT warm-up and the machine's load weigh on both alike
  static List<Measurement> run(RecordedApi api, List<Tenant> tenants, int iterations) {
    try (KubernetesClient client = api.client()) {
      KubernetesBackend backend = KubernetesBackend.create(client);
      List<Row> rows = List.of(new Row(TYPED, new TypedLists(backend, client)), new Row(BACKEND, backend));
      for (int i = 0; i < Math.max(3, iterations / 2); i++) {
        rows.forEach(r -> r.platform.tenants().plan(tenants)); // warm-up: class loading and JIT out of the figures
      }
      for (int i = 0; i < iterations; i++) {
        rows.forEach(r -> r.measure(api, tenants));
      }
      return rows.stream().map(r -> new Measurement(r.decoding, r.requests, r.decoded, r.changes, median(r.plans),
          median(r.lists))).toList();
    }
  }

  // the plans measured with one decoding
  private static final class Row {
    final String decoding;
    final Timed timed;
    final Platform platform;
    final List<Duration> plans = new ArrayList<>();
    final List<Duration> lists = new ArrayList<>();
    long requests;
    long decoded;
    int changes;

    Row(String decoding, ResourceStore store) {
      this.decoding = decoding;
      this.timed = new Timed(store);
      this.platform = Platform.builder().kubernetes(timed).build();
    }

    void measure(RecordedApi api, List<Tenant> tenants) {
      timed.reset();
      long before = api.requests();
      long start = System.nanoTime();
      Plan plan = platform.tenants().plan(tenants);
      plans.add(Duration.ofNanos(System.nanoTime() - start));
      lists.add(Duration.ofNanos(timed.listNanos));
      requests = api.requests() - before;
      decoded = timed.decoded;
      changes = plan.changes().size();
    }
  }

  private static Duration median(List<Duration> values) {
    List<Duration> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  static void print(PrintStream out, int tenants, int objects, long listBytes, int iterations, List<Measurement> rows) {
    out.printf(Locale.ROOT, "Tenant plan: %d tenants = %d objects, lists pre-rendered as a v1.28 API server answers"
        + " them (%.1f MB of JSON), served from a local HTTP server; median of %d warm plans%n%n",
        tenants, objects, listBytes / 1e6, iterations);
    out.printf(Locale.ROOT, "%-44s %8s %8s %8s %10s %16s %13s%n", "list decoding", "requests", "objects", "changes",
        "plan", "lists (HTTP+dec)", "diff/plan");
    for (Measurement m : rows) {
      out.printf(Locale.ROOT, "%-44s %8d %8d %8d %8.3f s %14.3f s %11.3f s%n", m.decoding(), m.requests(),
          m.objectsDecoded(), m.changes(), seconds(m.plan()), seconds(m.lists()), seconds(m.engine()));
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /**
   * The first plan in a fresh JVM, as the CLI makes it: wall time, CPU time of the whole process (JIT
   * compiler threads and GC included; steadier than wall time on a busy machine) and time in list calls.
   */
  static void cold(int count, boolean typed) {
    List<Tenant> tenants = tenants(count);
    try (RecordedApi api = new RecordedApi(written(tenants)); KubernetesClient client = api.client()) {
      KubernetesBackend backend = KubernetesBackend.create(client);
      Timed timed = new Timed(typed ? new TypedLists(backend, client) : backend);
      Platform platform = Platform.builder().kubernetes(timed).build();
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      Plan plan = platform.tenants().plan(tenants);
      long wall = System.nanoTime() - start;
      cpu = os.getProcessCpuTime() - cpu;
      System.out.printf(Locale.ROOT, "first plan of %d objects (%s): wall %.3f s, process CPU %.3f s, lists %.3f s,"
          + " %d changes%n", timed.decoded, typed ? TYPED : BACKEND, wall / 1e9, cpu / 1e9, timed.listNanos / 1e9,
          plan.changes().size());
    }
  }

  /** Serves the lists of {@code count} tenants and writes {@code dir/kubeconfig} and {@code dir/specs/*.yaml}. */
  static void serve(int count, Path dir) throws IOException, InterruptedException {
    List<Tenant> tenants = tenants(count);
    Path specs = writeSpecs(tenants, dir.resolve("specs"));
    RecordedApi api = new RecordedApi(written(tenants));
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), api.kubeconfig());
    System.out.printf(Locale.ROOT, "serving %d objects (%.1f MB of lists) at %s%n  ./platform plan --kubeconfig %s %s%n",
        api.objectCount(), api.listBytes() / 1e6, api.url(), kubeconfig, specs);
    new CountDownLatch(1).await(); // until killed
  }

  /** One spec file per tenant. */
  static Path writeSpecs(List<Tenant> tenants, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Tenant t : tenants) {
      Files.writeString(dir.resolve(t.name() + ".yaml"), SpecWriter.yaml().write(t));
    }
    return dir;
  }

  /** Times the list calls of a store and counts the objects they return. */
  private static final class Timed extends ForwardingStore {
    long listNanos;
    long decoded;

    Timed(ResourceStore delegate) {
      super(delegate);
    }

    void reset() {
      listNanos = 0;
      decoded = 0;
    }

    @Override
    public List<Resource> list(Kind kind, Map<String, String> selector) {
      long start = System.nanoTime();
      List<Resource> out = super.list(kind, selector);
      listNanos += System.nanoTime() - start;
      decoded += out.size();
      return out;
    }
  }

  /**
   * The backend with lists decoded as they were before: fabric8 builds a {@link GenericKubernetesResource}
   * of every item (managedFields, status and all), and the owned fields are taken from it.
   */
  private static final class TypedLists extends ForwardingStore {
    private final KubernetesClient client;

    TypedLists(ResourceStore delegate, KubernetesClient client) {
      super(delegate);
      this.client = client;
    }

    @Override
    public List<Resource> list(Kind kind, Map<String, String> selector) {
      if (kind.apiVersion() == null) {
        return super.list(kind, selector); // aws-auth: one GET, decoded the same way in both rows
      }
      int slash = kind.apiVersion().indexOf('/');
      var op = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
          .withGroup(slash < 0 ? "" : kind.apiVersion().substring(0, slash))
          .withVersion(kind.apiVersion().substring(slash + 1))
          .withKind(kind.name()).withPlural(kind.plural()).withNamespaced(kind.namespaced()).build());
      GenericKubernetesResourceList list = kind.namespaced() ? op.inAnyNamespace().withLabels(selector).list()
          : op.withLabels(selector).list();
      List<Resource> out = new ArrayList<>();
      for (GenericKubernetesResource item : list.getItems()) {
        ObjectMeta meta = item.getMetadata();
        if (meta.getDeletionTimestamp() != null) {
          continue;
        }
        ResourceRef ref = kind.namespaced() ? ResourceRef.kubernetes(kind.name(), meta.getNamespace(), meta.getName())
            : ResourceRef.kubernetes(kind.name(), meta.getName());
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : kind.fields()) {
          Object value = item.getAdditionalProperties().get(field);
          if (value != null) {
            body.put(field, value);
          }
        }
        out.add(new Resource(ref, orEmpty(meta.getLabels()), orEmpty(meta.getAnnotations()), body,
            meta.getResourceVersion()));
      }
      return out;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
      return map == null ? Map.of() : map;
    }
  }
}
