package io.servicegrade.platform.graphql;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Wrapper;
import io.smallrye.graphql.spi.ClassloadingService;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;

/**
 * Reads one property of a GraphQL object type (a record component, a getter or a public field: {@code rank},
 * {@code value}, {@code unit.code}) from its parent object, as SmallRye GraphQL's own {@code FieldDataFetcher} does,
 * but without what that one does around every read: it puts a copy of SmallRye's request context on the thread and
 * builds the selected-fields JSON of the field ({@code SmallRyeContextManager.populateFromDataFetchingEnvironment}),
 * for every field of every row. A page of 50 standings has about 1,250 such fields, and that work was most of the
 * page's time (issue 21). A property read needs no context: nothing of ours reads SmallRye's {@code Context} in a
 * getter (resolvers and {@code @Source} fields, which do, keep SmallRye's and Quarkus' fetchers).
 *
 * <p>The value is handed on as read, unless SmallRye would change it: a scalar whose Java class is not the one the
 * GraphQL scalar takes (a date written as text, a {@code long} as a big integer), an adapter, a map, an array or an
 * optional. Those go through SmallRye's {@link FieldHelper}, as before. A getter that fails fails the field, which
 * graphql-java reports as an error at the field's path.
 */
final class PropertyFetcher<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {

    /** SmallRye's optional primitives, which it turns from the GraphQL value into Java's {@code OptionalInt}... */
    private static final Set<String> OPTIONAL_PRIMITIVES = Set.of("java.util.OptionalInt", "java.util.OptionalLong",
            "java.util.OptionalDouble");

    private final Field field;
    private final Reference owner;
    /** SmallRye's transformation of the value, or null when it would give the value back unchanged. */
    private final Conversion conversion;
    /** The accessor, made on the first read (the owner's class is loaded then, as SmallRye does). */
    private volatile MethodHandle reader;

    PropertyFetcher(Field field, Reference owner) {
        this.field = field;
        this.owner = owner;
        Conversion helper = new Conversion(field);
        this.conversion = helper.needed() ? helper : null;
    }

    /** Whether this fetcher hands values on unchanged (no SmallRye transformation or adapter). */
    boolean direct() {
        return conversion == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(DataFetchingEnvironment environment) throws Exception {
        Object source = environment.getSource();
        if (source == null) {
            return null;
        }
        Object value;
        try {
            value = reader().invokeExact(source);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return (T) (conversion == null ? value : conversion.transformOrAdaptResponse(value, environment));
    }

    private MethodHandle reader() throws ReflectiveOperationException {
        MethodHandle handle = reader;
        if (handle == null) {
            Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            handle = field.getMethodName() == null
                    ? lookup.unreflectGetter(type.getField(field.getPropertyName()))
                    : lookup.unreflect(type.getMethod(field.getMethodName()));
            handle = handle.asType(MethodType.methodType(Object.class, Object.class));
            reader = handle;
        }
        return handle;
    }

    /** SmallRye's transformation and adapters for one field, and whether they would change its value. */
    static final class Conversion extends FieldHelper {
        private final Field field;

        Conversion(Field field) {
            super(field);
            this.field = field;
        }

        /**
         * Whether SmallRye's {@code transformOrAdapt} could give back anything but the value itself, by SmallRye's
         * own tests. A list (or set) is copied by it into a new one of its declared class, which graphql-java
         * reads the same as the original: only its items' conversion matters.
         */
        boolean needed() {
            if (shouldTransform(field) || shouldAdapt(field) || field.hasTransformation()
                    || OPTIONAL_PRIMITIVES.contains(field.getReference().getClassName())) {
                return true;
            }
            if (!field.hasWrapper()) {
                return false;
            }
            Wrapper wrapper = field.getWrapper();
            return !wrapper.isCollection() || wrapper.isMap() || wrapper.isArray() || wrapper.isOptional()
                    || wrapper.isUnknown() || wrapper.getWrapper() != null;
        }
    }
}
