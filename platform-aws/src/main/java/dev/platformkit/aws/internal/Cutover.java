package dev.platformkit.aws.internal;

import dev.platformkit.ProgressListener;
import dev.platformkit.Sleeper;
import dev.platformkit.site.Site;
import dev.platformkit.site.Sites;
import dev.platformkit.upgrade.BlueGreen;
import dev.platformkit.upgrade.HealthGate;
import dev.platformkit.upgrade.Step;
import dev.platformkit.upgrade.UpgradeResult.Outcome;
import dev.platformkit.upgrade.UpgradeResult.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The traffic part of a blue-green upgrade: checks that the sites serve from the new cluster next to the old
 * one, then moves their weighted records step by step through {@link Sites#shift} — the Route53 code of
 * sites — holding each step for its dwell behind a health gate, and moving all traffic back to the old
 * cluster when the gate fails. Remembers nothing: every step starts from the weights Route53 has.
 */
public final class Cutover {
  private final Sites sites;
  private final List<Site> toMove;
  private final String blue;
  private final String green;
  private final HealthGate gate;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ProgressListener listener;
  private final Duration poll;

  /**
   * A cutover of {@code toMove} between the weighted records {@code blue} and {@code green}, through
   * {@code sites} (the new cluster's: its Applications are the ones checked).
   */
  public Cutover(Sites sites, List<Site> toMove, String blue, String green, HealthGate gate, Clock clock, Sleeper sleeper,
      ProgressListener listener, Duration poll) {
    this.sites = sites;
    this.toMove = List.copyOf(toMove);
    this.blue = blue;
    this.green = green;
    this.gate = gate;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
    this.poll = poll;
  }

  /** A sync-workloads step: every site has weighted records of both clusters and serves from the new one. */
  public StepResult synced(Step step) {
    List<String> missing = missing();
    missing.addAll(unhealthy());
    if (!missing.isEmpty()) {
      return stopped(step, String.join("; ", missing));
    }
    String detail = "the sites serve from " + green + " next to " + blue + ": " + weights();
    listener.progress("checked: " + step.description() + " (" + detail + ")");
    return new StepResult(step, Outcome.SKIPPED, detail);
  }

  /**
   * A shift-traffic step: {@link Step#percent()} of the traffic to the new cluster, held for the step's
   * dwell. A step the weights are past already is skipped; one they are at is held again (the dwell of a
   * run that crashed is not known to have ended).
   */
  public StepResult shift(Step step) {
    int percent = step.percent().orElseThrow();
    Duration dwell = step.dwell().orElse(BlueGreen.DEFAULT_DWELL);
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      return stopped(step, String.join("; ", missing));
    }
    boolean past = true;
    boolean at = true;
    for (Site site : toMove) {
      Map<String, Integer> w = sites.weights(site);
      int share = share(w);
      past &= share > percent;
      at &= w.get(blue) == 100 - percent && w.get(green) == percent;
    }
    if (past) {
      String detail = "traffic is past this step: " + weights();
      listener.progress("skipped: " + step.description() + " (" + detail + ")");
      return new StepResult(step, Outcome.SKIPPED, detail);
    }
    Optional<String> sick = health(step);
    if (sick.isPresent()) {
      return back(step, "before moving to " + percent + "%: " + sick.get());
    }
    if (!at) {
      Map<String, Integer> target = new LinkedHashMap<>();
      target.put(blue, 100 - percent);
      target.put(green, percent);
      for (Site site : toMove) {
        sites.shift(site, target);
      }
    }
    String subject = percent + "% of traffic on " + green + " (" + blue + " " + (100 - percent) + ", " + green + " " + percent + ")";
    Instant start = clock.instant();
    while (true) {
      Duration held = Duration.between(start, clock.instant());
      if (held.compareTo(dwell) >= 0) {
        break;
      }
      listener.waiting(subject, "healthy, held " + held.toSeconds() + "s of " + dwell.toSeconds() + "s", held, dwell);
      Duration left = dwell.minus(held);
      sleeper.sleep(left.compareTo(poll) < 0 ? left : poll);
      sick = health(step);
      if (sick.isPresent()) {
        return back(step, "after " + Duration.between(start, clock.instant()).toSeconds() + "s at " + percent + "%: " + sick.get());
      }
    }
    String detail = subject + ", held " + dwell + " and healthy throughout";
    listener.progress("done: " + step.description());
    return new StepResult(step, Outcome.DONE, detail);
  }

  private int share(Map<String, Integer> w) {
    int total = w.get(blue) + w.get(green);
    return total == 0 ? 50 : w.get(green) * 100 / total;
  }

  // the gate failed: all traffic back to the old cluster, and the run stops
  private StepResult back(Step step, String why) {
    Map<String, Integer> target = new LinkedHashMap<>();
    target.put(blue, 100);
    target.put(green, 0);
    for (Site site : toMove) {
      sites.shift(site, target);
    }
    return stopped(step, "health gate failed " + why + "; all traffic is back on " + blue + " (" + blue + " 100, " + green
        + " 0); run again once " + green + " is healthy");
  }

  private StepResult stopped(Step step, String detail) {
    listener.progress("stopped: " + step.description() + " (" + detail + ")");
    return new StepResult(step, Outcome.STOPPED, detail);
  }

  private Optional<String> health(Step step) {
    List<String> problems = unhealthy();
    gate.check(step).ifPresent(problems::add);
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private List<String> unhealthy() {
    List<String> out = new ArrayList<>();
    for (Site site : toMove) {
      sites.unhealthy(site).forEach(p -> out.add("site " + site.name() + " on " + green + ": " + p));
    }
    return out;
  }

  private List<String> missing() {
    List<String> out = new ArrayList<>();
    for (Site site : toMove) {
      Map<String, Integer> w = sites.weights(site);
      if (!w.containsKey(blue)) {
        out.add("site " + site.name() + " has no weighted records \"" + blue + "\": apply it on " + blue
            + " with dns.setIdentifier " + blue + " and dns.weight 100 first");
      }
      if (!w.containsKey(green)) {
        out.add("site " + site.name() + " has no weighted records \"" + green + "\": apply it on " + green
            + " with dns.setIdentifier " + green + " and dns.weight 0 first");
      }
    }
    return out;
  }

  private String weights() {
    List<String> out = new ArrayList<>();
    for (Site site : toMove) {
      out.add(site.name() + " " + sites.weights(site));
    }
    return String.join(", ", out);
  }
}
