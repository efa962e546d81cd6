package dev.platformkit.tenant;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.List;
import org.immutables.value.Value;

/**
 * How the tenant's namespaces are isolated on the network. By default everything is denied except
 * traffic between the tenant's own pods and DNS lookups to kube-dns.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableNetworkIsolation.class)
@JsonDeserialize(as = ImmutableNetworkIsolation.class)
public abstract class NetworkIsolation implements Serializable, WithNetworkIsolation {
  // only the generated implementation extends it: no subclass can skip validation
  NetworkIsolation() {}

  private static final long serialVersionUID = 1L;

  /** The defaults: default-deny, same-tenant traffic and DNS egress allowed, nothing else. */
  public static NetworkIsolation defaults() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** Deny all ingress and egress unless another rule allows it. Default: true. */
  @Value.Default
  public boolean defaultDeny() {
    return true;
  }

  /** Allow traffic between pods of the tenant's namespaces. Default: true. */
  @Value.Default
  public boolean allowSameTenant() {
    return true;
  }

  /** Allow DNS egress to kube-dns in kube-system on port 53 (UDP and TCP). Default: true. */
  @Value.Default
  public boolean allowDnsEgress() {
    return true;
  }

  /** Namespaces whose pods may reach the tenant's pods: an ingress controller, monitoring. */
  public abstract List<String> allowFrom();

  /** Builds {@link NetworkIsolation}s. */
  public static class Builder extends ImmutableNetworkIsolation.Builder {}
}
