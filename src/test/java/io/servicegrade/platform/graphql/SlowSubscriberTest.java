package io.servicegrade.platform.graphql;

import graphql.schema.DataFetcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscription whose client reads slower than its events come: a burst is kept for it up to
 * {@link ExecutionLimits#SUBSCRIBER_BUFFER} events, and past that the subscription ends with SUBSCRIBER_TOO_SLOW
 * (before, the change streams' broadcast failed it at once with an internal error when it had no demand left).
 */
class SlowSubscriberTest {

    private static Publisher<?> subscribe(BroadcastProcessor<Integer> events) throws Exception {
        DataFetcher<?> resolver = environment -> AdaptersToReactiveStreams.publisher(events);
        return (Publisher<?>) ExecutionLimits.onWorkers(resolver).get(null);
    }

    @Test
    void aBurstIsKeptForAClientThatReadsOneAtATime() throws Exception {
        BroadcastProcessor<Integer> events = BroadcastProcessor.create();
        var client = Multi.createFrom().publisher(AdaptersToFlow.publisher(subscribe(events)))
                .subscribe().withSubscriber(AssertSubscriber.<Object>create(1));
        // 2,000 events at once while the client has asked for one
        for (int i = 0; i < 2_000; i++) {
            events.onNext(i);
        }
        client.awaitItems(1);
        client.request(1_999);
        client.awaitItems(2_000);
        assertThat(client.getFailure()).isNull();
        assertThat(client.getItems().get(1_999)).isEqualTo(1_999);
    }

    @Test
    void aClientFurtherBehindThanTheBufferIsEndedWithTooSlow() throws Exception {
        BroadcastProcessor<Integer> events = BroadcastProcessor.create();
        var client = Multi.createFrom().publisher(AdaptersToFlow.publisher(subscribe(events)))
                .subscribe().withSubscriber(AssertSubscriber.<Object>create(0));
        // the kept events, those the hand-over to a worker thread holds (at most 256), and more: past the buffer
        for (int i = 0; i < ExecutionLimits.SUBSCRIBER_BUFFER + 1_000; i++) {
            events.onNext(i);
        }
        client.awaitFailure();
        assertThat(client.getFailure()).isInstanceOf(GraphQLRefusal.Refused.class);
        assertThat(((GraphQLRefusal.Refused) client.getFailure()).refusal().code()).isEqualTo("SUBSCRIBER_TOO_SLOW");
    }
}
