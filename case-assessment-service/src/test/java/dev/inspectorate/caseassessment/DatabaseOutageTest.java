package dev.inspectorate.caseassessment;

import static dev.inspectorate.caseassessment.Api.INSPECTOR;
import static dev.inspectorate.caseassessment.Api.ORDER;
import static dev.inspectorate.caseassessment.Api.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.testing.TestInfrastructure;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With PostgreSQL stopped: clear 503s, readiness down, nothing half-written; once back, all works again. */
@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class DatabaseOutageTest {

    @Test
    void withTheDatabaseStoppedRequestsGet503AndNothingIsHalfWritten() {
        String id = "omi2-db-outage";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"));
        Api.assign(id, "C001", "martin.jolly");
        int before = history(id);
        TestInfrastructure.stopPostgres();
        try {
            Api.judge(INSPECTOR, id, "C001", "1.2.01", "SUFFICIENT").statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("https://inspectorate.dev/problems/unavailable"));
            as(INSPECTOR).get("/inspections/{id}", id).then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            TestInfrastructure.startPostgres();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
        assertEquals(before, history(id), "the refused judgement left no trace");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Api.judge(INSPECTOR, id, "C001", "1.2.01", "SUFFICIENT").statusCode(200));
        assertEquals(before + 1, history(id));
    }

    private static int history(String id) {
        return as(INSPECTOR).get("/inspections/{id}/cases/C001/history", id).then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }
}
