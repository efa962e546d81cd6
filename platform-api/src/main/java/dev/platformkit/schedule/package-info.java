/**
 * Schedules: uptime windows, holidays and overrides that put non-production workloads to sleep and wake them up.
 */
package dev.platformkit.schedule;
