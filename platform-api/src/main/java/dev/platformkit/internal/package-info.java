/**
 * Internals shared by the primitives (the plan/apply engine, validation helpers). Not API: may change in any release.
 */
package dev.platformkit.internal;
