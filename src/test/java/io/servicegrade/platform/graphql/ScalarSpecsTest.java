package io.servicegrade.platform.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A code generator reads what each custom scalar is from introspection: a description and the URL of its
 * specification ({@code specifiedByURL}, as graphql-js 16's introspection query asks for it).
 */
@QuarkusTest
class ScalarSpecsTest {

    @Test
    void everyCustomScalarSaysWhatItIsAndWhereItIsSpecified() {
        // one __schema read (graphql-java refuses __type asked for more than once as bad-faith introspection)
        given().contentType(ContentType.JSON).body(Map.of("query",
                        "{ __schema { types { name kind description specifiedByURL } } }"))
                .post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body(scalar("BigDecimal") + ".kind", equalTo("SCALAR"))
                .body(scalar("BigDecimal") + ".description", containsString("exact decimal"))
                .body(scalar("BigDecimal") + ".specifiedByURL", equalTo("https://www.rfc-editor.org/rfc/rfc8259#section-6"))
                .body(scalar("BigInteger") + ".description", containsString("whole number"))
                .body(scalar("BigInteger") + ".specifiedByURL", equalTo("https://www.rfc-editor.org/rfc/rfc8259#section-6"))
                .body(scalar("Date") + ".description", containsString("2025-03-31"))
                .body(scalar("Date") + ".specifiedByURL", equalTo("https://scalars.graphql.org/andimarek/local-date.html"))
                .body(scalar("DateTime") + ".description", containsString("offset"))
                .body(scalar("DateTime") + ".specifiedByURL", equalTo("https://scalars.graphql.org/andimarek/date-time.html"))
                .body(scalar("String") + ".specifiedByURL", nullValue());
    }

    private static String scalar(String name) {
        return "data.__schema.types.find { it.name == '" + name + "' }";
    }
}
