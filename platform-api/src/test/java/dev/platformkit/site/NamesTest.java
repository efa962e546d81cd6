package dev.platformkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamesTest {

  private static final Pattern ALB = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern ALB_GROUP = Pattern.compile("([a-z0-9][-a-z0-9.]*)?[a-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  @Test
  void namesThatFitComeBackUnchanged() {
    assertThat(Names.loadBalancer("shop")).isEqualTo("shop");
    assertThat(Names.loadBalancer("preview", "jdoe", "checkout")).isEqualTo("preview-jdoe-checkout");
    assertThat(Names.loadBalancer("Shop-Prod")).as("only lower-cased").isEqualTo("shop-prod");
    assertThat(Names.targetGroup("a".repeat(32))).isEqualTo("a".repeat(32));
    assertThat(Names.labelValue("Release_2026.03")).isEqualTo("Release_2026.03");
    assertThat(Names.application("shop", "", "prod")).as("empty parts are left out").isEqualTo("shop-prod");
    assertThat(Names.dnsLabel(Site.MAX_NAME_LENGTH, "preview", "jdoe", "checkout")).isEqualTo("preview-jdoe-checkout");
  }

  @Test
  void longNamesAreCutAndEndInAStableHash() {
    String branch = "feature/checkout-redesign-with-the-new-cart";

    String alb = Names.loadBalancer("preview", "jdoe", branch);

    // sha256("preview-jdoe-feature/checkout-redesign-with-the-new-cart") starts with 5b19e5b4
    assertThat(alb).isEqualTo("preview-jdoe-feature-ch-5b19e5b4").hasSize(32);
    assertThat(Names.loadBalancer("preview", "jdoe", branch)).isEqualTo(alb);
    assertThat(Names.loadBalancer("preview-jdoe-feature/checkout-redesign")).as("the example in the Javadoc").isEqualTo("preview-jdoe-feature-ch-cebf791e");
    assertThat(Names.labelValue("preview", "jdoe", branch)).isEqualTo("preview-jdoe-feature-checkout-redesign-with-the-new-ca-5b19e5b4").hasSize(63);
    assertThat(Names.dnsLabel(Site.MAX_NAME_LENGTH, "preview", "jdoe", branch)).hasSizeLessThanOrEqualTo(58).endsWith("-5b19e5b4");
  }

  @Test
  void replacedCharactersAlsoGetAHashSoThatNamesStayDistinct() {
    assertThat(Names.loadBalancer("feature/x")).matches("feature-x-[0-9a-f]{8}");
    assertThat(Names.loadBalancer("feature-x")).isEqualTo("feature-x");
    assertThat(Names.loadBalancer("feature_x")).isNotEqualTo(Names.loadBalancer("feature/x"));
    assertThat(Names.labelValue("feature_x")).isEqualTo("feature_x");
    assertThat(Names.labelValue("feature/x")).matches("feature-x-[0-9a-f]{8}");
  }

  @Test
  void theInternalPrefixIsNeverUsedForAnAlb() {
    assertThat(Names.loadBalancer("internal", "tools")).matches("int-tools-[0-9a-f]{8}");
    assertThat(Names.loadBalancer("internal-tools")).isEqualTo(Names.loadBalancer("internal", "tools"));
    assertThat(Names.targetGroup("internal-tools")).isEqualTo("internal-tools");
  }

  @Test
  void nothingUsableLeavesAPrefixAndTheHash() {
    assertThat(Names.loadBalancer("///")).isEqualTo("site-732c4e97");
    assertThat(Names.application("_ü_")).matches("site-[0-9a-f]{8}");
    assertThat(Names.labelValue("...")).matches("site-[0-9a-f]{8}");
    assertThat(Names.albGroup("-.-")).matches("site-[0-9a-f]{8}");
  }

  @Test
  void distinctInputsGiveDistinctValidNames() {
    Random random = new Random(42);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_./ äé";
    Set<String> inputs = new HashSet<>();
    Set<String> albs = new HashSet<>();
    Set<String> labels = new HashSet<>();
    Set<String> apps = new HashSet<>();
    while (inputs.size() < 10_000) {
      StringBuilder branch = new StringBuilder();
      int length = 1 + random.nextInt(80);
      for (int i = 0; i < length; i++) {
        branch.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      // a shared prefix as previews of one tenant have: only the part past the cut differs
      String input = "preview-payments-" + branch.toString().toLowerCase(Locale.ROOT);
      if (!inputs.add(input)) {
        continue;
      }
      String alb = Names.loadBalancer(input);
      String label = Names.labelValue(input);
      String app = Names.application(input);
      assertThat(alb).as(input).hasSizeLessThanOrEqualTo(32).matches(ALB).doesNotStartWith("internal-");
      assertThat(label).as(input).hasSizeLessThanOrEqualTo(63).matches(LABEL_VALUE);
      assertThat(app).as(input).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
      albs.add(alb);
      labels.add(label);
      apps.add(app);
    }
    assertThat(albs).hasSameSizeAs(inputs);
    assertThat(labels).hasSameSizeAs(inputs);
    assertThat(apps).hasSameSizeAs(inputs);
  }

  @Test
  void badArguments() {
    assertThatThrownBy(() -> Names.loadBalancer()).hasMessage("a name needs at least one non-empty part");
    assertThatThrownBy(() -> Names.labelValue("", "")).hasMessage("a name needs at least one non-empty part");
    assertThatThrownBy(() -> Names.application("a", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Names.dnsLabel(64, "a")).hasMessage("a DNS label budget must be between 13 and 63, not 64");
    assertThatThrownBy(() -> Names.dnsLabel(12, "a")).hasMessage("a DNS label budget must be between 13 and 63, not 12");
    assertThat(Names.dnsLabel(13, "ab".repeat(10))).matches("abab-[0-9a-f]{8}");
    assertThat(Names.dnsLabel(13, "한글")).as("the smallest budget still holds the fallback").matches("site-[0-9a-f]{8}");
    assertThatThrownBy(() -> Names.branchSlug(14, "a")).hasMessage("a branch slug budget must be between 15 and 63, not 14");
    assertThatThrownBy(() -> Names.branchSlug("")).hasMessage("branch is empty");
    assertThatThrownBy(() -> Names.branchSlug(null)).isInstanceOf(NullPointerException.class).hasMessage("branch");
    assertThatThrownBy(() -> Names.dnsName("Shop_Example.com", "a")).hasMessageStartingWith("domain \"Shop_Example.com\" is not a DNS name");
    assertThatThrownBy(() -> Names.dnsName("shop.example.com.", "a")).hasMessageStartingWith("domain \"shop.example.com.\" is not a DNS name");
    assertThatThrownBy(() -> Names.dnsName(domainOfLength(240), "a"))
        .hasMessage("domain \"" + domainOfLength(240) + "\" is 240 characters long and leaves room for a label of 12, less than 13");
    assertThatThrownBy(() -> Names.dnsName(null, "a")).isInstanceOf(NullPointerException.class).hasMessage("domain");
  }

  @Test
  void everyBudgetAtItsBoundary() {
    String a32 = "a".repeat(32);
    String a63 = "a".repeat(63);
    assertThat(Names.loadBalancer(a32)).isEqualTo(a32);
    assertThat(Names.loadBalancer(a32 + "a")).hasSize(32).matches("a{23}-[0-9a-f]{8}");
    assertThat(Names.targetGroup(a32)).isEqualTo(a32);
    assertThat(Names.targetGroup(a32 + "a")).hasSize(32).matches("a{23}-[0-9a-f]{8}");
    assertThat(Names.albGroup(a63)).isEqualTo(a63);
    assertThat(Names.albGroup(a63 + "a")).hasSize(63).matches("a{54}-[0-9a-f]{8}");
    assertThat(Names.labelValue(a63)).isEqualTo(a63);
    assertThat(Names.labelValue(a63 + "a")).hasSize(63).matches("a{54}-[0-9a-f]{8}");
    assertThat(Names.application(a63)).isEqualTo(a63);
    assertThat(Names.application(a63 + "a")).hasSize(63).matches("a{54}-[0-9a-f]{8}");
    assertThat(Names.helmRelease("a".repeat(53))).isEqualTo("a".repeat(53));
    assertThat(Names.helmRelease("a".repeat(54))).hasSize(53).matches("a{44}-[0-9a-f]{8}");
    assertThat(Names.helmRelease("shop", "web")).isEqualTo(Names.application("shop", "web")).isEqualTo("shop-web");
    assertThat(Names.dnsLabel(63, a63)).isEqualTo(a63);
    assertThat(Names.dnsLabel(63, a63 + "a")).hasSize(63);
    assertThat(Names.dnsLabel(Site.MAX_NAME_LENGTH, "a".repeat(58))).isEqualTo("a".repeat(58));
    assertThat(Names.dnsLabel(Site.MAX_NAME_LENGTH, "a".repeat(59))).hasSize(58).matches("a{49}-[0-9a-f]{8}");
    assertThat(Names.branchSlug(a63)).isEqualTo(a63);
    assertThat(Names.branchSlug(a63 + "a")).hasSize(63).matches("a{54}-[0-9a-f]{8}");
    assertThat(Names.branchSlug(20, "a".repeat(20))).isEqualTo("a".repeat(20));
    assertThat(Names.branchSlug(20, "a".repeat(21))).hasSize(20).matches("a{11}-[0-9a-f]{8}");

    // a domain that leaves exactly 63 for the label, then one that leaves 62
    String room63 = domainOfLength(Names.DNS_NAME_MAX - 1 - 63);
    assertThat(Names.dnsName(room63, a63)).isEqualTo(a63 + "." + room63).hasSize(253);
    assertThat(Names.dnsName(room63, a63 + "a")).hasSize(253).matches("a{54}-[0-9a-f]{8}\\..*");
    String room62 = domainOfLength(Names.DNS_NAME_MAX - 1 - 62);
    assertThat(Names.dnsName(room62, "a".repeat(62))).isEqualTo("a".repeat(62) + "." + room62).hasSize(253);
    assertThat(Names.dnsName(room62, a63)).hasSize(253).matches("a{53}-[0-9a-f]{8}\\..*");
    String room13 = domainOfLength(Names.DNS_NAME_MAX - 1 - 13);
    assertThat(Names.dnsName(room13, "shop")).isEqualTo("shop." + room13);
    assertThat(Names.dnsName(room13, "shop-example1")).isEqualTo("shop-example1." + room13).hasSize(253);
    assertThat(Names.dnsName(room13, "shop-example12")).hasSize(253).matches("shop-[0-9a-f]{8}\\..*");
  }

  @Test
  void theCheckersApplyTheSameBudgets() {
    assertThat(Names.isLoadBalancerName("a".repeat(32))).isTrue();
    assertThat(Names.isLoadBalancerName("a".repeat(33))).isFalse();
    assertThat(Names.isLoadBalancerName("Shop-Prod")).as("AWS accepts upper case").isTrue();
    assertThat(Names.isLoadBalancerName("internal-tools")).isFalse();
    assertThat(Names.isLoadBalancerName("Internal-tools")).isFalse();
    assertThat(Names.isLoadBalancerName("-shop")).isFalse();
    assertThat(Names.isLoadBalancerName("shop-")).isFalse();
    assertThat(Names.isLoadBalancerName("shop.prod")).isFalse();
    assertThat(Names.isLoadBalancerName("")).isFalse();
    assertThat(Names.isLoadBalancerName(null)).isFalse();

    assertThat(Names.isAlbGroupName("a".repeat(63))).isTrue();
    assertThat(Names.isAlbGroupName("a".repeat(64))).isFalse();
    assertThat(Names.isAlbGroupName("a")).isTrue();
    assertThat(Names.isAlbGroupName("shop.public-1")).isTrue();
    assertThat(Names.isAlbGroupName("a..b")).isTrue();
    assertThat(Names.isAlbGroupName(".shop")).isFalse();
    assertThat(Names.isAlbGroupName("shop-")).isFalse();
    assertThat(Names.isAlbGroupName("Shop")).isFalse();
    assertThat(Names.isAlbGroupName("shop_public")).isFalse();
    assertThat(Names.isAlbGroupName("")).isFalse();

    assertThat(Names.isLabelValue("")).as("an empty label value is valid").isTrue();
    assertThat(Names.isLabelValue("A".repeat(63))).isTrue();
    assertThat(Names.isLabelValue("A".repeat(64))).isFalse();
    assertThat(Names.isLabelValue("Release_2026.03")).isTrue();
    assertThat(Names.isLabelValue("_x")).isFalse();
    assertThat(Names.isLabelValue("x.")).isFalse();
    assertThat(Names.isLabelValue("a/b")).isFalse();

    assertThat(Names.isDnsLabel("a".repeat(63))).isTrue();
    assertThat(Names.isDnsLabel("a".repeat(64))).isFalse();
    assertThat(Names.isDnsLabel("0abc")).isTrue();
    assertThat(Names.isDnsLabel("Abc")).isFalse();
    assertThat(Names.isDnsLabel("a.b")).isFalse();
    assertThat(Names.isDnsLabel("")).isFalse();

    assertThat(Names.isDnsName(domainOfLength(253))).isTrue();
    assertThat(Names.isDnsName(domainOfLength(254))).isFalse();
    assertThat(Names.isDnsName("a".repeat(63) + ".com")).isTrue();
    assertThat(Names.isDnsName("a".repeat(64) + ".com")).isFalse();
    assertThat(Names.isDnsName("shop.example.com.")).isFalse();
    assertThat(Names.isDnsName("shop..example.com")).isFalse();
    assertThat(Names.isDnsName("-shop.example.com")).isFalse();
    assertThat(Names.isDnsName("Shop.example.com")).isFalse();
    assertThat(Names.isDnsName("")).isFalse();
  }

  @Test
  void aGroupNameKeepsDotsAndLowerCases() {
    assertThat(Names.albGroup("shop.public")).isEqualTo("shop.public");
    assertThat(Names.albGroup("Shop.Public")).isEqualTo("shop.public");
    assertThat(Names.albGroup("shop", "public")).isEqualTo("shop-public");
    assertThat(Names.albGroup("Shop.Public/Prod")).isEqualTo("shop.public-prod-e31427f9");
    assertThat(Names.albGroup(".shop.")).matches("shop-[0-9a-f]{8}");
  }

  @Test
  void aDnsNameIsALabelInTheDomain() {
    assertThat(Names.dnsName("shop.example.com", "preview", "jdoe", "checkout")).isEqualTo("preview-jdoe-checkout.shop.example.com");
    assertThat(Names.dnsName("Shop.Example.COM", "www")).isEqualTo("www.shop.example.com");
    assertThat(Names.dnsName("shop.example.com", "preview", "jdoe", "feature/x")).isEqualTo("preview-jdoe-feature-x-745a4dee.shop.example.com");
  }

  @Test
  void twoLongNamesSharingAFortyCharacterPrefixStayApart() {
    String prefix = "preview-payments-feature-checkout-redesi";
    assertThat(prefix).hasSize(40);
    String one = prefix + "gn-with-the-new-cart-and-a-very-long-tail-one";
    String two = prefix + "gn-with-the-new-cart-and-a-very-long-tail-two";
    assertThat(Names.loadBalancer(one)).isNotEqualTo(Names.loadBalancer(two));
    assertThat(Names.targetGroup(one)).isNotEqualTo(Names.targetGroup(two));
    assertThat(Names.albGroup(one)).isNotEqualTo(Names.albGroup(two));
    assertThat(Names.labelValue(one)).isNotEqualTo(Names.labelValue(two));
    assertThat(Names.application(one)).isNotEqualTo(Names.application(two));
    assertThat(Names.dnsLabel(Site.MAX_NAME_LENGTH, one)).isNotEqualTo(Names.dnsLabel(Site.MAX_NAME_LENGTH, two));
    assertThat(Names.dnsName("shop.example.com", one)).isNotEqualTo(Names.dnsName("shop.example.com", two));
    assertThat(Names.branchSlug(one)).isNotEqualTo(Names.branchSlug(two));
    assertThat(Names.branchSlug(20, one)).isNotEqualTo(Names.branchSlug(20, two));
    // only the hash differs: the readable part is the same cut of the shared prefix
    assertThat(Names.loadBalancer(one)).startsWith("preview-payments-featur-");
    assertThat(Names.loadBalancer(two)).startsWith("preview-payments-featur-");
  }

  @Test
  void longKoreanAndEnglishBrandNamesGiveValidDistinctStableNames() {
    String korean = "한국어브랜드쇼핑몰프리미엄온라인스토어";
    String otherKorean = "한국어브랜드쇼핑몰프리미엄온라인스토아"; // one syllable differs at the end
    String mixed = "Premium한국어Brand쇼핑몰Online-Store-Korea-2026-Limited-Edition-Collection";
    String english = "the-extraordinarily-long-english-brand-name-for-premium-online-shopping";

    // nothing of an all-Korean name is allowed: the fallback prefix and the hash of the original
    assertThat(Names.loadBalancer(korean)).isEqualTo("site-5e724535");
    assertThat(Names.application(korean)).isEqualTo("site-5e724535");
    assertThat(Names.labelValue(korean)).isEqualTo("site-5e724535");
    assertThat(Names.albGroup(korean)).isEqualTo("site-5e724535");
    assertThat(Names.dnsName("shop.example.com", korean)).isEqualTo("site-5e724535.shop.example.com");
    assertThat(Names.loadBalancer(otherKorean)).isEqualTo("site-9efdf8ce");
    assertThat(Names.application(otherKorean)).isNotEqualTo(Names.application(korean));
    assertThat(Names.branchSlug(korean)).matches("branch-[0-9a-f]{8}").isNotEqualTo(Names.branchSlug(otherKorean));

    // mixed: the English survives, a run of Korean becomes one '-'
    assertThat(Names.loadBalancer(mixed)).isEqualTo("premium-brand-online-st-c154555b");
    assertThat(Names.application(mixed)).isEqualTo("premium-brand-online-store-korea-2026-limited-edition-c154555b");
    assertThat(Names.labelValue(mixed)).isEqualTo("Premium-Brand-Online-Store-Korea-2026-Limited-Edition-c154555b");
    assertThat(Names.albGroup(mixed)).isEqualTo("premium-brand-online-store-korea-2026-limited-edition-c154555b");
    assertThat(Names.application("Premium" + "브랜드" + "Brand")).isNotEqualTo(Names.application("Premium" + "쇼핑몰" + "Brand"));

    assertThat(Names.loadBalancer(english)).isEqualTo("the-extraordinarily-lon-597fe78b");
    assertThat(Names.application(english)).isEqualTo("the-extraordinarily-long-english-brand-name-for-premiu-597fe78b");
    assertThat(Names.dnsName("shop.example.com", english))
        .isEqualTo("the-extraordinarily-long-english-brand-name-for-premiu-597fe78b.shop.example.com");

    for (String name : List.of(korean, otherKorean, mixed, english)) {
      assertThat(Names.loadBalancer(name)).as(name).matches(ALB).hasSizeLessThanOrEqualTo(32);
      assertThat(Names.albGroup(name)).as(name).matches(ALB_GROUP).hasSizeLessThanOrEqualTo(63);
      assertThat(Names.labelValue(name)).as(name).matches(LABEL_VALUE).hasSizeLessThanOrEqualTo(63);
      assertThat(Names.application(name)).as(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63);
      assertThat(Names.branchSlug(name)).as(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63);
      assertThat(Names.isDnsName(Names.dnsName("shop.example.com", name))).as(name).isTrue();
    }
  }

  @Test
  void branchesBecomeDnsSafeSlugs() {
    assertThat(Names.branchSlug("feature/JIRA-1234_new-checkout-flow")).isEqualTo("feature-jira-1234-new-checkout-flow");
    assertThat(Names.branchSlug("release/2026.12")).isEqualTo("release-2026-12");
    assertThat(Names.branchSlug("dependabot/npm_and_yarn/lodash-4.17.21")).isEqualTo("dependabot-npm-and-yarn-lodash-4-17-21");
    assertThat(Names.branchSlug("UPPER/Case")).isEqualTo("upper-case");
    assertThat(Names.branchSlug("a..b")).isEqualTo("a-b");
    assertThat(Names.branchSlug("-lead-")).isEqualTo("lead");
    assertThat(Names.branchSlug("main")).isEqualTo("main");
    // empty after cleaning: never an empty slug, and two such branches stay apart
    assertThat(Names.branchSlug("///")).isEqualTo("branch-732c4e97");
    assertThat(Names.branchSlug("_.-")).matches("branch-[0-9a-f]{8}").isNotEqualTo(Names.branchSlug("///"));
    // dropped non-ASCII gets the hash so that feature/한글 and feature/日本 differ
    assertThat(Names.branchSlug("feature/한글")).isEqualTo("feature-935a7983");
    assertThat(Names.branchSlug("feature/日本")).matches("feature-[0-9a-f]{8}").isNotEqualTo(Names.branchSlug("feature/한글"));
    // documented: ASCII separators and case are alike in a slug ...
    assertThat(Names.branchSlug("Feature_X")).isEqualTo(Names.branchSlug("feature/x"));
    // ... but not in a name derived from the branch itself
    assertThat(Names.application("preview", "jdoe", "feature/x")).isNotEqualTo(Names.application("preview", "jdoe", "feature_x"));
    assertThat(Names.application("preview", "jdoe", "feature/JIRA-1234_new-checkout-flow"))
        .isEqualTo("preview-jdoe-feature-jira-1234-new-checkout-flow-4ef9fdd2");
    assertThat(Names.application("preview", "jdoe", "-lead-")).as("joined '-' runs shrink").isEqualTo("preview-jdoe-lead-619b976a");
    assertThat(Names.loadBalancer("preview", "jdoe", "dependabot/npm_and_yarn/lodash-4.17.21")).hasSize(32).matches(ALB);

    String longBranch = "feature/" + "x".repeat(80);
    assertThat(Names.branchSlug(longBranch)).hasSize(63).matches("feature-x{46}-[0-9a-f]{8}");
    assertThat(Names.branchSlug(Site.MAX_NAME_LENGTH, longBranch)).hasSize(58);
  }

  @Test
  void tenThousandRandomNamesCollideInNoBudget() {
    Random random = new Random(7);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_./ 한국어브랜드";
    Set<String> inputs = new HashSet<>();
    Map<String, Set<String>> outputs = new TreeMap<>();
    Set<String> canonicalBranches = new HashSet<>();
    Set<String> slugs = new HashSet<>();
    while (inputs.size() < 10_000) {
      StringBuilder sb = new StringBuilder();
      int length = 1 + random.nextInt(90);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String input = sb.toString().toLowerCase(Locale.ROOT);
      if (!inputs.add(input)) {
        continue;
      }
      record(outputs, "loadBalancer", Names.loadBalancer(input), ALB, 32, input);
      record(outputs, "targetGroup", Names.targetGroup(input), DNS_LABEL, 32, input);
      record(outputs, "albGroup", Names.albGroup(input), ALB_GROUP, 63, input);
      record(outputs, "labelValue", Names.labelValue(input), LABEL_VALUE, 63, input);
      record(outputs, "application", Names.application(input), DNS_LABEL, 63, input);
      record(outputs, "siteName", Names.dnsLabel(Site.MAX_NAME_LENGTH, input), DNS_LABEL, 58, input);
      String host = Names.dnsName("shop.example.com", input);
      assertThat(Names.isDnsName(host)).as(input).isTrue();
      outputs.computeIfAbsent("dnsName", k -> new HashSet<>()).add(host);
      String slug = Names.branchSlug(input);
      assertThat(slug).as(input).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
      slugs.add(slug);
      // slugs may only meet where the branches are alike up to case and ASCII separators
      // (the hashed slugs, of long, non-ASCII or empty-after-cleaning branches, hash the branch itself)
      String canonical = input.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
      boolean hashed = !input.matches("[\\x00-\\x7e]*") || canonical.isEmpty() || canonical.length() > 63;
      canonicalBranches.add(hashed ? "hashed:" + input : canonical);
    }
    outputs.forEach((budget, names) -> assertThat(names).as(budget).hasSameSizeAs(inputs));
    assertThat(outputs).hasSize(7);
    assertThat(slugs).hasSameSizeAs(canonicalBranches);
  }

  private static void record(Map<String, Set<String>> outputs, String budget, String name, Pattern valid, int max, String input) {
    assertThat(name).as(budget + " of " + input).hasSizeLessThanOrEqualTo(max).matches(valid);
    outputs.computeIfAbsent(budget, k -> new HashSet<>()).add(name);
  }

  /** A DNS name of exactly {@code length} characters made of 63-character labels and a shorter last one. */
  private static String domainOfLength(int length) {
    StringBuilder sb = new StringBuilder();
    while (length - sb.length() > 64) {
      sb.append("d".repeat(63)).append('.');
    }
    sb.append("e".repeat(length - sb.length()));
    return sb.toString();
  }
}
