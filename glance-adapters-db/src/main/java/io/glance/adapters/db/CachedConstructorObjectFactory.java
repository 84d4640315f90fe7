package io.glance.adapters.db;

import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the row records through constructors looked up and made accessible once. MyBatis' own factory asks for the
 * constructor on every row, and since the records are package-private its first {@code newInstance} always failed
 * with an IllegalAccessException before {@code setAccessible} and a second try: one exception, stack trace and all,
 * per row of every query (async-profiler: 5-10 % of a listing's CPU).
 */
final class CachedConstructorObjectFactory extends DefaultObjectFactory {
    private final Map<List<Object>, Constructor<?>> constructors = new ConcurrentHashMap<>();

    @Override
    public <T> T create(Class<T> type, List<Class<?>> argTypes, List<Object> args) {
        if (argTypes == null || args == null || !type.isRecord()) {
            return super.create(type, argTypes, args);
        }
        Constructor<?> constructor = constructors.computeIfAbsent(List.of(type, List.copyOf(argTypes)),
                key -> accessible(type, argTypes));
        try {
            return type.cast(constructor.newInstance(args.toArray()));
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                 | IllegalArgumentException e) {
            throw new ReflectionException("Cannot create " + type.getName() + " with " + args + ": " + e, e);
        }
    }

    private static Constructor<?> accessible(Class<?> type, List<Class<?>> argTypes) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(argTypes.toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new ReflectionException("No constructor of " + type.getName() + " takes " + argTypes, e);
        }
    }
}
