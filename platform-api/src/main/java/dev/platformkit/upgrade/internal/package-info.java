/** Internals of the upgrade scanners: the streaming manifest reader. Not part of the public API. */
package dev.platformkit.upgrade.internal;
