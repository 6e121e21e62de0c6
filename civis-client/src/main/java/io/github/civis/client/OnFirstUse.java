package io.github.civis.client;

import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A value made on first use and the same instance ever after: how the client keeps each of its
 * workflows. Made lazily because making one loads the classes of the API groups it uses, which an
 * application that never calls it should not pay for.
 *
 * @param <T> the value's type
 */
final class OnFirstUse<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile @Nullable T value;

    OnFirstUse(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = Objects.requireNonNull(factory.get(), "made nothing");
                    value = current;
                }
            }
        }
        return current;
    }

    /** The value if it has been made, else {@code null}. */
    @Nullable T ifMade() {
        return value;
    }
}
