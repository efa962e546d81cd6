package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopTest {

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  @Test
  void sevenHopsFrom120To127() {
    List<Hop> hops = Hop.between(v("1.20"), v("1.27"));

    assertThat(hops).extracting(Hop::toString).containsExactly(
        "1.20 -> 1.21", "1.21 -> 1.22", "1.22 -> 1.23", "1.23 -> 1.24", "1.24 -> 1.25", "1.25 -> 1.26", "1.26 -> 1.27");
    for (int i = 1; i < hops.size(); i++) {
      assertThat(hops.get(i).from()).isEqualTo(hops.get(i - 1).to());
    }
  }

  @Test
  void patchesAreDropped() {
    assertThat(Hop.between(v("1.20.15"), v("1.22"))).containsExactly(new Hop(v("1.20"), v("1.21")), new Hop(v("1.21"), v("1.22")));
    assertThat(new Hop(v("1.22.3"), v("1.23.1"))).isEqualTo(new Hop(v("1.22"), v("1.23")));
  }

  @Test
  void noHopsWithinAMinor() {
    assertThat(Hop.between(v("1.27.3"), v("1.27"))).isEmpty();
    assertThat(Hop.between(v("1.27"), v("1.27"))).isEmpty();
  }

  @Test
  void neverBackwardsNorAcrossMajors() {
    assertThatThrownBy(() -> Hop.between(v("1.27"), v("1.26")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no upgrade path from 1.27 back to 1.26: control planes are never downgraded");
    assertThatThrownBy(() -> Hop.between(v("1.27"), v("2.0")))
        .hasMessage("no upgrade path from 1.27 to 2.0: the major versions differ");
  }

  @Test
  void aHopIsExactlyOneMinor() {
    assertThatThrownBy(() -> new Hop(v("1.22"), v("1.24")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a hop goes to the next minor version; 1.22 -> 1.24 is not one");
    assertThatThrownBy(() -> new Hop(v("1.22"), v("1.22.5"))).hasMessage("a hop goes to the next minor version; 1.22 -> 1.22 is not one");
    assertThatThrownBy(() -> new Hop(v("1.23"), v("1.22"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Hop(v("1.99"), v("2.0"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Hop(null, v("2.0"))).isInstanceOf(NullPointerException.class);
  }

  @Test
  void jackson() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    Hop hop = new Hop(v("1.22"), v("1.23"));

    assertThat(json.writeValueAsString(hop)).isEqualTo("{\"from\":\"1.22\",\"to\":\"1.23\"}");
    assertThat(json.readValue("{\"from\":\"1.22\",\"to\":\"1.23\"}", Hop.class)).isEqualTo(hop);
    assertThatThrownBy(() -> json.readValue("{\"from\":\"1.22\",\"to\":\"1.25\"}", Hop.class))
        .hasMessageContaining("1.22 -> 1.25 is not one");
  }
}
