package org.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layering rules of style.md §4 (rules 1 and 8), checked over the production classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.parley");
    }

    @Test
    @DisplayName("only <feature>.vysper packages and the composition root import Vysper")
    void vysperStaysInItsPackages() {
        noClasses().that().resideOutsideOfPackages("..vysper..", "org.parley.server")
                .should().dependOnClassesThat().resideInAPackage("org.apache.vysper..")
                .check(classes);
    }

    @Test
    @DisplayName("only the transport packages (c2s and the XEP-0065 proxy's SOCKS5 listener) touch MINA")
    void minaStaysInTheTransport() {
        noClasses().that().resideOutsideOfPackages("org.parley.server.vysper", "org.parley.proxy65.mina")
                .should().dependOnClassesThat().resideInAPackage("org.apache.mina..")
                .check(classes);
    }

    @Test
    @DisplayName("only storage and storage.h2 touch JDBC, H2, Flyway or the pool")
    void jdbcStaysInStorage() {
        noClasses().that().resideOutsideOfPackages("org.parley.storage", "org.parley.storage.h2")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..",
                        "org.flywaydb..", "com.zaxxer..")
                .check(classes);
    }

    @Test
    @DisplayName("only the tls package uses BouncyCastle")
    void bouncyCastleStaysInTls() {
        noClasses().that().resideOutsideOfPackage("org.parley.tls")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .check(classes);
    }

    @Test
    @DisplayName("features do not depend on the server that wires them")
    void featuresDoNotDependOnServer() {
        noClasses().that().resideOutsideOfPackages("org.parley.server..")
                .should().dependOnClassesThat().resideInAPackage("org.parley.server..")
                .check(classes);
    }

    @Test
    @DisplayName("no cycles between top-level packages")
    void noCycles() {
        slices().matching("org.parley.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("no static mutable state: every static field is final")
    void noStaticMutableState() {
        fields().that().areStatic().should().beFinal().check(classes);
    }

    @Test
    @DisplayName("no getInstance() service locators")
    void noServiceLocators() {
        noClasses().should().callMethodWhere(JavaCall.Predicates.target(DescribedPredicate.describe(
                        "a getInstance() of ours", target -> target.getName().equals("getInstance")
                                && target.getOwner().getPackageName().startsWith("org.parley"))))
                .check(classes);
    }
}
