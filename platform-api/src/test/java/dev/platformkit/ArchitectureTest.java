package dev.platformkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
