package dev.inspectorate.caseassessment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document: every operation says which problems it answers with, and the main bodies have examples. */
@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class OpenApiTest {
    static final Set<String> WRITES = Set.of("post", "put", "delete");

    @Test
    void everyOperationDocumentsItsProblemResponses() throws Exception {
        JsonNode doc = openApi();
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : doc.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                if (!Set.of("get", "post", "put", "delete").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                List<String> expected = new ArrayList<>(List.of("401", "403"));
                if (path.getKey().contains("{")) {
                    expected.add("404");
                }
                if (WRITES.contains(op.getKey())) {
                    expected.add("409");
                }
                if (op.getValue().has("requestBody") || op.getValue().has("parameters")
                        || path.getValue().has("parameters")) {
                    expected.add("400");
                }
                for (String code : expected) {
                    JsonNode r = op.getValue().path("responses").path(code);
                    String ref = r.path("content").path("application/problem+json").path("schema").path("$ref").asText();
                    if (!ref.equals("#/components/schemas/Problem") || r.path("description").asText().isBlank()) {
                        missing.add(name + " " + code);
                    }
                }
                if (op.getValue().path("description").asText().isBlank()) {
                    missing.add(name + " has no description");
                }
            }
        }
        assertEquals(List.of(), missing);
        // 26 resource methods; the JSON and CSV sample imports are one operation with two request media types.
        assertEquals(25, operations);
        JsonNode problem = doc.path("components").path("schemas").path("Problem");
        assertEquals(List.of("type", "title", "status"), new ObjectMapper().convertValue(problem.path("required"), List.class));
        assertEquals("array", problem.path("properties").path("violations").path("type").asText());
    }

    @Test
    void theMainRequestsHaveExamples() throws Exception {
        JsonNode paths = openApi().path("paths");
        JsonNode sample = paths.path("/inspections/{id}/cases").path("post").path("requestBody").path("content");
        assertEquals("C001,licence,high,male,white,yes,1,3,no",
                sample.path("text/csv").path("examples").path("two cases").path("value").asText().lines().toList().get(1));
        assertEquals("C002", sample.path("application/json").path("examples").path("two cases").path("value").get(1)
                .path("caseId").asText(sample.toString()));
        assertEquals("array", sample.path("application/json").path("schema").path("type").asText());
        JsonNode batch = paths.path("/inspections/{id}/judgements").path("post");
        assertEquals(2, batch.path("requestBody").path("content").path("application/json").path("examples")
                .path("two judgements").path("value").path("judgements").size());
        assertEquals("SUFFICIENT", paths.path("/inspections/{id}/cases/{case}/judgements/{question}").path("put")
                .path("requestBody").path("content").path("application/json").path("examples").path("sufficient")
                .path("value").path("answer").asText());
    }

    private static JsonNode openApi() throws Exception {
        return new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }
}
