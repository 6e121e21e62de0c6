package io.github.civis.conformance;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.github.civis.client.error.CivisTypeMismatchException;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.json.CivisObject;

/**
 * Calls every typed accessor of a returned object graph and reports the ones that cannot read
 * what the API sent. Such a value is still kept as sent (the check of the body passes); the
 * report says where the catalog declares a type the real API does not use.
 */
final class AccessorProbe {

    private AccessorProbe() {
    }

    /**
     * Walks a returned value.
     * @param value what a generated method returned
     * @param mismatch receives {@code Owner.field: declared X, sent kind} and the exception
     *        for each accessor that threw {@link CivisTypeMismatchException}
     */
    static void probe(Object value, BiConsumer<String, CivisTypeMismatchException> mismatch) {
        visit(value, mismatch, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void visit(Object value, BiConsumer<String, CivisTypeMismatchException> mismatch, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof CivisList<?> list) {
            try {
                for (Object element : list) {
                    visit(element, mismatch, seen);
                }
            }
            catch (CivisTypeMismatchException ex) {
                mismatch.accept(describe(ex), ex);
            }
            return;
        }
        if (value instanceof Iterable<?> iterable) {
            iterable.forEach(element -> visit(element, mismatch, seen));
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(element -> visit(element, mismatch, seen));
            return;
        }
        if (!(value instanceof CivisObject)) {
            return;
        }
        for (Method accessor : value.getClass().getMethods()) {
            if (accessor.getDeclaringClass() != value.getClass() || accessor.getParameterCount() != 0
                    || Modifier.isStatic(accessor.getModifiers()) || accessor.isSynthetic() || accessor.isBridge()) {
                continue;
            }
            try {
                visit(accessor.invoke(value), mismatch, seen);
            }
            catch (InvocationTargetException ex) {
                if (ex.getCause() instanceof CivisTypeMismatchException typeMismatch) {
                    mismatch.accept(describe(typeMismatch), typeMismatch);
                }
                else {
                    throw new ConformanceFailure(value.getClass().getSimpleName() + "." + accessor.getName()
                            + "() threw " + ex.getCause());
                }
            }
            catch (IllegalAccessException ex) {
                throw new ConformanceFailure("cannot call " + accessor + ": " + ex.getMessage());
            }
        }
    }

    private static String describe(CivisTypeMismatchException ex) {
        return ex.owner() + "." + ex.field() + ": declared " + ex.declaredType() + ", sent "
                + ex.actual().getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
