package io.glance.store.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugins built against an older SPI 1.x must keep loading and working (Trino's SpiBackwardCompatibilityTest, as a
 * signature comparison with the released jar, like japicmp): every type, constructor, method and field of the
 * released SPI 1.1.0 ({@code released/glance-store-spi-1.1.0.jar}, built from commit 0e69315) is still there with
 * the same erased signature, no type became final, no default method became abstract, and no interface gained an
 * abstract method (plugins implement the SPI's interfaces). A breaking change needs SPI 2.0.
 */
class SpiBackwardCompatibilityTest {
    static final String RELEASED = "/released/glance-store-spi-1.1.0.jar";

    @Test
    void everythingOfTheReleasedSpiIsStillThere() throws Exception {
        List<String> current = SpiSignature.of(SpiSignature.classesOf(StoreSpi.class), StoreSpi.class.getClassLoader());
        assertThat(incompatibilities(baseline(), current)).isEmpty();
        assertThat(StoreSpi.VERSION).as("a compatible SPI keeps major version 1").startsWith("1.");
    }

    /** The check itself catches the breaking changes it is there for. */
    @Test
    void theCheckCatchesBreakingChanges() {
        List<String> released = List.of("Driver interface", "Driver#put(java.lang.String) void abstract",
                "Driver#close() void default", "Failure class : java.lang.RuntimeException",
                "Failure#<init>(java.lang.String)");
        assertThat(incompatibilities(released, released)).isEmpty();
        assertThat(incompatibilities(released, List.of("Driver interface", "Driver#put(java.lang.String) void abstract",
                "Driver#close() void default", "Driver#size() long default",
                "Failure class : java.lang.RuntimeException", "Failure#<init>(java.lang.String)")))
                .as("a default method added is compatible").isEmpty();
        assertThat(incompatibilities(released, List.of("Driver interface", "Driver#put(java.lang.String) void abstract",
                "Driver#close() void default", "Failure class : java.lang.RuntimeException",
                "Failure#<init>(java.lang.String)", "Capability interface", "Capability#use() long abstract")))
                .as("a new interface is compatible, abstract methods and all").isEmpty();
        assertThat(incompatibilities(released, List.of("Driver interface", "Driver#put(java.lang.String) void abstract",
                "Driver#close() void default", "Driver#size() long abstract",
                "Failure class : java.lang.RuntimeException", "Failure#<init>(java.lang.String)")))
                .containsExactly("abstract method added to an interface plugins implement: Driver#size() long abstract");
        assertThat(incompatibilities(released, List.of("Driver interface", "Driver#put(java.lang.String) void abstract",
                "Driver#close() void abstract", "Failure final class : java.lang.RuntimeException")))
                .containsExactlyInAnyOrder(
                        "removed or changed: Driver#close() void default",
                        "abstract method added to an interface plugins implement: Driver#close() void abstract",
                        "removed or changed: Failure class : java.lang.RuntimeException",
                        "removed or changed: Failure#<init>(java.lang.String)");
    }

    static List<String> incompatibilities(List<String> released, List<String> current) {
        Set<String> now = new HashSet<>(current);
        Set<String> before = new HashSet<>(released);
        List<String> problems = new ArrayList<>();
        for (String line : released) {
            boolean kept = now.contains(line)
                    || line.endsWith(" abstract") && now.contains(line.replaceFirst(" abstract$", " default"));
            if (!kept) {
                problems.add("removed or changed: " + line);
            }
        }
        // Only interfaces the released SPI had: a plugin cannot implement an interface that did not exist yet.
        Set<String> interfaces = new HashSet<>();
        released.stream().filter(line -> line.endsWith(" interface") || line.contains(" interface : "))
                .forEach(line -> interfaces.add(line.substring(0, line.indexOf(' '))));
        for (String line : current) {
            int hash = line.indexOf('#');
            if (hash > 0 && line.endsWith(" abstract") && interfaces.contains(line.substring(0, hash))
                    && !before.contains(line)) {
                problems.add("abstract method added to an interface plugins implement: " + line);
            }
        }
        return problems;
    }

    private static List<String> baseline() throws Exception {
        java.net.URL jar = SpiBackwardCompatibilityTest.class.getResource(RELEASED);
        assertThat(jar).as(RELEASED).isNotNull();
        List<String> lines = SpiSignature.ofJar(java.nio.file.Path.of(jar.toURI()));
        assertThat(lines).as("the released SPI's signature").contains("StoreDriver interface : java.lang.AutoCloseable",
                "StoreDriverFactory#configKeys() java.util.List abstract");
        return lines;
    }
}
