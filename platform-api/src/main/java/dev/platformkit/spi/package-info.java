/**
 * What backends implement: `ResourceStore` and the neutral `Resource` form of the objects it holds.
 */
package dev.platformkit.spi;
