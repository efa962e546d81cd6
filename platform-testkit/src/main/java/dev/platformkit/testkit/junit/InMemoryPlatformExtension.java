package dev.platformkit.testkit.junit;

import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.Faults;
import dev.platformkit.testkit.InMemoryPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link PlatformTest}: gives each test a fresh {@link InMemoryPlatform}, and injects
 * it, its {@link Platform}, {@link FakeClock} and {@link Faults} into parameters of test and
 * {@code @BeforeEach}/{@code @AfterEach} methods and into the test instances' fields of those types. Within
 * one test, all of them come from the same instance. Registered by {@code @PlatformTest}, or on its own:
 *
 * <pre>{@code
 * @ExtendWith(InMemoryPlatformExtension.class)
 * class OnboardingTest {
 *   @Test void onboards(Platform platform, InMemoryPlatform memory) { ... }
 * }
 * }</pre>
 *
 * Uses only JUnit Jupiter API that 5.10 and later and 6 have.
 */
public final class InMemoryPlatformExtension implements BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InMemoryPlatformExtension.class);
  private static final Set<Class<?>> TYPES = Set.of(InMemoryPlatform.class, Platform.class, FakeClock.class, Faults.class);

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    InMemoryPlatform memory = memory(context);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          int modifiers = field.getModifiers();
          if (TYPES.contains(field.getType()) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)
              && !field.isSynthetic()) {
            field.setAccessible(true);
            field.set(instance, pick(field.getType(), memory));
          }
        }
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return TYPES.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getDeclaringExecutable() instanceof Constructor<?> || context.getTestMethod().isEmpty()) {
      // a constructor or @BeforeAll method runs outside any one test, so there is no test's platform to give
      throw new ParameterResolutionException("@PlatformTest gives each test its own in-memory platform: ask for "
          + parameter.getParameter().getType().getSimpleName() + " in a test, @BeforeEach or @AfterEach method or"
          + " a field, not in " + parameter.getDeclaringExecutable());
    }
    return pick(parameter.getParameter().getType(), memory(context));
  }

  private static Object pick(Class<?> type, InMemoryPlatform memory) {
    if (type == Platform.class) {
      return memory.platform();
    }
    if (type == FakeClock.class) {
      return memory.clock();
    }
    if (type == Faults.class) {
      return memory.faults();
    }
    return memory;
  }

  // one platform per test, kept in the test method's store (get() also looks in the class's, where there is none)
  private static InMemoryPlatform memory(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    InMemoryPlatform memory = store.get(InMemoryPlatform.class, InMemoryPlatform.class);
    if (memory == null) {
      memory = create(context);
      store.put(InMemoryPlatform.class, memory);
    }
    return memory;
  }

  private static InMemoryPlatform create(ExtensionContext context) {
    Optional<PlatformTest> settings = settings(context);
    InMemoryPlatform memory = InMemoryPlatform.create(settings.map(PlatformTest::iamAccess).orElse(IamAccess.ACCESS_ENTRIES));
    String state = settings.map(PlatformTest::state).orElse("");
    if (!state.isEmpty()) {
      Class<?> testClass = context.getRequiredTestClass();
      try (InputStream in = testClass.getResourceAsStream(state)) {
        if (in == null) {
          throw new ExtensionConfigurationException("@PlatformTest(state = \"" + state + "\"): no such resource on the"
              + " classpath, looked up from " + testClass.getName());
        }
        memory.restoreFrom(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (PlatformException e) {
        throw new ExtensionConfigurationException("@PlatformTest(state = \"" + state + "\"): " + e.getMessage(), e);
      } catch (IOException e) {
        throw new ExtensionConfigurationException("@PlatformTest(state = \"" + state + "\"): " + e, e);
      }
    }
    return memory;
  }

  // the innermost @PlatformTest: on the method, then its class and the classes enclosing it
  private static Optional<PlatformTest> settings(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    if (method.isPresent()) {
      PlatformTest found = find(method.get());
      if (found != null) {
        return Optional.of(found);
      }
    }
    for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
      PlatformTest found = find(c);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  // directly present (or inherited), or on an annotation that carries it
  private static PlatformTest find(AnnotatedElement element) {
    PlatformTest direct = element.getAnnotation(PlatformTest.class);
    if (direct != null) {
      return direct;
    }
    for (Annotation a : element.getAnnotations()) {
      PlatformTest meta = a.annotationType().getAnnotation(PlatformTest.class);
      if (meta != null) {
        return meta;
      }
    }
    return null;
  }
}
