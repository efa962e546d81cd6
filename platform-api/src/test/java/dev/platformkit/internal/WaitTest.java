package dev.platformkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.ProgressListener;
import dev.platformkit.WaitTimeoutException;
import dev.platformkit.internal.Wait.Poll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitTest {
  /** A clock the sleeper moves: no test waits on wall-clock time. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-01-05T09:00:00Z");
    final List<Duration> slept = new ArrayList<>();

    void sleep(Duration d) {
      slept.add(d);
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MovingClock clock = new MovingClock();
  final List<String> events = new ArrayList<>();
  final Wait wait = new Wait(clock, clock::sleep, new ProgressListener() {
    @Override
    public void waiting(String subject, String status, Duration elapsed, Duration timeout) {
      events.add(subject + "|" + status + "|" + elapsed.toSeconds() + "|" + timeout.toSeconds());
    }
  });

  @Test
  void somethingReadyAtOnceIsReturnedWithoutWaitingOrEvents() {
    String result = wait.until("certificate", Duration.ofMinutes(1), Duration.ofSeconds(10), () -> Poll.ready("arn"));

    assertThat(result).isEqualTo("arn");
    assertThat(events).isEmpty();
    assertThat(clock.slept).isEmpty();
  }

  @Test
  void everyPollThatIsNotReadyIsReportedWithItsStatusAndElapsedTime() {
    AtomicInteger polls = new AtomicInteger();

    String result = wait.until("load balancer", Duration.ofMinutes(5), Duration.ofSeconds(15),
        () -> polls.incrementAndGet() < 3 ? Poll.pending("provisioning " + polls.get()) : Poll.ready("k8s-x.eu-west-1.elb.amazonaws.com"));

    assertThat(result).isEqualTo("k8s-x.eu-west-1.elb.amazonaws.com");
    assertThat(events).containsExactly("load balancer|provisioning 1|0|300", "load balancer|provisioning 2|15|300");
    assertThat(clock.slept).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(15));
  }

  @Test
  void aWaitThatOutlivesItsTimeoutFailsAfterOneLastPollAtTheTimeout() {
    assertThatThrownBy(() -> wait.until("certificate for shop.example.com", Duration.ofSeconds(20), Duration.ofSeconds(7),
        () -> Poll.pending("PENDING_VALIDATION")))
        .isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
          assertThat(e.subject()).isEqualTo("certificate for shop.example.com");
          assertThat(e.lastStatus()).isEqualTo("PENDING_VALIDATION");
          assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(20));
          assertThat(e.retryable()).isFalse();
          assertThat(e).hasMessageContaining("run again to resume");
        });

    // the last sleep is cut to what is left, so the last poll is exactly at the timeout
    assertThat(clock.slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(6));
    assertThat(events).containsExactly("certificate for shop.example.com|PENDING_VALIDATION|0|20",
        "certificate for shop.example.com|PENDING_VALIDATION|7|20", "certificate for shop.example.com|PENDING_VALIDATION|14|20",
        "certificate for shop.example.com|PENDING_VALIDATION|20|20");
  }

  @Test
  void theDefaultListenerTurnsWaitsIntoProgressMessages() {
    List<String> messages = new ArrayList<>();
    Wait plain = new Wait(clock, clock::sleep, new ProgressListener() {
      @Override
      public void progress(String message) {
        messages.add(message);
      }
    });

    plain.until("x", Duration.ofSeconds(30), Duration.ofSeconds(30), new java.util.function.Supplier<Poll<String>>() {
      int n;

      @Override
      public Poll<String> get() {
        return n++ == 0 ? Poll.pending("starting") : Poll.ready("done");
      }
    });

    assertThat(messages).containsExactly("waiting for x: starting (0s of 30s)");
  }
}
