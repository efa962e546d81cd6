package dev.platformkit.testkit.assertions;

import dev.platformkit.Ownership;
import dev.platformkit.spi.Resource;
import dev.platformkit.testkit.InMemoryPlatform;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what one site owns in an {@link InMemoryPlatform}: its Argo CD Applications, its Route53
 * records and its certificate, found by the owner mark {@code site.<name>} (label or tag).
 */
public class SiteAssert extends AbstractAssert<SiteAssert, InMemoryPlatform> {
  private final String name;

  /** Assertions on the site {@code name}; see {@link InMemoryPlatformAssert#site(String)}. */
  protected SiteAssert(InMemoryPlatform actual, String name) {
    super(actual, SiteAssert.class);
    this.name = name;
  }

  /** Checks that the site's Argo CD Applications are exactly these (by name, any order). */
  public SiteAssert hasApplications(String... names) {
    TreeSet<String> found = owned("Application").stream().map(r -> r.ref().name()).collect(Collectors.toCollection(TreeSet::new));
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(names));
    if (!found.equals(expected)) {
      failWithMessage("Expecting site %s to have the Applications %s, but it has %s", name, expected, found);
    }
    return this;
  }

  /** Checks that the site owns a DNS record {@code recordName} of {@code type} ({@code A}, {@code AAAA}, {@code CNAME}). */
  public SiteAssert hasDnsRecord(String recordName, String type) {
    List<Resource> records = owned("DnsRecord");
    boolean found = records.stream().anyMatch(r -> recordName.equals(r.body().get("name")) && type.equals(r.body().get("type")));
    if (!found) {
      failWithMessage("Expecting site %s to own the DNS record %s %s, but it owns: %s", name, recordName, type, describe(records));
    }
    return this;
  }

  /** Checks that the site owns an issued certificate for exactly these host names (any order). */
  public SiteAssert hasIssuedCertificateFor(String... hosts) {
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(hosts));
    List<Resource> certificates = owned("Certificate");
    boolean found = certificates.stream().anyMatch(r -> expected.equals(new TreeSet<>(names(r.body().get("subjectAlternativeNames"))))
        && r.body().get("status") instanceof Map<?, ?> status && "ISSUED".equals(status.get("state")));
    if (!found) {
      failWithMessage("Expecting site %s to own an issued certificate for %s, but it owns: %s", name, expected,
          certificates.stream().map(r -> r.body().get("subjectAlternativeNames") + " "
              + (r.body().get("status") instanceof Map<?, ?> s ? s.get("state") : "no status")).toList());
    }
    return this;
  }

  /** Checks that nothing owned by the site is left (after deleting or expiring it). */
  public SiteAssert isGone() {
    isNotNull();
    List<Resource> left = InMemoryPlatformAssert.objectsOf(actual).stream().filter(this::ownedBySite).toList();
    if (!left.isEmpty()) {
      failWithMessage("Expecting nothing owned by site %s to be left, but found: %s", name,
          left.stream().map(r -> r.ref().toString()).toList());
    }
    return this;
  }

  private List<Resource> owned(String kind) {
    isNotNull();
    return InMemoryPlatformAssert.objectsOf(actual).stream()
        .filter(r -> r.ref().kind().equals(kind) && ownedBySite(r)).toList();
  }

  private boolean ownedBySite(Resource r) {
    String owner = "site." + name;
    return owner.equals(r.labels().get(Ownership.OWNER_LABEL)) || owner.equals(r.labels().get(Ownership.OWNER_TAG));
  }

  private static List<String> names(Object list) {
    return list instanceof List<?> l ? l.stream().map(Objects::toString).toList() : List.of();
  }

  private static String describe(List<Resource> records) {
    return records.isEmpty() ? "none"
        : records.stream().map(r -> r.body().get("name") + " " + r.body().get("type")).sorted().collect(Collectors.joining(", "));
  }
}
