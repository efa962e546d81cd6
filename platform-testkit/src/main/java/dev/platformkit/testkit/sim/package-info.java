/**
 * Simulations of what the world does around platformkit's writes (ACM issuing certificates, Argo CD and the
 * AWS Load Balancer Controller making load balancers), acting on in-memory stores as a fake clock moves.
 */
package dev.platformkit.testkit.sim;
