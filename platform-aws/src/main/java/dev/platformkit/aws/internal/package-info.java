/**
 * Internals of the AWS backend. Not API.
 */
package dev.platformkit.aws.internal;
