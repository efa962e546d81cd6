/**
 * What the Jenkins shared library's {@code vars/} steps call: plan the specs of a directory, keep the plan
 * across an approval ({@link dev.platformkit.jenkins.SavedPlan} is {@link java.io.Serializable}, because Jenkins
 * checkpoints a running pipeline), then apply exactly that plan.
 */
package dev.platformkit.jenkins;
