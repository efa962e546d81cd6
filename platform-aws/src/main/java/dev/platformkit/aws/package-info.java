/**
 * The AWS backend (`AwsBackend`) on AWS SDK v2 clients you configure.
 */
package dev.platformkit.aws;
