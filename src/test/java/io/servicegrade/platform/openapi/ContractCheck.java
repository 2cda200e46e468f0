package io.servicegrade.platform.openapi;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.List;

/**
 * Every REST answer any test receives through RestAssured is checked against the document the server serves
 * ({@link ServedContract}): its status must be documented for the operation, its content type too, and a JSON body
 * must fit the documented schema; otherwise the test fails there, naming the departure. So the document cannot
 * drift from what is sent. Registered for every test class by JUnit's extension autodetection
 * ({@code META-INF/services}, {@code junit-platform.properties}); {@code -Dservicegrade-test.openapi-check=false} turns
 * it off.
 */
public final class ContractCheck implements BeforeAllCallback, Filter {

    private static final ContractCheck INSTANCE = new ContractCheck();
    private static volatile boolean done;

    /**
     * Installs the check in the RestAssured the test class sees: a {@code @QuarkusTest} class is loaded by Quarkus'
     * own class loader, with its own copy of RestAssured's static settings.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws ReflectiveOperationException {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        if (loader == ContractCheck.class.getClassLoader()) {
            install();
        } else {
            loader.loadClass(ContractCheck.class.getName()).getMethod("install").invoke(null);
        }
    }

    /** Whether the check is among the RestAssured filters of this class loader. */
    public static boolean installed() {
        return RestAssured.filters().contains(INSTANCE);
    }

    /** Adds the check to RestAssured's filters once. */
    public static synchronized void install() {
        if (done || "false".equals(System.getProperty("servicegrade-test.openapi-check"))) {
            return;
        }
        RestAssured.filters(INSTANCE);
        done = true;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected,
            FilterContext context) {
        Response response = context.next(request, expected);
        URI uri = URI.create(request.getURI());
        String method = request.getMethod();
        if (!uri.getPath().startsWith("/api/") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return response;
        }
        String base = uri.getScheme() + "://" + uri.getAuthority();
        List<String> departures = ServedContract.at(base).departures(method, uri.getPath(), response.statusCode(),
                response.contentType(), response.asString());
        if (!departures.isEmpty()) {
            throw new AssertionError("The answer departs from /q/openapi:\n  " + String.join("\n  ", departures)
                    + "\nbody: " + abbreviated(response.asString()));
        }
        return response;
    }

    private static String abbreviated(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
    }
}
