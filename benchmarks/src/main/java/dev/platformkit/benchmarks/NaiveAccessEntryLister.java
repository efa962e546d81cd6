package dev.platformkit.benchmarks;

import dev.platformkit.Ownership;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.ListAccessEntriesResponse;
import software.amazon.awssdk.services.eks.model.ListAssociatedAccessPoliciesResponse;

/**
 * The reference for comparison, and how platformkit listed access entries before: list every entry of
 * the cluster, describe each one for its tags, and list the associations of the owned ones. One describe
 * per entry in the cluster, owned or not.
 */
final class NaiveAccessEntryLister {
  private final EksClient eks;
  private final String cluster;

  NaiveAccessEntryLister(EksClient eks, String cluster) {
    this.eks = eks;
    this.cluster = cluster;
  }

  /** The principals of the entries platformkit manages, read with their associations. */
  List<String> owned() {
    List<String> principals = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      ListAccessEntriesResponse response = eks.listAccessEntries(r -> r.clusterName(cluster).maxResults(100).nextToken(page));
      principals.addAll(response.accessEntries());
      token = response.nextToken();
    } while (token != null);
    List<String> owned = new ArrayList<>();
    for (String principal : principals) {
      AccessEntry entry = eks.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principal)).accessEntry();
      if (!Ownership.MANAGED_BY_VALUE.equals(entry.tags().get(Ownership.MANAGED_BY_TAG))) {
        continue;
      }
      if ("STANDARD".equals(entry.type())) {
        String policies = null;
        do {
          String page = policies;
          ListAssociatedAccessPoliciesResponse response = eks.listAssociatedAccessPolicies(
              r -> r.clusterName(cluster).principalArn(principal).maxResults(100).nextToken(page));
          policies = response.nextToken();
        } while (policies != null);
      }
      owned.add(principal);
    }
    return owned;
  }
}
