package dev.platformkit.testkit.junit;

import dev.platformkit.tenant.IamAccess;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh in-memory platform ({@link dev.platformkit.testkit.InMemoryPlatform}) and injects
 * it, its {@link dev.platformkit.Platform}, its {@link dev.platformkit.testkit.FakeClock} and its
 * {@link dev.platformkit.testkit.Faults} into the parameters of test methods and {@code @BeforeEach} /
 * {@code @AfterEach} methods, and into the test instance's non-static, non-final fields of those types
 * (set before your {@code @BeforeEach} methods run; in {@code @Nested} classes, the enclosing instances'
 * fields too). Within one test, all of them come from the same platform. Works on JUnit Jupiter 5.10 and
 * later, and 6.
 *
 * <pre>{@code
 * @PlatformTest
 * class OnboardingTest {
 *   Platform platform;                      // injected
 *
 *   @Test void retriesThrottling(InMemoryPlatform memory, Faults faults) {
 *     faults.failNext(2, Operation.CREATE, Fault.throttling());
 *     new Onboarding(platform).onboard("payments", "payments-devs");
 *     assertThat(memory).tenant("payments").hasNamespaces("payments-dev", "payments-stage");
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(InMemoryPlatformExtension.class)
public @interface PlatformTest {

  /**
   * A state document to start each test from: a classpath resource written by
   * {@link dev.platformkit.testkit.InMemoryPlatform#snapshot(java.nio.file.Path)} (or by hand), resolved
   * as {@link Class#getResource} does from the test class (a leading {@code /} for an absolute name).
   * Default: empty stores, the clock at {@link dev.platformkit.testkit.FakeClock#standard()}.
   */
  String state() default "";

  /** How IAM roles get into the cluster. Default: EKS access entries. */
  IamAccess iamAccess() default IamAccess.ACCESS_ENTRIES;
}
