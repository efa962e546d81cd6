package dev.platformkit.aws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency and hygiene rules of ARCHITECTURE.md, for the AWS backend's main classes. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.platformkit.aws");

  @Test
  void doesNotDependOnKubernetes() {
    noClasses().that().resideInAPackage("dev.platformkit.aws..")
        .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "dev.platformkit.k8s..")
        .check(MAIN);
  }

  @Test
  void neverWritesToTheConsoleOrExits() {
    noClasses().that().resideInAPackage("dev.platformkit.aws..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .check(MAIN);
  }
}
