package dev.inspectorate.caseassessment;

import static dev.inspectorate.caseassessment.Api.LICENCE;
import static dev.inspectorate.caseassessment.Api.ORDER;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.caseassessment.store.Reads;
import dev.inspectorate.testing.HostileInput;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every write endpoint against hostile bodies: never a 5xx, and a refused request appends nothing. */
@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class HostileInputTest {
    static final String ID = "omi2-hostile";

    @Inject
    Reads reads;

    record Endpoint(String method, String path, String token, String validJson, boolean csv) {}

    @Test
    void noWriteEndpointAnswers5xxOrHalfWritesAHostileRequest() {
        Api.inspection(ID);
        Api.sample(ID, ORDER.formatted("C001"), LICENCE.formatted("C002"));
        Api.assign(ID, "C001", "martin.jolly");
        Api.judge(Api.INSPECTOR, ID, "C001", "1.2.01", "SUFFICIENT").statusCode(200);
        String c = "/inspections/" + ID + "/cases";
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/inspections", Api.LEAD, """
                        {"id": "omi2-hostile-new", "area": "Kent", "framework": "omi2", "title": "x",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}""", false),
                new Endpoint("PUT", "/inspections/" + ID + "/team/new.member", Api.LEAD, "{\"role\": \"inspector\"}", false),
                new Endpoint("POST", c, Api.LEAD, "[" + ORDER.formatted("C100") + "]", false),
                new Endpoint("POST", c, Api.LEAD, "caseId,caseType,roshLevel,gender,ethnicity\nC101,licence,low,male,white\n", true),
                new Endpoint("PUT", c + "/C002/assignee", Api.LEAD, "{\"assignee\": \"sam.patel\"}", false),
                new Endpoint("PUT", c + "/C001/judgements/1.2.02", Api.INSPECTOR, "{\"answer\": \"SUFFICIENT\", \"note\": \"n\"}", false),
                new Endpoint("POST", "/inspections/" + ID + "/judgements", Api.INSPECTOR,
                        "{\"judgements\": [{\"caseId\": \"C001\", \"questionId\": \"1.2.03\", \"answer\": \"INSUFFICIENT\"}]}", false),
                new Endpoint("PUT", c + "/C001/judgements/1.2.01/moderation", Api.LEAD,
                        "{\"answer\": \"INSUFFICIENT\", \"reason\": \"r\"}", false),
                new Endpoint("DELETE", c + "/C002", Api.LEAD, "{\"reason\": \"r\"}", false),
                new Endpoint("DELETE", c + "/C001/submission", Api.INSPECTOR, "{\"reason\": \"r\"}", false),
                new Endpoint("PUT", "/inspections/" + ID + "/grades/4.1", Api.LEAD, "{\"grade\": \"Very effective\"}", false),
                new Endpoint("PUT", "/inspections/" + ID + "/conclusions/1.2", Api.LEAD,
                        "{\"conclusion\": \"MODERATE improvement required\"}", false));
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Endpoint e : endpoints) {
            List<HostileInput.Body> bodies = e.csv() ? HostileInput.csv(e.validJson()) : HostileInput.bodies(e.validJson());
            for (HostileInput.Body b : bodies) {
                long before = reads.eventCount().await().indefinitely();
                Response r = given().auth().oauth2(e.token()).contentType(b.contentType()).body(b.bytes())
                        .request(e.method(), e.path());
                long after = reads.eventCount().await().indefinitely();
                sent++;
                if (r.statusCode() >= 500) {
                    wrong.add(e.method() + " " + e.path() + " [" + b + "]: " + r.statusCode() + " " + r.asString());
                } else if (r.statusCode() >= 400 && after != before) {
                    wrong.add(e.method() + " " + e.path() + " [" + b + "]: refused with " + r.statusCode()
                            + " but appended " + (after - before) + " events");
                } else if (r.statusCode() >= 400 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                    wrong.add(e.method() + " " + e.path() + " [" + b + "]: " + r.statusCode() + " without problem+json: "
                            + r.contentType());
                }
            }
        }
        assertEquals(List.of(), wrong, "of " + sent + " hostile requests");
    }
}
