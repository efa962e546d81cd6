package dev.platformkit.schedule;

/** The Kubernetes workloads a schedule puts to sleep; the constants are spelled as Kubernetes kinds. */
public enum WorkloadKind {
  /**
   * {@code apps/v1} Deployments: scaled to {@link Schedule#downtimeReplicas()}. A HorizontalPodAutoscaler
   * that scales a selected Deployment is handled with it, so that it does not scale it back up.
   */
  Deployment,
  /** {@code apps/v1} StatefulSets: scaled to {@link Schedule#downtimeReplicas()}, like Deployments (HPAs too). */
  StatefulSet,
  /** {@code batch/v1} CronJobs: suspended during downtime, so no new Jobs start. */
  CronJob
}
