package dev.inspectorate.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** What every service offers operators without a token, checked the same way in each service's tests. */
public final class ServiceBasics {
    private ServiceBasics() {}

    /** Ready on its database, live, OpenAPI titled {@code apiTitle}, Swagger UI, Prometheus metrics. */
    public static void check(String apiTitle) {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL connections")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString(apiTitle));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
