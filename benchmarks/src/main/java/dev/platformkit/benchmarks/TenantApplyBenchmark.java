package dev.platformkit.benchmarks;

import dev.platformkit.Platform;
import dev.platformkit.k8s.KubernetesBackend;
import dev.platformkit.spi.Resource;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.InMemoryStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Applies N tenants of two namespaces each to the fabric8 mock API server, then applies them again
 * unchanged, with platformkit and with a naive per-object GET-then-create/update client, and prints the
 * HTTP requests, writes and wall time of each. Usage: {@code TenantApplyBenchmark [tenants]} (default 1000).
 *
 * <p>The mock server is an in-process stand-in whose lookups scan every stored object, so its wall times
 * grow faster than a real API server's would and say little about one; the request and write counts carry
 * over. Run with {@code mvn -pl benchmarks exec:java -Dexec.args=1000} once the other modules are built.
 */
public final class TenantApplyBenchmark {

  /**
   * One measured phase.
   *
   * @param client which client
   * @param phase first apply or re-apply
   * @param requests HTTP requests sent
   * @param writes requests other than GET
   * @param wallTime elapsed time
   */
  public record Measurement(String client, String phase, long requests, long writes, Duration wallTime) {}

  /** The name of platformkit's rows. */
  public static final String PLATFORMKIT = "platformkit";
  /** The name of the naive client's rows. */
  public static final String NAIVE = "naive GET + create/update";
  /** The first phase. */
  public static final String FIRST = "first apply";
  /** The second phase. */
  public static final String AGAIN = "re-apply";

  private TenantApplyBenchmark() {}

  /** Runs the benchmark and prints its table; the one argument is the number of tenants. */
  public static void main(String[] args) {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    run(tenants(20)); // warm-up, so that neither client pays for class loading and JIT in its numbers
    List<Tenant> specs = tenants(tenants);
    print(System.out, tenants, objects(specs).size(), run(specs));
  }

  /** {@code count} tenants {@code team-<i>}, each with two namespaces, a quota, network isolation and a group binding. */
  public static List<Tenant> tenants(int count) {
    List<Tenant> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(Tenant.builder().name("team-" + i)
          .addNamespaces(Namespace.of("team-" + i + "-dev"), Namespace.of("team-" + i + "-prod"))
          .putQuota("requests.cpu", "8").putQuota("pods", "100")
          .addMembers(Member.builder().kind(MemberKind.Group).name("team-" + i + "-devs").role(Role.EDIT).build())
          .build());
    }
    return out;
  }

  /** Both clients, each on a fresh mock server: first apply, then re-apply unchanged. */
  public static List<Measurement> run(List<Tenant> tenants) {
    List<Measurement> out = new ArrayList<>();
    try (MockApi api = new MockApi()) {
      Platform platform = Platform.builder().kubernetes(KubernetesBackend.create(api.client())).build();
      out.add(api.measure(PLATFORMKIT, FIRST, () -> platform.tenants().apply(tenants)));
      out.add(api.measure(PLATFORMKIT, AGAIN, () -> platform.tenants().apply(tenants)));
    }
    List<Resource> objects = objects(tenants);
    try (MockApi api = new MockApi()) {
      NaiveClient naive = new NaiveClient(api.client());
      out.add(api.measure(NAIVE, FIRST, () -> naive.apply(objects)));
      out.add(api.measure(NAIVE, AGAIN, () -> naive.apply(objects)));
    }
    return out;
  }

  // exactly the objects platformkit writes, rendered by applying the tenants to the in-memory backend;
  // namespaces first, as a real API server needs them before what goes in them
  static List<Resource> objects(List<Tenant> tenants) {
    InMemoryStore store = InMemoryStore.kubernetes();
    Platform.builder().kubernetes(store).build().tenants().apply(tenants);
    return store.all().stream().map(r -> r.withVersion(null))
        .sorted(Comparator.comparing((Resource r) -> !r.ref().kind().equals("Namespace"))).toList();
  }

  static void print(PrintStream out, int tenants, int objects, List<Measurement> rows) {
    out.printf(Locale.ROOT, "Tenant apply: %d tenants x 2 namespaces = %d objects, fabric8 mock API server (CRUD mode)%n%n",
        tenants, objects);
    out.printf(Locale.ROOT, "%-27s %-12s %10s %8s %11s%n", "client", "phase", "requests", "writes", "wall time");
    for (Measurement m : rows) {
      out.printf(Locale.ROOT, "%-27s %-12s %10d %8d %9.2f s%n", m.client(), m.phase(), m.requests(), m.writes(),
          m.wallTime().toNanos() / 1e9);
    }
  }
}
