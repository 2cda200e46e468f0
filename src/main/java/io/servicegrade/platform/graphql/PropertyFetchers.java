package io.servicegrade.platform.graphql;

import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusDataFetcherService;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;

/**
 * SmallRye GraphQL's data fetchers for this product (a {@code DataFetcherService}, found by the ServiceLoader through
 * {@code META-INF/services}): Quarkus' own for every operation and {@code @Source} field, and a
 * {@link PropertyFetcher} for each plain property of an object type, which reads it without building SmallRye's
 * per-field context (issue 21). SmallRye asks the services in ascending order of {@link #getPriority()} and takes
 * the first fetcher given: 0 comes before Quarkus' 1.
 */
public class PropertyFetchers extends QuarkusDataFetcherService {

    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    @SuppressWarnings("rawtypes") // SmallRye's signature
    public PlugableDataFetcher getFieldDataFetcher(Field field, Type type, Reference owner) {
        return new PropertyFetcher<>(field, owner);
    }
}
