package io.glance.adapters.store;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compiles plugin sources with javax.tools against a given class path, returning class files by jar entry name. */
final class InMemoryCompiler {

    private InMemoryCompiler() {
    }

    static Map<String, byte[]> compile(Map<String, String> sourcesByClassName, List<Path> classPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
        }
        List<JavaFileObject> sources = new ArrayList<>();
        sourcesByClassName.forEach((name, source) -> sources.add(new Source(name, source)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        JavaFileManager fileManager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(className.replace('.', '/') + ".class",
                                entry -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<String> options = List.of("--release", "21", "-classpath",
                classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        boolean compiled = compiler.getTask(null, fileManager, diagnostics, options, null, sources).call();
        if (!compiled) {
            throw new IllegalStateException("plugin sources do not compile:\n" + diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .map(Object::toString)
                    .collect(Collectors.joining("\n")));
        }
        Map<String, byte[]> result = new LinkedHashMap<>();
        classes.forEach((entry, bytes) -> result.put(entry, bytes.toByteArray()));
        return result;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
