package io.glance.server.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One naming convention for tests, in every module: a class with tests is {@code <Subject>Test}, and the suffix says
 * more where it can ({@code ...EndToEndTest} against real processes, {@code ...TckTest} running the store TCK,
 * {@code ...ContractTest} running the repository contract). Interfaces that hold tests for others to run are
 * {@code ...Contract} or {@code ...Tck}. Surefire finds both forms, so nothing else would stop a third from creeping
 * back.
 */
class TestClassNamesTest {
    private static final Pattern TEST_ANNOTATION = Pattern.compile("^\\s*@(Test|ParameterizedTest|RepeatedTest)\\b",
            Pattern.MULTILINE);
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:public |abstract |final |sealed |non-sealed )*(class|interface|record) (\\w+)", Pattern.MULTILINE);

    @Test
    void everyClassWithTestsIsNamedSubjectTest() throws IOException {
        List<String> misnamed = new ArrayList<>();
        List<Path> checked = new ArrayList<>();
        for (Path file : testSources(repositoryRoot())) {
            String source = Files.readString(file);
            if (!TEST_ANNOTATION.matcher(source).find()) {
                continue;
            }
            checked.add(file);
            Matcher type = TOP_LEVEL_TYPE.matcher(source);
            if (!type.find()) {
                misnamed.add(file + ": no top-level type found");
                continue;
            }
            String name = type.group(2);
            boolean ok = type.group(1).equals("interface")
                    ? name.endsWith("Contract") || name.endsWith("Tck")
                    : name.endsWith("Test");
            if (!ok) {
                misnamed.add(file + " (" + type.group(1) + " " + name + ")");
            }
        }
        assertThat(checked).as("test sources found below " + repositoryRoot()).hasSizeGreaterThan(100);
        assertThat(misnamed).as("classes with tests must be named <Subject>Test, interfaces <Subject>Contract or "
                + "<Subject>Tck").isEmpty();
    }

    private static List<Path> testSources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/test/java/"))
                    .filter(file -> !file.toString().contains("/target/"))
                    .sorted()
                    .toList();
        }
    }

    /** The checkout: the nearest folder above the working directory that holds mvnw. */
    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }
}
