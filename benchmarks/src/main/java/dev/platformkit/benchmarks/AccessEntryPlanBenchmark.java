package dev.platformkit.benchmarks;

import static dev.platformkit.testkit.aws.FakeEksClient.DESCRIBE_ACCESS_ENTRY;
import static dev.platformkit.testkit.aws.FakeEksClient.DESCRIBE_CLUSTER;
import static dev.platformkit.testkit.aws.FakeEksClient.LIST_ACCESS_ENTRIES;
import static dev.platformkit.testkit.aws.FakeEksClient.LIST_ASSOCIATED_ACCESS_POLICIES;

import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.aws.AwsBackend;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.aws.FakeEksClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the EKS calls of a steady-state plan of N tenants, each with one IAM role member (so one access
 * entry each), in a cluster that also holds M node-role access entries platformkit does not own: with
 * platformkit, and with the reference that describes every entry of the cluster (how platformkit listed
 * entries before; {@link NaiveAccessEntryLister}), side by side in one run. Usage:
 * {@code AccessEntryPlanBenchmark [foreign [tenants...]]} (default: 200 foreign, 50 and 500 tenants).
 *
 * <p>The cluster is the testkit's in-memory EKS fake, so only the call counts carry over to a real
 * cluster (EKS answers each in tens of milliseconds and throttles bursts); wall times would not. Each
 * platformkit plan uses a new backend, as each run of the CLI does, so it pays the one
 * {@code DescribeCluster} that the backend then caches. Run with
 * {@code mvn -pl benchmarks exec:java -Dbenchmark=AccessEntryPlanBenchmark -Dexec.args="200 50 500"}
 * once the other modules are built.
 */
public final class AccessEntryPlanBenchmark {

  /**
   * The EKS calls of one steady-state plan.
   *
   * @param client which client
   * @param tenants tenants (owned entries)
   * @param foreign node-role entries in the cluster
   * @param calls calls by EKS operation
   * @param changes changes the plan holds (zero in steady state; -1 for the reference, which plans nothing)
   */
  public record Measurement(String client, int tenants, int foreign, Map<String, Integer> calls, int changes) {

    /** Calls of one operation. */
    public int calls(String operation) {
      return calls.getOrDefault(operation, 0);
    }

    /** All calls. */
    public int total() {
      return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** The name of platformkit's rows. */
  public static final String PLATFORMKIT = "platformkit";
  /** The name of the reference rows. */
  public static final String DESCRIBE_ALL = "describe every entry";

  private static final String CLUSTER = "prod";

  private AccessEntryPlanBenchmark() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) {
    int foreign = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(50, 500);
    }
    List<Measurement> rows = new ArrayList<>();
    for (int tenants : sizes) {
      rows.addAll(run(tenants, foreign));
    }
    print(System.out, rows);
  }

  /** {@code count} tenants {@code team-<i>}, each with one IAM role member, roles taking turns. */
  public static List<Tenant> tenants(int count) {
    List<Tenant> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(Tenant.builder().name("team-" + i)
          .addMembers(Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/team-" + i)
              .role(Role.values()[i % Role.values().length]).build())
          .build());
    }
    return out;
  }

  /**
   * Applies {@code tenants} tenants to a fresh fake cluster holding {@code foreign} node-role entries, then
   * measures one steady-state plan with each client.
   */
  public static List<Measurement> run(int tenants, int foreign) {
    FakeClock clock = FakeClock.standard();
    FakeEksClient eks = new FakeEksClient(clock).addCluster(CLUSTER);
    for (int i = 0; i < foreign; i++) {
      String node = "arn:aws:iam::123456789012:role/node-group-" + i;
      eks.createAccessEntry(r -> r.clusterName(CLUSTER).principalArn(node).type("EC2_LINUX"));
    }
    List<Tenant> specs = tenants(tenants);
    InMemoryStore kubernetes = InMemoryStore.kubernetes();
    platform(kubernetes, eks, clock).tenants().apply(specs);

    List<Measurement> out = new ArrayList<>();
    eks.resetCalls();
    int owned = new NaiveAccessEntryLister(eks, CLUSTER).owned().size();
    if (owned != tenants) {
      throw new IllegalStateException("the reference found " + owned + " owned entries, not " + tenants);
    }
    out.add(new Measurement(DESCRIBE_ALL, tenants, foreign, eks.callCounts(), -1));

    eks.resetCalls();
    Plan plan = platform(kubernetes, eks, clock).tenants().plan(specs);
    out.add(new Measurement(PLATFORMKIT, tenants, foreign, eks.callCounts(), plan.changes().size()));
    return out;
  }

  private static Platform platform(InMemoryStore kubernetes, FakeEksClient eks, FakeClock clock) {
    return Platform.builder()
        .kubernetes(kubernetes)
        .aws(AwsBackend.builder().eks(eks).clusterName(CLUSTER).build())
        .clock(clock).sleeper(clock.sleeper())
        .build();
  }

  static void print(PrintStream out, List<Measurement> rows) {
    out.printf(Locale.ROOT, "Access entries, steady-state plan: EKS calls (one IAM role entry per tenant; foreign ="
        + " node-role entries)%n%n");
    out.printf(Locale.ROOT, "%7s %7s  %-20s %8s %8s %8s %8s %7s%n", "tenants", "foreign", "client",
        "Cluster", "List", "Describe", "Policies", "total");
    for (Measurement m : rows) {
      out.printf(Locale.ROOT, "%7d %7d  %-20s %8d %8d %8d %8d %7d%n", m.tenants(), m.foreign(), m.client(),
          m.calls(DESCRIBE_CLUSTER), m.calls(LIST_ACCESS_ENTRIES), m.calls(DESCRIBE_ACCESS_ENTRY),
          m.calls(LIST_ASSOCIATED_ACCESS_POLICIES), m.total());
    }
    out.printf(Locale.ROOT, "%nCluster = DescribeCluster, List = ListAccessEntries, Describe = DescribeAccessEntry,"
        + " Policies = ListAssociatedAccessPolicies%n");
  }
}
