package io.servicegrade.platform.graphql;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * What one running GraphQL operation may take: {@code servicegrade.graphql.timeout} (counted from when it arrived;
 * after it no resolver starts, and one still waiting is given up, and the whole answer is the coded error
 * {@link GraphQLRefusal#TIMEOUT}) and {@code servicegrade.graphql.max-response} (the answer's size is counted
 * before it is written, and a larger one is replaced by {@link GraphQLRefusal#RESPONSE_TOO_LARGE}). A subscription's
 * place on its connection ({@link SubscriptionSlots}) is given back when its stream ends.
 *
 * <p>It also keeps execution off the event loop (issue 14: H1): each resolver's answer, and each event of a
 * subscription, is carried to a worker before graphql-java works on it, and the finished answer is handed on in the
 * order of the operation's Vert.x context ({@link #handOver}).
 */
@ApplicationScoped
public class ExecutionLimits implements Instrumentation {

    @Inject
    ServiceGradeConfig config;

    @Inject
    GraphQLLimits limits;

    /** The Vert.x context an operation came in on, in its GraphQL context ({@link #handOver}). */
    static final String ORIGIN = ExecutionLimits.class.getName() + ".origin";

    /**
     * When the operation must be done. One timer per operation (not one per resolver): every resolver still
     * waiting when it fires is given up.
     */
    static final class Deadline implements InstrumentationState {
        final long at;
        volatile boolean passed;
        private CompletableFuture<Object> expired;
        private Vertx vertx;
        private long timer = -1;

        Deadline(long at) {
            this.at = at;
        }

        long left() {
            return at - System.nanoTime();
        }

        /** Completes exceptionally when the time is up (started on first use, on the caller's Vert.x context). */
        synchronized CompletableFuture<Object> expired() {
            if (expired == null) {
                expired = new CompletableFuture<>();
                long millis = Math.max(1, left() / 1_000_000);
                Context context = Vertx.currentContext();
                Runnable expire = () -> {
                    passed = true;
                    expired.completeExceptionally(new TimeoutException());
                };
                if (context != null) {
                    vertx = context.owner();
                    timer = vertx.setTimer(millis, id -> expire.run());
                } else {
                    CompletableFuture.delayedExecutor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)
                            .execute(expire);
                }
            }
            return expired;
        }

        /** The operation is done: the timer is not needed any more. */
        synchronized void done() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }

    /**
     * graphql-java's own messages (a syntax error, a validation error, a variable of the wrong type) in the
     * request's language: Chinese from {@code i18n/*_zh.properties} when Accept-Language asks for zh first, else
     * graphql-java's English (the root bundle, whatever the JVM's default locale).
     */
    @Override
    public graphql.ExecutionInput instrumentExecutionInput(graphql.ExecutionInput input,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Context origin = Vertx.currentContext();
        if (origin != null && input.getGraphQLContext() != null) {
            input.getGraphQLContext().put(ORIGIN, origin); // where the answer is handed on ({@link #handOver})
        }
        boolean chinese = io.servicegrade.platform.problem.Languages.prefersChinese(
                GraphQLLimits.header(input.getGraphQLContext(), "Accept-Language"));
        return input.transform(b -> b.locale(chinese ? java.util.Locale.SIMPLIFIED_CHINESE : java.util.Locale.ROOT));
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Deadline(System.nanoTime() + config.graphql().timeout().toNanos());
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (parameters.getExecutionContext().getOperationDefinition().getOperation()
                == OperationDefinition.Operation.SUBSCRIPTION) {
            return parameters.isTrivialDataFetcher() ? fetcher : onWorkers(fetcher);
        }
        if (!(state instanceof Deadline deadline) || parameters.isTrivialDataFetcher()) {
            return fetcher;
        }
        return environment -> {
            long left = deadline.left();
            if (left <= 0) {
                deadline.passed = true;
                throw new GraphQLRefusal.Refused(new GraphQLRefusal(GraphQLRefusal.TIMEOUT, m -> ""));
            }
            Object value = fetcher.get(environment);
            if (value instanceof CompletionStage<?> stage) {
                return within(stage, deadline);
            }
            return value;
        };
    }

    /**
     * Events kept for a subscription its client has not read yet. A burst (a coverage plan's recount changes a row
     * per unit and month) comes faster than a client reads it over its WebSocket; without room the change streams
     * failed the subscription with an internal error. Past this many the subscription ends with
     * {@link GraphQLRefusal#SUBSCRIBER_TOO_SLOW}: the client subscribes again and reads the current state.
     */
    static final int SUBSCRIBER_BUFFER = 10_000;

    /**
     * A subscription's stream, each of whose events is turned into its answer (its fields completed) on a worker
     * thread, in order, rather than on the event loop the event was heard on (issue 14: H1); up to
     * {@link #SUBSCRIBER_BUFFER} events kept while its client is behind.
     */
    static DataFetcher<?> onWorkers(DataFetcher<?> fetcher) {
        return environment -> {
            Object value = fetcher.get(environment);
            if (value instanceof Publisher<?> stream) {
                Multi<?> events = Multi.createFrom().publisher(AdaptersToFlow.publisher(stream))
                        .onOverflow().buffer(SUBSCRIBER_BUFFER)
                        .onFailure(io.smallrye.mutiny.subscription.BackPressureFailure.class)
                        .transform(failure -> new GraphQLRefusal.Refused(new GraphQLRefusal(
                                GraphQLRefusal.SUBSCRIBER_TOO_SLOW, m -> m.graphqlSubscriberTooSlow(SUBSCRIBER_BUFFER))));
                return AdaptersToReactiveStreams.publisher(events.emitOn(Infrastructure.getDefaultWorkerPool()));
            }
            return value;
        };
    }

    /**
     * {@code stage}, or a failure when the deadline passes first; settled on a worker thread, so that graphql-java's
     * work on the answer (completing the fields under it, fetching their values, writing the response) does not run
     * on the event loop the resolver's I/O finished on (issue 14: H1).
     */
    static CompletableFuture<Object> within(CompletionStage<?> stage, Deadline deadline) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Context context = Vertx.currentContext();
        deadline.expired().whenComplete((value, failure) -> onWorker(context,
                () -> result.completeExceptionally(failure)));
        stage.whenComplete((value, failure) -> onWorker(context, () -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    /** Runs {@code work} here when this is not an event-loop thread, else on a worker of {@code context}. */
    private static void onWorker(Context context, Runnable work) {
        if (context == null || !Context.isOnEventLoopThread()) {
            work.run();
            return;
        }
        context.executeBlocking(() -> {
            work.run();
            return null;
        }, false);
    }

    /** The answer, checked against the limits; {@link #handOver} then hands it on in the connection's order. */
    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return CompletableFuture.completedFuture(checked(result, parameters, state));
    }

    /** The longest an ordered hand-over waits for graphql-java to attach what follows (it does so at once). */
    private static final long ATTACH_WAIT_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);

    /**
     * The final answer (after every instrumentation), handed on to SmallRye GraphQL, which writes it, on a worker
     * in the order of the operation's Vert.x context: one at a time per WebSocket connection. SmallRye GraphQL keeps
     * one per-operation context object for all operations of a connection and puts each answer into it just before
     * writing it out; two operations of one connection finishing at once on two workers would each write the
     * other's answer (a connection's operations used to finish one at a time on its event loop).
     *
     * <p>The writing must run inside the ordered turn, so the future given to graphql-java (the outermost
     * instrumentation's, {@link GraphQLLimits}) is completed there only once graphql-java has attached to it what
     * follows; it does so just after the instrumentation returns, on the calling thread, and the turn may start
     * before that. A future completed with nothing attached runs what is attached later in the attaching thread,
     * outside the turn (seen once in about ten runs of GraphQLOffTheEventLoopTest). The wait is on a worker and
     * lasts microseconds.
     */
    CompletableFuture<ExecutionResult> handOver(CompletableFuture<ExecutionResult> answer, GraphQLContext context) {
        Context origin = context == null ? null : context.get(ORIGIN);
        if (origin == null) {
            return answer;
        }
        CompletableFuture<ExecutionResult> handedOn = new CompletableFuture<>();
        answer.whenComplete((result, failure) -> origin.executeBlocking(() -> {
            long until = System.nanoTime() + ATTACH_WAIT_NANOS;
            while (handedOn.getNumberOfDependents() == 0 && System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
            return failure == null ? handedOn.complete(result) : handedOn.completeExceptionally(failure);
        }, true));
        return handedOn;
    }

    private ExecutionResult checked(ExecutionResult result, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        GraphQLContext context = parameters.getGraphQLContext();
        SubscriptionSlots.Slot slot = context == null ? null : context.get(GraphQLLimits.SUBSCRIPTION_SLOT);
        GraphQLSockets.Ends ends = context == null ? null : context.get(GraphQLSockets.Ends.KEY);
        String id = context == null ? null : context.get(GraphQLSockets.Ends.OPERATION);
        Object data = result.getData();
        if (data instanceof Publisher<?> stream) {
            if (slot == null) {
                return result;
            }
            return result.transform(b -> b.data(releasing(stream, slot, ends, id)));
        }
        if (ends != null && id != null) {
            ends.settled(id); // answered: the client's end of it is SmallRye GraphQL's to handle
        }
        if (slot != null && !slot.streaming()) {
            slot.release(); // refused or failed before its stream began (an event of a live stream keeps its place)
        }
        if (state instanceof Deadline deadline) {
            deadline.done();
        }
        if (state instanceof Deadline deadline && deadline.passed) {
            String limit = humane(config.graphql().timeout());
            return refused(new GraphQLRefusal(GraphQLRefusal.TIMEOUT, m -> m.graphqlTimeout(limit)), context);
        }
        long max = config.graphql().maxResponse().asLongValue();
        if (data != null && size(data, max) > max) {
            return refused(new GraphQLRefusal(GraphQLRefusal.RESPONSE_TOO_LARGE, m -> m.graphqlResponseTooLarge(max)),
                    context);
        }
        return result;
    }

    private ExecutionResult refused(GraphQLRefusal refusal, GraphQLContext context) {
        return ExecutionResultImpl.newExecutionResult().addError(refusal.toError(limits.messages(context))).build();
    }

    private static String humane(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * About how many bytes {@code value} takes as JSON (a character outside ASCII counted as 3), counting no
     * further than just past {@code max}.
     */
    static long size(Object value, long max) {
        long[] total = {0};
        measure(value, max, total);
        return total[0];
    }

    private static void measure(Object value, long max, long[] total) {
        if (total[0] > max) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            total[0] += 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                total[0] += text(String.valueOf(entry.getKey())) + 1;
                measure(entry.getValue(), max, total);
                if (total[0] > max) {
                    return;
                }
            }
        } else if (value instanceof List<?> list) {
            total[0] += 2;
            for (Object item : list) {
                total[0] += 1;
                measure(item, max, total);
                if (total[0] > max) {
                    return;
                }
            }
        } else if (value instanceof CharSequence text) {
            total[0] += text(text);
        } else {
            total[0] += String.valueOf(value).length();
        }
    }

    private static long text(CharSequence text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            bytes += text.charAt(i) < 0x80 ? 1 : 3;
        }
        return bytes;
    }

    /**
     * {@code stream}, giving {@code slot} back when it completes, fails or is cancelled; ended at once, its place given
     * back, when its client ended it before it began ({@link GraphQLSockets}: over a WebSocket, {@code ends} and its
     * operation's {@code id}; null otherwise).
     */
    private static <T> Publisher<T> releasing(Publisher<T> stream, SubscriptionSlots.Slot slot,
            GraphQLSockets.Ends ends, String id) {
        slot.streaming(true);
        Runnable settled = () -> {
            slot.release();
            if (ends != null && id != null) {
                ends.settled(id);
            }
        };
        return subscriber -> {
            if (ends != null && id != null && ends.ended(id)) {
                // ended before SmallRye GraphQL started it, which it then did anyway: its end, and nothing else
                settled.run();
                subscriber.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                subscriber.onComplete();
                return;
            }
            stream.subscribe(new Subscriber<T>() {
                @Override
                public void onSubscribe(Subscription subscription) {
                    Subscription handed = new Subscription() {
                        @Override
                        public void request(long n) {
                            subscription.request(n);
                        }

                        @Override
                        public void cancel() {
                            settled.run();
                            subscription.cancel();
                        }
                    };
                    subscriber.onSubscribe(handed);
                    if (ends != null && id != null && ends.ended(id)) {
                        // ended while it began, before SmallRye GraphQL could cancel it: cancelled here
                        handed.cancel();
                    }
                }

                @Override
                public void onNext(T item) {
                    slot.sent();
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable failure) {
                    settled.run();
                    subscriber.onError(failure);
                }

                @Override
                public void onComplete() {
                    settled.run();
                    subscriber.onComplete();
                }
            });
        };
    }
}
