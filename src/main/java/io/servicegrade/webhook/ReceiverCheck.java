package io.servicegrade.webhook;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Message;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Applies {@link Receivers} to a URL with its host resolved (on a worker thread: resolving blocks), when a
 * subscription is made or changed and again before each attempt, so a name that comes to resolve to an internal
 * address later (DNS rebinding) is refused then; the attempt connects to the very address that was checked.
 */
@ApplicationScoped
class ReceiverCheck {

    @Inject
    ServiceGradeConfig config;

    /** The URL's host resolved and judged: the address to connect to, or the refusal. */
    record Verdict(InetAddress address, Receivers.Refusal refusal) {
    }

    Uni<Verdict> check(String url) {
        boolean insecure = config.webhooks().allowInsecure();
        Receivers.Refusal form = Receivers.form(url, insecure);
        if (form != null) {
            return Uni.createFrom().item(new Verdict(null, form));
        }
        URI uri = Receivers.parse(url);
        return Uni.createFrom().item(() -> resolve(uri.getHost()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(addresses -> {
                    Receivers.Refusal refusal = Receivers.check(url, addresses, insecure);
                    return new Verdict(refusal == null ? addresses.get(0) : null, refusal);
                });
    }

    private static List<InetAddress> resolve(String host) {
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return Arrays.asList(InetAddress.getAllByName(bare));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** The refusal as a person reads it, for the subscription's {@code /url}. */
    static Message message(Receivers.Refusal refusal) {
        String host = refusal.host();
        return switch (refusal.kind()) {
            case Receivers.INSECURE -> m -> m.webhookUrlInsecure();
            case Receivers.PRIVATE -> m -> m.webhookUrlPrivate(host);
            case Receivers.UNRESOLVED -> m -> m.webhookUrlUnresolved(host);
            default -> m -> m.webhookUrl();
        };
    }
}
