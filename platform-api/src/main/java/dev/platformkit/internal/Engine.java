package dev.platformkit.internal;

import dev.platformkit.ProgressListener;
import java.time.Clock;

/**
 * What the primitives' entry points ({@code Tenants}, ...) share inside one {@code Platform}. Internal:
 * created by {@code Platform.build()}.
 *
 * @param reconciler the plan/apply engine over the configured stores
 * @param clock the platform's clock
 * @param listener progress listener for applies
 * @param options primitive-specific settings, by type
 */
public record Engine(Reconciler reconciler, Clock clock, ProgressListener listener, java.util.Map<Class<?>, Object> options) {

  /** The option of this type, or {@code fallback}. */
  public <T> T option(Class<T> type, T fallback) {
    Object value = options.get(type);
    return value == null ? fallback : type.cast(value);
  }
}
