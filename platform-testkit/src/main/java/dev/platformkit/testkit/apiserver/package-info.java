/**
 * What a real kube-apiserver v1.28 does to the objects platformkit writes, for fakes: defaulting and
 * canonicalisation on create and update ({@link dev.platformkit.testkit.apiserver.ApiServerDefaults}),
 * the canonical form of resource quantities ({@link dev.platformkit.testkit.apiserver.KubeQuantity}) and the
 * exact error answers ({@link dev.platformkit.testkit.apiserver.ApiServerErrors},
 * {@link dev.platformkit.testkit.apiserver.ApiStatus}). Everything here was checked against the recorded
 * answers in {@code ../shared/reference/apiserver-v1.28}.
 */
package dev.platformkit.testkit.apiserver;
