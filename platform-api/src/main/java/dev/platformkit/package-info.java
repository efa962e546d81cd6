/**
 * The entry point (`Platform`), the plan/apply model (`Plan`, `Change`, `ApplyResult`), ownership marks and the `PlatformException` tree.
 */
package dev.platformkit;
