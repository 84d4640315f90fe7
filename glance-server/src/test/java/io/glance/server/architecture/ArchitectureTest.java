package io.glance.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The hexagon's boundaries, checked on the compiled classes of every module this one depends on. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.glance");
    }

    @Test
    void domainDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.glance.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glance.domain..")
                .check(classes);
    }

    /** The HTTP/1.1 answer reader is shared with glance-client, which must not drag anything of the server along. */
    @Test
    void theWireFormatDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.glance.wire..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glance.wire..")
                .check(classes);
    }

    /** How answers arrive on a socket is the adapters' business: the core and its ports speak in their own terms. */
    @Test
    void theCoreAndItsPortsDoNotUseTheWireFormat() {
        noClasses().that().resideInAnyPackage("io.glance.domain..", "io.glance.ports..", "io.glance.application..")
                .should().dependOnClassesThat().resideInAPackage("io.glance.wire..")
                .check(classes);
    }

    @Test
    void optionDeclarationsDependOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.glance.config..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glance.config..")
                .check(classes);
    }

    /** PF4J is the plugin host's business: the rest of the server sees stores only as the StoreRegistry port. */
    @Test
    void onlyThePluginHostImportsPf4j() {
        noClasses().that().resideOutsideOfPackage("io.glance.adapters.store..")
                .should().dependOnClassesThat().resideInAPackage("org.pf4j..")
                .check(classes);
    }

    /**
     * The plugin toolkit is what drivers bundle, not the contract: it may use the SPI and the JDK, the SPI never uses
     * it, and neither does the host (each plugin carries its own copy, so the host could not share one anyway).
     */
    @Test
    void thePluginToolkitIsNotPartOfTheSpi() {
        classes().that().resideInAPackage("io.glance.store.toolkit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glance.store.spi..",
                        "io.glance.store.toolkit..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.glance.store.toolkit..")
                .should().dependOnClassesThat().resideInAPackage("io.glance.store.toolkit..")
                .check(classes);
    }

    /** The HTTP adapter describes stores (StoreDescription); the drivers behind them are the application's. */
    @Test
    void httpAdapterNeverHoldsAStoreDriver() {
        noClasses().that().resideInAPackage("io.glance.http..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.glance.ports.out.ConfiguredStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.glance.store.spi.StoreDriver")
                .check(classes);
    }

    @Test
    void pluginHostAdapterDoesNotImportOtherAdaptersOrTheServer() {
        noClasses().that().resideInAPackage("io.glance.adapters.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.glance.http..", "io.glance.adapters.db..",
                        "io.glance.adapters.registry..", "io.glance.adapters.policy..", "io.glance.application..",
                        "io.glance.server..", "io.helidon..", "org.apache.ibatis..")
                .check(classes);
    }

    @Test
    void noOtherAdapterImportsThePluginHost() {
        noClasses().that().resideInAnyPackage("io.glance.http..", "io.glance.adapters.db..",
                        "io.glance.adapters.registry..", "io.glance.adapters.policy..", "io.glance.application..",
                        "io.glance.ports..", "io.glance.domain..")
                .should().dependOnClassesThat().resideInAPackage("io.glance.adapters.store..")
                .check(classes);
    }

    @Test
    void storeSpiDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.glance.store.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glance.store.spi..")
                .check(classes);
    }

    @Test
    void portsImportNoFramework() {
        noClasses().that().resideInAPackage("io.glance.ports..")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon..", "org.apache.ibatis..",
                        "org.mybatis..", "org.pf4j..", "org.flywaydb..", "com.zaxxer..", "com.fasterxml..")
                .check(classes);
    }

    @Test
    void applicationImportsNoAdapterOrFramework() {
        noClasses().that().resideInAPackage("io.glance.application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.glance.http..", "io.glance.adapters..",
                        "io.glance.server..", "io.helidon..", "org.apache.ibatis..", "org.pf4j..")
                .check(classes);
    }

    @Test
    void httpAdapterDoesNotImportTheDatabaseAdapterOrTheServer() {
        noClasses().that().resideInAPackage("io.glance.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.glance.adapters.db..", "io.glance.server..",
                        "io.glance.adapters.registry..", "io.glance.adapters.keystone..", "io.glance.application..",
                        "org.apache.ibatis..", "org.pf4j..")
                .check(classes);
    }

    @Test
    void keystoneAdapterUsesOnlyTheJdkClientAndJackson() {
        noClasses().that().resideInAPackage("io.glance.adapters.keystone..")
                .should().dependOnClassesThat().resideInAnyPackage("io.glance.http..", "io.glance.server..",
                        "io.glance.adapters.db..", "io.glance.adapters.registry..", "io.glance.application..",
                        "io.glance.registry..", "io.helidon..", "org.apache.ibatis..", "org.pf4j..")
                .check(classes);
    }

    @Test
    void importPluginSpiDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.glance.importing.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glance.importing.spi..")
                .check(classes);
    }

    /** {@code com.sun.nio.file} is the JDK's own: its {@code ExtendedOpenOption.DIRECT} (O_DIRECT) checks qemu-img's output. */
    @Test
    void importPluginsUseOnlyTheJdkTheirSpiAndTheOptions() {
        classes().that().resideInAPackage("io.glance.adapters.importing..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "com.sun.nio.file..",
                        "io.glance.adapters.importing..", "io.glance.importing.spi..", "io.glance.config..")
                .check(classes);
    }

    @Test
    void imageCacheAdapterUsesOnlyTheJdkAndThePorts() {
        classes().that().resideInAPackage("io.glance.adapters.imagecache..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glance.adapters.imagecache..",
                        "io.glance.ports..", "io.glance.domain..")
                .check(classes);
    }

    @Test
    void databaseAdapterDoesNotImportTheHttpAdapterOrTheServer() {
        noClasses().that().resideInAPackage("io.glance.adapters.db..")
                .should().dependOnClassesThat().resideInAnyPackage("io.glance.http..", "io.glance.server..",
                        "io.glance.adapters.registry..", "io.glance.adapters.keystone..", "io.glance.application..",
                        "io.helidon..", "org.pf4j..")
                .check(classes);
    }

    @Test
    void registryClientAdapterUsesOnlyTheJdkClientAndTheProtocol() {
        noClasses().that().resideInAPackage("io.glance.adapters.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("io.glance.http..", "io.glance.server..",
                        "io.glance.adapters.db..", "io.glance.adapters.keystone..", "io.glance.application..",
                        "io.helidon..", "org.apache.ibatis..", "org.pf4j..")
                .check(classes);
    }

    @Test
    void policyAdapterUsesOnlyThePortsAndYaml() {
        noClasses().that().resideInAPackage("io.glance.adapters.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.glance.http..", "io.glance.server..",
                        "io.glance.adapters.db..", "io.glance.adapters.registry..", "io.glance.application..",
                        "io.helidon..", "org.apache.ibatis..", "org.pf4j..", "com.fasterxml..")
                .check(classes);
    }

    @Test
    void registryProtocolIsFrameworkFree() {
        noClasses().that().resideInAPackage("io.glance.registry.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("io.glance.http..", "io.glance.server..",
                        "io.glance.adapters..", "io.glance.application..", "io.helidon..", "org.apache.ibatis..",
                        "org.pf4j..")
                .check(classes);
    }
}
