/**
 * In-memory fakes of AWS SDK v2 clients with the real services' semantics.
 */
package dev.platformkit.testkit.aws;
