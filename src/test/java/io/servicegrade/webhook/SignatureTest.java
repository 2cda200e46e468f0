package io.servicegrade.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules of webhooks (issue 19): the signature, the backoff, the receivers a webhook may go to. */
class SignatureTest {

    @Test
    void signaturesReproduceTheStandardWebhooksTestVector() {
        // the test vector published with the Standard Webhooks reference libraries: a receiver's library accepts
        // exactly this signature for this secret, id, timestamp and body
        assertThat(Signature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretIsWhsecAnd32RandomBytes() {
        String a = Signature.newSecret();
        assertThat(a).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        assertThat(Signature.newSecret()).isNotEqualTo(a);
    }

    @Test
    void theWaitDoublesFromTheFirstDelayUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), 2, Duration.ofMinutes(1));
        // 10 s, 20 s, 40 s, then 80 s capped at 60 s
        assertThat(List.of(backoff.after(1), backoff.after(2), backoff.after(3), backoff.after(4), backoff.after(30)))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                        Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    @Test
    void receiversMustBePublicHttpsUnlessLoopbackIsAllowed() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress metadata = InetAddress.getByName("169.254.169.254");
        InetAddress privateNet = InetAddress.getByName("10.1.2.3");
        InetAddress mapped = InetAddress.getByName("::ffff:192.168.1.1");
        InetAddress uniqueLocal = InetAddress.getByName("fd00::1");
        InetAddress publicOne = InetAddress.getByName("93.184.216.34");
        String https = "https://hooks.example/in";
        assertThat(Receivers.check(https, List.of(publicOne), false)).isNull();
        for (InetAddress internal : List.of(loopback, metadata, privateNet, mapped, uniqueLocal)) {
            assertThat(Receivers.check(https, List.of(internal), false).kind()).as(internal.toString())
                    .isEqualTo(Receivers.PRIVATE);
        }
        // one internal address among public ones is enough to refuse
        assertThat(Receivers.check(https, List.of(publicOne, privateNet), false).kind()).isEqualTo(Receivers.PRIVATE);
        assertThat(Receivers.check("http://hooks.example/in", List.of(publicOne), false).kind())
                .isEqualTo(Receivers.INSECURE);
        assertThat(Receivers.check(https, List.of(), false).kind()).isEqualTo(Receivers.UNRESOLVED);
        assertThat(Receivers.check("ftp://hooks.example/in", List.of(publicOne), false).kind())
                .isEqualTo(Receivers.NOT_A_URL);
        assertThat(Receivers.check("https://user:pw@hooks.example/in", List.of(publicOne), false).kind())
                .isEqualTo(Receivers.NOT_A_URL);
        // allowed insecure: http to loopback only, and still never a private network
        assertThat(Receivers.check("http://127.0.0.1:9/in", List.of(loopback), true)).isNull();
        assertThat(Receivers.check("http://hooks.example/in", List.of(publicOne), true).kind())
                .isEqualTo(Receivers.INSECURE);
        assertThat(Receivers.check(https, List.of(privateNet), true).kind()).isEqualTo(Receivers.PRIVATE);
    }
}
