package dev.inspectorate.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/** What every service offers operators without a token, checked the same way in each service's tests. */
public final class ServiceBasics {
    private ServiceBasics() {}

    /**
     * Ready on its database, live, OpenAPI titled {@code apiTitle} whose every operation documents its problem+json
     * error responses, Swagger UI, Prometheus metrics.
     */
    public static void check(String apiTitle) {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL connections")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString(apiTitle));
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> op && op.get("responses") instanceof Map<?, ?> responses) {
                assertTrue(responses.entrySet().stream().anyMatch(r -> r.getKey().toString().startsWith("4")
                        && r.getValue().toString().contains("application/problem+json")),
                        method + " " + path + " documents no problem+json error response");
            }
        }));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
