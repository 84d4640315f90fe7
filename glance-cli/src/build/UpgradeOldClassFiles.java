import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Rewrites, in place, the class files of a jar that are older than Java 6 (major version below 50) as Java 8 class
 * files with stack map frames; the bytecode itself is unchanged. Why: bin/glance's JDK 25 AOT cache (and the dynamic
 * CDS archive) leave such classes out ("Skipping ...: Old class has been linked"), so picocli 4.7.7, built for Java 5,
 * was loaded, parsed and verified from its jar by the old type-inferencing verifier in every cold start: 172 classes,
 * most of the time between the JVM's start and a command's first request (bench/README.md, client.sh).
 *
 * <p>Every rewritten class is checked with the JDK's own verifier ({@link ClassFile#verify}) and the build fails on
 * any error. A jar without old classes (already rewritten: maven-dependency-plugin does not copy over a newer file) is
 * left untouched, so that its date, which bin/glance compares with its AOT cache's, does not move.
 *
 * <p>Run by maven-antrun-plugin as a single-file source program on JDK 24 or newer (the java.lang.classfile API):
 * {@code java UpgradeOldClassFiles.java <jar>}.
 */
public final class UpgradeOldClassFiles {
    private static final int FIRST_WITH_STACK_MAPS = ClassFile.JAVA_6_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java UpgradeOldClassFiles.java <jar>");
        }
        Path jar = Path.of(args[0]);
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".rewriting");
        int count;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            // frames need the common superclass of two types, which the resolver finds by loading the jar's classes
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofClassLoading(classes)));
            count = rewrite(classFile, jar, rewritten);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(rewritten);
            throw e;
        }
        if (count == 0) {
            Files.deleteIfExists(rewritten);
            System.out.println(jar.getFileName() + ": no class files older than Java 6, left as it is");
            return;
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(jar.getFileName() + ": " + count + " class files rewritten as Java 8 class files");
    }

    /** Copies {@code jar} into {@code target} with its old class files rewritten; returns how many; 0 writes nothing. */
    private static int rewrite(ClassFile classFile, Path jar, Path target) throws IOException {
        List<String> problems = new ArrayList<>();
        int count = 0;
        try (JarFile in = new JarFile(jar.toFile())) {
            if (in.stream().noneMatch(entry -> isOld(classFile, in, entry))) {
                return 0;
            }
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file)) {
                for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    byte[] bytes = in.getInputStream(entry).readAllBytes();
                    if (isClass(entry)) {
                        ClassModel model = classFile.parse(bytes);
                        if (model.majorVersion() < FIRST_WITH_STACK_MAPS) {
                            bytes = upgrade(classFile, model);
                            classFile.verify(bytes).forEach(error -> problems.add(entry.getName() + ": "
                                    + error.getMessage()));
                            count++;
                        }
                    }
                    JarEntry copy = new JarEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("rewritten class files of " + jar + " do not verify:\n  "
                    + String.join("\n  ", problems));
        }
        return count;
    }

    /**
     * The class as a Java 8 class file. Every method body goes through the builder again ({@code ACCEPT_ALL}), which is
     * what makes the API compute its frames: a class whose code is only copied keeps the code as it was, without them.
     */
    private static byte[] upgrade(ClassFile classFile, ClassModel model) {
        return classFile.transformClass(model,
                ClassTransform.dropping(element -> element instanceof ClassFileVersion)
                        .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))
                        .andThen(ClassTransform.endHandler(builder ->
                                builder.withVersion(ClassFile.JAVA_8_VERSION, 0))));
    }

    private static boolean isOld(ClassFile classFile, JarFile jar, JarEntry entry) {
        if (!isClass(entry)) {
            return false;
        }
        try {
            return classFile.parse(jar.getInputStream(entry).readAllBytes()).majorVersion() < FIRST_WITH_STACK_MAPS;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + entry.getName() + " in " + jar.getName(), e);
        }
    }

    private static boolean isClass(JarEntry entry) {
        return entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class");
    }
}
