/**
 * Reading and writing spec documents: Kubernetes-style YAML or JSON with {@code apiVersion},
 * {@code kind}, {@code metadata} and {@code spec}, one or many per file.
 *
 * <pre>{@code
 * Specs specs = SpecReader.create().read(Path.of("specs/"));   // a file or a directory
 * for (Tenant tenant : specs.tenants()) { ... }
 * String yaml = SpecWriter.yaml().write(tenant);
 * }</pre>
 *
 * <p>Reading is strict: unknown fields, wrong types, duplicate keys, YAML aliases, invalid values,
 * duplicate names and conflicting tenants ({@link dev.platformkit.tenant.TenantConflict}) are all
 * reported at once in one {@link dev.platformkit.ValidationException}, each
 * {@link dev.platformkit.Violation} naming the file, line, column and field path
 * ({@code spec.quota["requests.cpu"]}).
 */
package dev.platformkit.spec;
