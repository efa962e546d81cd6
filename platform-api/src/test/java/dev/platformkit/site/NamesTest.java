package dev.platformkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamesTest {

  private static final Pattern ALB = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
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
  void nothingUsableLeavesTheHashAlone() {
    assertThat(Names.loadBalancer("///")).matches("[0-9a-f]{8}");
    assertThat(Names.application("_ü_")).matches("[0-9a-f]{8}");
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
    assertThatThrownBy(() -> Names.dnsLabel(64, "a")).hasMessage("a DNS label budget must be between 10 and 63, not 64");
    assertThatThrownBy(() -> Names.dnsLabel(9, "a")).hasMessage("a DNS label budget must be between 10 and 63, not 9");
  }
}
