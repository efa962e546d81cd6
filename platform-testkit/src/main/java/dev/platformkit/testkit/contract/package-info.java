/**
 * Contract suites every backend passes: extend one and return fresh stores from its factory hooks.
 */
package dev.platformkit.testkit.contract;
