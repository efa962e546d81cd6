package dev.platformkit.upgrade.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocationsTest {

  @Test
  void linesCompareAsNumbers() {
    assertThat(Locations.compare("x.yaml:9", "x.yaml:10")).isNegative();
    assertThat(Locations.compare("x.yaml:10", "x.yaml:9")).isPositive();
    assertThat(Locations.compare("x.yaml:100", "x.yaml:99")).isPositive();
    assertThat(Locations.compare("x.yaml:10", "x.yaml:10")).isZero();
    assertThat(Locations.compare("x.yaml:12345678901234567890123", "x.yaml:9")).as("no overflow").isPositive();
  }

  @Test
  void thePathDecidesBeforeTheLine() {
    // as text ':' sorts after '.', which put x.yaml.bak:1 before x.yaml:10
    assertThat(Locations.compare("x.yaml:10", "x.yaml.bak:1")).isNegative();
    assertThat(Locations.compare("a/x.yaml:900", "b/x.yaml:1")).isNegative();
    assertThat(Locations.compare("ingress-2.yaml:5", "ingress-10.yaml:1")).isNegative();
    assertThat(Locations.compare("x.yaml", "x.yaml:1")).as("without a line before with one").isNegative();
  }

  @Test
  void sortsAShuffledListIntoReadingOrderWhateverTheStart() {
    List<String> expected = List.of(
        "helm release shop/web revision 3 (templates/job.yaml)",
        "last-applied of CronJob shop/report",
        "manifests/apps/ingress.yaml:2",
        "manifests/apps/ingress.yaml:9",
        "manifests/apps/ingress.yaml:10",
        "manifests/apps/ingress.yaml:10 (template chart/templates/a.yaml)",
        "manifests/apps/ingress.yaml:10 (template chart/templates/b.yaml)",
        "manifests/apps/ingress.yaml:101",
        "manifests/apps2/x.yaml:1",
        "manifests/apps10/x.yaml:1",
        "manifests/x.yaml:3");
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      List<String> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, random);
      shuffled.sort(Locations.NATURAL);
      assertThat(shuffled).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aTotalOrderConsistentWithEquals() {
    assertThat(Locations.compare("x.yaml:010", "x.yaml:10")).as("same number, different text").isNotZero();
    assertThat(Integer.signum(Locations.compare("x.yaml:010", "x.yaml:10")))
        .isEqualTo(-Integer.signum(Locations.compare("x.yaml:10", "x.yaml:010")));
    assertThat(Locations.compare("", "")).isZero();
  }
}
