package io.servicegrade;

import java.lang.reflect.Proxy;
import java.util.function.Function;

/** Settings ({@code ServiceGradeConfig} and its groups) for a class tested without a Quarkus boot. */
public final class TestSettings {

    private TestSettings() {
    }

    /**
     * A settings interface answering each method by its name from {@code values}; a setting the test gives no
     * value for fails the test that reads it, naming the setting.
     */
    public static <T> T of(Class<T> type, Function<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> {
                    Object value = values.apply(method.getName());
                    if (value == null) {
                        throw new IllegalStateException("the test gives no value for the setting "
                                + type.getSimpleName() + "." + method.getName());
                    }
                    return value;
                }));
    }
}
