package dev.platformkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The dependency rules of ARCHITECTURE.md for platform-api (Maven's enforcer guards the POM side). */
@AnalyzeClasses(packages = "dev.platformkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noBackendSdks = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("io.fabric8..", "software.amazon..", "org.slf4j..");

  @ArchTest
  static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

  @ArchTest
  static final ArchRule noExit = noClasses().should().callMethod(System.class, "exit", int.class);

  @ArchTest
  static final ArchRule primitivesDoNotDependOnEachOther = noClasses().that().resideInAPackage("dev.platformkit.tenant..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.platformkit.schedule..", "dev.platformkit.site..", "dev.platformkit.upgrade..");

  // users see the public API only: an internal type in a public signature would make it part of it
  @ArchTest
  static final ArchRule publicSignaturesExposeNoInternalType = codeUnits().that().arePublic()
      .and().areDeclaredInClassesThat().arePublic()
      .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
      .should(new ArchCondition<JavaCodeUnit>("take and return no type of an internal package") {
        @Override
        public void check(JavaCodeUnit unit, ConditionEvents events) {
          List<JavaClass> types = new ArrayList<>(unit.getRawParameterTypes());
          types.add(unit.getRawReturnType());
          for (JavaClass type : types) {
            if (type.getPackageName().contains(".internal")) {
              events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes " + type.getName()));
            }
          }
        }
      });

  // value types validate in build(): a public or protected constructor would let a subclass skip that
  @ArchTest
  static final ArchRule valueTypesCannotBeSubclassedOutsideTheirPackage = constructors()
      .that().areDeclaredInClassesThat(DescribedPredicate.describe("public abstract value types",
          (JavaClass c) -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.getModifiers().contains(JavaModifier.ABSTRACT)
              && c.getPackageName().matches("dev\\.platformkit\\.(tenant|schedule|site|upgrade)")))
      .should().notBePublic().andShould().notBeProtected();
}
