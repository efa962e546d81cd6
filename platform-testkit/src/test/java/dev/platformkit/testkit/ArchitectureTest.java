package dev.platformkit.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * JUnit and AssertJ are provided dependencies of the testkit (users bring their own versions), so only
 * the JUnit extension, the AssertJ assertions and the contract suites may use them: a core type that did would fail with
 * NoClassDefFoundError in a tool without them (the CLI) or tie users to our JUnit version.
 */
@AnalyzeClasses(packages = "dev.platformkit.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheExtensionTheAssertionsAndTheContractsUseJUnitOrAssertJ = noClasses()
      .that().resideOutsideOfPackages("dev.platformkit.testkit.junit..", "dev.platformkit.testkit.contract..",
          "dev.platformkit.testkit.assertions..")
      .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "org.opentest4j..",
          "org.apiguardian..");
}
