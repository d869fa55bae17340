package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document says what each operation takes and answers, errors included. */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class OpenApiTest {

    @Test
    void everyOperationDocumentsItsBodiesAndErrors() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        JsonNode paths = doc.path("paths");
        // Errors each operation can answer, as problem+json.
        Map<String, Set<String>> errors = Map.of(
                "get /reports/{id}", Set.of("403", "404", "406"),
                "get /reports/{id}/publications", Set.of("403", "404"),
                "post /reports/{id}/publications", Set.of("400", "403", "404", "409", "422"),
                "get /reports/{id}/publications/{number}", Set.of("403", "404", "406"),
                "put /reports/{id}/content/{part}", Set.of("400", "403", "404", "409"),
                "get /reports/{id}/suggestions", Set.of("403", "404"),
                "get /programmes/{framework}/comparison", Set.of("400", "403", "404"));
        List<String> missing = new ArrayList<>();
        errors.forEach((operation, statuses) -> {
            String[] mp = operation.split(" ");
            JsonNode responses = paths.path(mp[1]).path(mp[0]).path("responses");
            if (responses.isMissingNode()) {
                missing.add(operation + ": no such operation");
            }
            for (String status : statuses) {
                if (responses.path(status).path("content").path("application/problem+json").isMissingNode()) {
                    missing.add(operation + " " + status);
                }
            }
            if (responses.path("401").isMissingNode()) {
                missing.add(operation + " 401");
            }
        });
        assertEquals(List.of(), missing);

        // Each content part's body has an example.
        JsonNode put = paths.path("/reports/{id}/content/{part}").path("put");
        JsonNode examples = put.path("requestBody").path("content").path("application/json").path("examples");
        List<String> names = new ArrayList<>();
        examples.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("foreword, context, next-steps, service-users or summaries/{section}", "recommendations",
                "good-practice", "criteria/{criterion}"), names);
        for (String name : names) {
            JsonNode v = examples.path(name).path("value");
            assertTrue((v.isTextual() ? new ObjectMapper().readTree(v.asText()) : v).isObject(), name + " is a JSON object");
        }
        assertTrue(put.path("parameters").toString().contains("If-Match"));
        assertTrue(paths.path("/reports/{id}/publications").path("post").path("parameters").toString()
                .contains("Idempotency-Key"));

        // The PDF is binary; the report and the comparison are described.
        for (String path : List.of("/reports/{id}", "/reports/{id}/publications/{number}")) {
            JsonNode pdf = paths.path(path).path("get").path("responses").path("200").path("content").path("application/pdf");
            assertEquals("binary", pdf.path("schema").path("format").asText(), path);
        }
        JsonNode schemas = doc.path("components").path("schemas");
        for (String schema : List.of("Report", "Comparison", "Spread", "Version")) {
            assertFalse(schemas.path(schema).path("description").asText().isBlank(), schema + " has a description");
        }
    }
}
