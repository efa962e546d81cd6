package dev.platformkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryTest {

  @ParameterizedTest
  @CsvSource({
      "30m, PT30M, 30m",
      "12h, PT12H, 12h",
      "72h, PT72H, 3d",
      "7d, PT168H, 7d",
      "1d12h, PT36H, 1d12h",
      "1h30m15s, PT1H30M15S, 1h30m15s",
      "PT90M, PT90M, 1h30m",
      "P2D, PT48H, 2d",
      "PT0.5S, PT0.5S, PT0.5S"})
  void timesToLive(String text, String iso, String canonical) {
    Expiry expiry = Expiry.parse(text);

    assertThat(expiry.ttl()).contains(Duration.parse(iso));
    assertThat(expiry.at()).isEmpty();
    assertThat(expiry).hasToString(canonical).isEqualTo(Expiry.parse(canonical));
  }

  @Test
  void instants() {
    Expiry expiry = Expiry.parse("2026-12-01T18:00:00Z");

    assertThat(expiry.at()).contains(Instant.parse("2026-12-01T18:00:00Z"));
    assertThat(expiry.ttl()).isEmpty();
    assertThat(expiry).hasToString("2026-12-01T18:00:00Z");
    assertThat(Expiry.parse("2026-12-01T20:00:00+02:00")).isEqualTo(expiry);
    assertThat(expiry.expiresAt(Instant.EPOCH)).isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
    assertThat(Expiry.after(Duration.ofHours(2)).expiresAt(Instant.EPOCH)).isEqualTo(Instant.parse("1970-01-01T02:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "3x", "h", "7D", "1h1d", "-1h", "2026-12-01", "2026-13-01T00:00:00Z", "PTxH", "tomorrow"})
  void notExpiries(String text) {
    assertThatThrownBy(() -> Expiry.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"" + text + "\" is not");
  }

  @Test
  void aTimeToLiveIsPositive() {
    assertThatThrownBy(() -> Expiry.parse("0h")).hasMessage("an expiry time to live must be positive, not PT0S");
    assertThatThrownBy(() -> Expiry.parse("-PT1H")).hasMessage("an expiry time to live must be positive, not PT-1H");
    assertThatThrownBy(() -> Expiry.parse(" ")).hasMessageStartingWith("an expiry is required");
  }

  @Test
  void jacksonUsesTheSpecForm() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    assertThat(json.writeValueAsString(Expiry.parse("36h"))).isEqualTo("\"1d12h\"");
    assertThat(json.readValue("\"2026-12-01T18:00:00Z\"", Expiry.class)).isEqualTo(Expiry.at(Instant.parse("2026-12-01T18:00:00Z")));
    assertThatThrownBy(() -> json.readValue("\"soon\"", Expiry.class)).hasMessageContaining("\"soon\" is not an expiry");
  }
}
