package io.servicegrade.platform.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.servicegrade.platform.audit.AuditIntent;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CallerResolver;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every GraphQL mutation does around its own work, in one place: who calls (the key sent as REST takes it,
 * {@code Authorization: Bearer} or {@code X-Api-Key}, refused as REST refuses it; over a WebSocket also in the
 * {@code connection_init} payload, {@link #credentials}), and how its end becomes the
 * payload: a refusal of the input ({@link UserErrors#isInput}) becomes the payload's {@code userErrors}, from the
 * very problem REST answers with; any other failure is the top-level GraphQL error of that problem
 * ({@link Problems#graphql}).
 */
@ApplicationScoped
public class MutationCalls {

    static final String API_KEY = "X-Api-Key";
    static final String AUTHORIZATION = "Authorization";
    /** Where SmallRye GraphQL keeps a WebSocket's {@code connection_init} payload in the GraphQL context. */
    static final String INIT_PAYLOAD = "init-payload";

    @Inject
    CallerResolver callers;

    @Inject
    UserErrors userErrors;

    @Inject
    Problems problems;

    @Inject
    AuditIntents audit;

    @Inject
    io.smallrye.graphql.api.Context context;

    /** The caller of any live key (REST's {@code @Access(AGENCY)}); no key or a dead one fails with 401. */
    public Uni<Caller> caller() {
        return acting(Access.Level.AGENCY);
    }

    /** The caller of the admin key (REST's default for writes); an agency's key fails with 403. */
    public Uni<Caller> admin() {
        return acting(Access.Level.ADMIN);
    }

    /**
     * The caller of the credential sent, refused as REST refuses it when it has less than {@code needed}; once
     * found, and before that check, named in the audit intent of the mutation it is found for (none for a query),
     * which arms it: a mutation refused with 403 is recorded by who was refused, as REST's is.
     */
    private Uni<Caller> acting(Access.Level needed) {
        String[] sent = credentials();
        return Uni.createFrom().context(context -> callers.requireFromHeaders(sent[0], sent[1], needed, caller -> {
            if (context.getOrElse(AuditIntents.KEY, () -> null) instanceof AuditIntent intent) {
                intent.actor(caller.keyId(), caller.accountId(), caller.agencyId());
            }
        }));
    }

    /** The caller of a person's token, whatever its roles (REST's {@code @Access(ACCOUNT)}; issue 16: me). */
    public Uni<Caller> account() {
        return acting(Access.Level.ACCOUNT);
    }

    /** The operation's {@code Accept-Language} (over a WebSocket, its upgrade request's), or null. */
    public String acceptLanguage() {
        return GraphQLLimits.header(userErrors.graphqlContext(), "Accept-Language");
    }

    /**
     * The caller of the key or token sent, or null when none was sent or it is not live (an open read, such as a
     * standings board, answers such a caller as anyone; issue 16).
     */
    public Uni<Caller> optionalCaller() {
        String[] sent = credentials();
        return callers.fromHeaders(sent[0], sent[1]);
    }

    /** The caller of a key or token that may publish periods (the admin, an analyst; issue 16); else 403. */
    public Uni<Caller> publisher() {
        return acting(Access.Level.PUBLISH);
    }

    /**
     * The {@code X-Api-Key} and {@code Authorization} the operation came with: the request's headers (over HTTP;
     * over a WebSocket, its upgrade request's), or, when they carry neither, the members of those names in the
     * WebSocket's {@code connection_init} payload (names compared without case), where a browser's client puts
     * them (a page cannot set a WebSocket's headers). Read from the operation's GraphQL context, which SmallRye
     * GraphQL fills for both transports; not from {@code CurrentVertxRequest}, which over a WebSocket holds the
     * upgrade request only, never the payload.
     */
    String[] credentials() {
        GraphQLContext graphql = userErrors.graphqlContext();
        if (graphql == null) {
            return new String[] {null, null};
        }
        String apiKey = GraphQLLimits.header(graphql, API_KEY);
        String authorization = GraphQLLimits.header(graphql, AUTHORIZATION);
        if (apiKey == null && authorization == null && graphql.get(INIT_PAYLOAD) instanceof Map<?, ?> payload) {
            apiKey = member(payload, API_KEY);
            authorization = member(payload, AUTHORIZATION);
        }
        return new String[] {apiKey, authorization};
    }

    private static String member(Map<?, ?> payload, String name) {
        for (Map.Entry<?, ?> entry : payload.entrySet()) {
            if (name.equalsIgnoreCase(String.valueOf(entry.getKey()))) {
                Object value = entry.getValue();
                if (value instanceof JsonString text) {
                    return text.getString();
                }
                return value instanceof String text ? text : null;
            }
        }
        return null;
    }

    /**
     * {@code work}'s payload; when it fails with a refusal of the input, the payload {@code refused} makes of the
     * user errors; any other failure becomes the GraphQL error of the operation {@code what} (for the log).
     */
    public <P> Uni<P> payload(Uni<P> work, Function<List<UserError>, P> refused, String what) {
        AuditIntent intent = auditIntent();
        return audited(work, intent).onFailure(MutationCalls::isInput)
                .recoverWithItem(e -> refused.apply(userErrors.of((ProblemException) e)))
                .onFailure().transform(e -> problems.graphql(e, what));
    }

    /**
     * The audit intent of the mutation being fetched (issue 16): its action from the field's name, its target from
     * its arguments; armed when {@link #caller} or {@link #admin} finds who calls.
     */
    private AuditIntent auditIntent() {
        try {
            DataFetchingEnvironment environment = context.unwrap(DataFetchingEnvironment.class);
            return environment == null ? null
                    : audit.openMutation(environment.getField().getName(), environment.getArguments(),
                            GraphQLLimits.header(environment.getGraphQlContext(), GraphQLPeer.HEADER));
        } catch (RuntimeException e) {
            return null; // not inside a field's fetching
        }
    }

    /**
     * {@code work} with {@code intent} in its subscription context, where the transaction it opens finds it
     * ({@code Transactions.write}, {@code Audited}); what no transaction recorded (a refusal of a known caller, a
     * write through a path without the hook) is recorded once its end is known.
     */
    private <P> Uni<P> audited(Uni<P> work, AuditIntent intent) {
        if (intent == null) {
            return work;
        }
        return work.call(item -> audit.afterAnswer(intent, 200))
                .onFailure().call(e -> audit.afterAnswer(intent, e instanceof ProblemException p ? p.status() : 500))
                .withContext((uni, context) -> {
                    context.put(AuditIntents.KEY, intent);
                    return uni;
                });
    }

    /** Whether {@code failure} is a refusal of the mutation's input, answered in its payload. */
    public static boolean isInput(Throwable failure) {
        return failure instanceof ProblemException p && UserErrors.isInput(p);
    }
}
