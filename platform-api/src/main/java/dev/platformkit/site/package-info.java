/**
 * Sites: brand sites and preview environments (Argo CD Application, ALB ingress, ACM certificate, Route53 records), and the name budgets they must fit.
 */
package dev.platformkit.site;
