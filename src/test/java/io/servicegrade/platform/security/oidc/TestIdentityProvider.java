package io.servicegrade.platform.security.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * An OpenID Connect provider for the tests, started once for every test boot (a global test resource): its
 * discovery document, its JWKS (one RSA key), an authorization endpoint that signs in at once whoever the test
 * names, and a token endpoint for the code it issued. Tests have it sign bearer tokens over HTTP
 * ({@code POST /test/sign}), with its own key or ({@code ?key=stranger}) with a key its JWKS does not hold, so a
 * test and the server share nothing but the protocol. The server checks everything a real provider's tokens get
 * checked for: nothing is switched off for tests.
 */
@WithTestResource(value = TestIdentityProvider.class, scope = TestResourceScope.GLOBAL)
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    /** The realm path, as Keycloak's: {@code <provider>/realms/test}. */
    static final String REALM = "/realms/test";
    static final String CLIENT_ID = "servicegrade";
    static final String CLIENT_SECRET = "servicegrade-test-client-secret-of-32-and-more-chars";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpServer server;
    private RsaJsonWebKey key;
    private RsaJsonWebKey stranger;
    private String issuer;
    /** Codes the authorization endpoint issued: the claims of whom they sign in, and the nonce asked for. */
    private final Map<String, ObjectNode> codes = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-provider");
            stranger = RsaJwkGenerator.generateJwk(2048);
            stranger.setKeyId("test-provider");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (JoseException | IOException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "test-identity-provider");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return Map.of("servicegrade-test.oidc-provider", issuer);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case REALM + "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case REALM + "/protocol/openid-connect/certs" ->
                        json(exchange, 200, JSON.readTree(new JsonWebKeySet(key).toJson()));
                case REALM + "/protocol/openid-connect/auth" -> authorize(exchange, query);
                case REALM + "/protocol/openid-connect/token" -> token(exchange);
                case "/test/sign" -> {
                    ObjectNode claims = (ObjectNode) JSON.readTree(body(exchange));
                    RsaJsonWebKey signer = "stranger".equals(query.get("key")) ? stranger : key;
                    text(exchange, 200, sign(claims, signer));
                }
                default -> text(exchange, 404, "not found");
            }
        } catch (JoseException | RuntimeException e) {
            text(exchange, 500, String.valueOf(e));
        }
    }

    private JsonNode discovery() {
        ObjectNode document = JSON.createObjectNode();
        String base = issuer + "/protocol/openid-connect";
        document.put("issuer", issuer);
        document.put("authorization_endpoint", base + "/auth");
        document.put("token_endpoint", base + "/token");
        document.put("jwks_uri", base + "/certs");
        document.putArray("response_types_supported").add("code");
        document.putArray("subject_types_supported").add("public");
        document.putArray("id_token_signing_alg_values_supported").add("RS256");
        document.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        return document;
    }

    /**
     * Signs in at once the person a test names in {@code person} (base64url JSON of their claims), as if they had
     * typed their password at the provider, and sends the browser back with a code.
     */
    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || query.get("redirect_uri") == null || query.get("person") == null) {
            text(exchange, 400, "bad authorization request");
            return;
        }
        ObjectNode person = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(query.get("person")));
        if (query.get("nonce") != null) {
            person.put("nonce", query.get("nonce"));
        }
        String code = random();
        codes.put(code, person);
        String redirect = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?")
                + "code=" + code + (query.get("state") == null ? ""
                        : "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Location", redirect);
        exchange.sendResponseHeaders(302, -1);
    }

    /** The tokens for a code this provider issued, once, to this client with its secret. */
    private void token(HttpExchange exchange) throws IOException, JoseException {
        Map<String, String> form = form(body(exchange));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        boolean client = expected.equals(basic)
                || CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
        ObjectNode person = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (!client || person == null || !"authorization_code".equals(form.get("grant_type"))) {
            json(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant"));
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        ObjectNode access = person.deepCopy();
        access.remove("nonce");
        access.put("iss", issuer).put("aud", CLIENT_ID).put("iat", now).put("exp", now + 300);
        ObjectNode id = person.deepCopy();
        id.put("iss", issuer).put("aud", CLIENT_ID).put("azp", CLIENT_ID).put("iat", now).put("exp", now + 300);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("access_token", sign(access, key));
        answer.put("id_token", sign(id, key));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        json(exchange, 200, answer);
    }

    private static String sign(ObjectNode claims, RsaJsonWebKey signer) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toString());
        jws.setKey(signer.getPrivateKey());
        jws.setKeyIdHeaderValue(signer.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The provider's issuer for a test: what its tokens say in {@code iss}. */
    static URI issuer(String provider) {
        return URI.create(provider);
    }
}
