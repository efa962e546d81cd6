package dev.platformkit.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of every platformkit value type: {@code X.builder()}, {@code toBuilder()},
 * {@code withX}, fluent accessors, and a package-private generated class that is not part of the API.
 *
 * <p>Required attributes are not checked by Immutables ({@code validationMethod = NONE}) so that a
 * missing field is reported by the type's own check together with every other violation.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeImmutable = "Immutable*",
    typeWith = "With*",
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    overshadowImplementation = true,
    validationMethod = Value.Style.ValidationMethod.NONE,
    jdkOnly = true,
    get = {"is*", "get*"},
    defaultAsDefault = false,
    passAnnotations = {},
    allParameters = false)
public @interface PlatformStyle {}
