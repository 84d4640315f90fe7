package io.glance.store.spi;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a compiled plugin relies on in the SPI, one line per element: each public type with its kind and supertypes,
 * and each public or protected constructor, method and field with its erased signature. Interface methods are marked
 * {@code abstract} or {@code default}/{@code static}, because an abstract method added to an interface breaks every
 * plugin that implements it.
 */
final class SpiSignature {
    static final String PACKAGE = "io.glance.store.spi";

    private SpiSignature() {
    }

    /** The lines of every public type of the SPI package found under {@code classes}, loaded by {@code loader}. */
    static List<String> of(Path classes, ClassLoader loader) throws IOException, ClassNotFoundException {
        Path dir = classes.resolve(PACKAGE.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                types.add(Class.forName(PACKAGE + "." + name.replace('/', '.'), false, loader));
            }
        }
        return of(types);
    }

    static List<String> of(List<Class<?>> types) {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> type : types) {
            if (!Modifier.isPublic(type.getModifiers()) || type.isSynthetic()) {
                continue;
            }
            lines.add(typeLine(type));
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    lines.add(name(type) + "#<init>(" + params(constructor.getParameterTypes()) + ")");
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                    lines.add(name(type) + "#" + method.getName() + "(" + params(method.getParameterTypes()) + ") "
                            + method.getReturnType().getTypeName() + kind(type, method));
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers()) && !field.isSynthetic()) {
                    lines.add(name(type) + "." + field.getName() + " " + field.getType().getTypeName()
                            + (Modifier.isStatic(field.getModifiers()) ? " static" : ""));
                }
            }
        }
        return List.copyOf(lines);
    }

    private static String typeLine(Class<?> type) {
        String kind = type.isInterface() ? "interface" : type.isEnum() ? "enum" : type.isRecord() ? "record"
                : (Modifier.isFinal(type.getModifiers()) ? "final " : "")
                + (Modifier.isAbstract(type.getModifiers()) ? "abstract " : "") + "class";
        List<String> supertypes = new ArrayList<>();
        if (type.getSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            supertypes.add(type.getSuperclass().getTypeName());
        }
        Arrays.stream(type.getInterfaces()).map(Class::getTypeName).sorted().forEach(supertypes::add);
        return name(type) + " " + kind + (supertypes.isEmpty() ? "" : " : " + String.join(", ", supertypes));
    }

    private static String kind(Class<?> type, Method method) {
        if (Modifier.isStatic(method.getModifiers())) {
            return " static";
        }
        if (type.isInterface()) {
            return method.isDefault() ? " default" : " abstract";
        }
        return Modifier.isAbstract(method.getModifiers()) ? " abstract" : "";
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String name(Class<?> type) {
        return type.getName().substring(PACKAGE.length() + 1);
    }

    private static String params(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getTypeName).collect(Collectors.joining(","));
    }

    /** The lines of the SPI in a jar, e.g. a released one, loaded apart from the current SPI. */
    static List<String> ofJar(Path jar) throws IOException, ClassNotFoundException {
        List<String> names = new ArrayList<>();
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            file.stream().map(java.util.jar.JarEntry::getName)
                    .filter(name -> name.startsWith(PACKAGE.replace('.', '/') + "/") && name.endsWith(".class"))
                    .forEach(name -> names.add(name.replace(".class", "").replace('/', '.')));
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            List<Class<?>> types = new ArrayList<>();
            for (String name : names.stream().sorted().toList()) {
                types.add(Class.forName(name, false, loader));
            }
            return of(types);
        }
    }

    static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
