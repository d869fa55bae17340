package dev.inspectorate.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.testing.ServiceBasics;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "scoring")
class ServiceBasicsTest {

    @Test
    void readyOnItsDatabaseWithOpenApiAndMetrics() {
        ServiceBasics.check("Scoring API");
    }

    /** The scores endpoints document their refusals, asOf, and by's values (the same as the code accepts). */
    @Test
    void theOpenApiDocumentDescribesTheScoresEndpoints() {
        var api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : List.of("/inspections/{id}/scores", "/inspections/{id}/scores/questions",
                "/inspections/{id}/scores/breakdown")) {
            api.body("paths.'" + path + "'.get.responses", hasKey("400"))
                    .body("paths.'" + path + "'.get.responses", hasKey("404"));
        }
        for (String path : List.of("/inspections/{id}/scores", "/inspections/{id}/scores/questions")) {
            api.body("paths.'" + path + "'.get.parameters.find { it.name == 'asOf' }.description",
                    containsString("1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
        }
        api.body("paths.'/inspections/{id}/scores/breakdown'.get.parameters.find { it.name == 'by' }.schema.enum",
                        equalTo(CaseCharacteristics.NAMES))
                .body("components.schemas.ScoresView.examples[0].revision", equalTo(12))
                .body("components.schemas.ScoresView.description", containsString("asOf"))
                .body("components.schemas.Breakdown.examples[0]", notNullValue())
                .body("components.schemas.QuestionView.examples[0].questionId", equalTo("1.2.01"));
    }
}
