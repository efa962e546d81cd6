package dev.platformkit.schedule;

import dev.platformkit.PlatformException;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.internal.Reconciler.Step;
import dev.platformkit.spi.Kind;
import java.time.Instant;
import java.util.List;

/** The AWS targets of a schedule: EKS node groups, RDS instances, Auto Scaling groups. */
final class AwsSleep {
  static final List<Kind> KINDS = List.of();

  private final Schedule schedule;

  AwsSleep(Schedule schedule, boolean up, Instant at) {
    this.schedule = schedule;
  }

  void plan(Reconciler reconciler, List<Step> steps, List<String> warnings) {
    throw new PlatformException("schedule \"" + schedule.name() + "\" targets AWS resources, which this version cannot put to sleep yet");
  }
}
