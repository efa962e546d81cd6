package dev.platformkit.k8s;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of ARCHITECTURE.md, checked on the compiled main classes of this module. */
class ArchitectureTest {
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.platformkit.k8s");

  @Test
  void theKubernetesBackendDoesNotDependOnAws() {
    noClasses().that().resideInAPackage("dev.platformkit.k8s..")
        .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "dev.platformkit.aws..")
        .check(CLASSES);
  }

  @Test
  void nothingWritesToTheConsoleOrExits() {
    noClasses().that().resideInAPackage("dev.platformkit.k8s..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .check(CLASSES);
  }

  @Test
  void loggingIsSlf4jOnly() {
    noClasses().that().resideInAPackage("dev.platformkit.k8s..")
        .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..",
            "org.apache.logging.log4j..", "ch.qos.logback..")
        .check(CLASSES);
  }
}
