package dev.platformkit.testkit.junit;

import dev.platformkit.Platform;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.InMemoryPlatform;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link InMemoryPlatform}, or its {@link Platform} or {@link FakeClock}, as a
 * parameter. Within one test, all three come from the same instance.
 *
 * <pre>{@code
 * @ExtendWith(InMemoryPlatformExtension.class)
 * class OnboardingTest {
 *   @Test void onboards(Platform platform, InMemoryPlatform memory) { ... }
 * }
 * }</pre>
 */
public final class InMemoryPlatformExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InMemoryPlatformExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == InMemoryPlatform.class || type == Platform.class || type == FakeClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    InMemoryPlatform memory = context.getStore(NAMESPACE)
        .getOrComputeIfAbsent(InMemoryPlatform.class, k -> InMemoryPlatform.create(), InMemoryPlatform.class);
    Class<?> type = parameter.getParameter().getType();
    if (type == Platform.class) {
      return memory.platform();
    }
    if (type == FakeClock.class) {
      return memory.clock();
    }
    return memory;
  }
}
