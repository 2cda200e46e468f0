package io.servicegrade.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.GraphqlCall;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Webhooks over GraphQL (issue 19): the same rules as REST, refusals as userErrors naming the same fields. */
@QuarkusTest
class WebhookGraphQLTest {

    static final String CREATE = """
            mutation($input: CreateWebhookInput!) {
              createWebhook(input: $input) {
                webhook { id url kinds active description }
                secret
                userErrors { pointer code message }
              }
            }""";

    static final String UPDATE = """
            mutation($id: String!, $input: UpdateWebhookInput!) {
              updateWebhook(id: $id, input: $input) {
                webhook { id kinds active description }
                userErrors { pointer code message }
              }
            }""";

    static final String ROTATE = """
            mutation($id: String!) { rotateWebhookSecret(id: $id) { secret userErrors { pointer code } } }""";

    static final String DELETE = """
            mutation($id: String!) { deleteWebhook(id: $id) { count userErrors { pointer code } } }""";

    static final String READ = """
            query($id: String!) {
              webhook(id: $id) { id url kinds }
              webhookDeliveries(webhook: $id) { id state log { status } }
            }""";

    @Test
    void theAdministratorManagesSubscriptionsAndRefusalsNameTheFields() {
        String admin = TestApi.adminKey();
        GraphqlCall.bearer(admin, CREATE, Map.of("input", Map.of("url", "https://10.0.0.1/in",
                        "kinds", List.of("appeal.filed", "nope"))))
                .then().statusCode(200)
                .body("data.createWebhook.webhook", nullValue())
                .body("data.createWebhook.secret", nullValue())
                .body("data.createWebhook.userErrors.pointer", containsInAnyOrder("/kinds/1"));
        GraphqlCall.bearer(admin, CREATE, Map.of("input", Map.of("url", "https://10.0.0.1/in",
                        "kinds", List.of("appeal.filed"))))
                .then().statusCode(200)
                .body("data.createWebhook.userErrors.pointer", contains("/url"));
        String url = "http://127.0.0.1:9/gql-" + TestApi.freshPrefix();
        var created = GraphqlCall.bearer(admin, CREATE, Map.of("input", Map.of("url", url,
                        "kinds", List.of("period.closed"), "active", false, "description", "图 gql")))
                .then().statusCode(200)
                .body("data.createWebhook.userErrors", hasSize(0))
                .body("data.createWebhook.secret", startsWith("whsec_"))
                .body("data.createWebhook.webhook.active", equalTo(false))
                .extract();
        String id = created.path("data.createWebhook.webhook.id");
        String secret = created.path("data.createWebhook.secret");
        GraphqlCall.bearer(admin, UPDATE, Map.of("id", id, "input", Map.of("kinds",
                        List.of("period.closed", "period.published"), "description", "")))
                .then().statusCode(200)
                .body("data.updateWebhook.userErrors", hasSize(0))
                .body("data.updateWebhook.webhook.kinds", contains("period.closed", "period.published"))
                .body("data.updateWebhook.webhook.active", equalTo(false))
                .body("data.updateWebhook.webhook.description", nullValue());
        String rotated = GraphqlCall.bearer(admin, ROTATE, Map.of("id", id)).then().statusCode(200)
                .extract().path("data.rotateWebhookSecret.secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        String analyst = AppealFixture.token(List.of("analyst"), List.of());
        GraphqlCall.bearer(analyst, READ, Map.of("id", id)).then().statusCode(200)
                .body("data.webhook.url", equalTo(url))
                .body("data.webhookDeliveries", hasSize(0));
        GraphqlCall.bearer(analyst, ROTATE, Map.of("id", id)).then().statusCode(200)
                .body("data.rotateWebhookSecret", nullValue())
                .body("errors.extensions.code", contains("FORBIDDEN"));
        GraphqlCall.bearer(admin, DELETE, Map.of("id", id)).then().statusCode(200)
                .body("data.deleteWebhook.count", equalTo(1));
        GraphqlCall.bearer(admin, DELETE, Map.of("id", id)).then().statusCode(200)
                .body("data.deleteWebhook", nullValue())
                .body("errors.extensions.code", contains("NOT_FOUND"));
    }
}
