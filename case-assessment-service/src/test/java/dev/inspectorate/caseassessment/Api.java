package dev.inspectorate.caseassessment;

import static io.restassured.RestAssured.given;

import dev.inspectorate.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The case-assessment API as the tests drive it: an inspection with its team and sample. */
final class Api {
    static final String LEAD = Tokens.leadInspector("helen.boocock");
    static final String INSPECTOR = Tokens.inspector("martin.jolly");
    static final String ASSESSOR = Tokens.areaAssessor("sam.patel", "Thames Valley");

    /** A case every OMI2 question about PSRs and licences... can apply to some of: a community order with a PSR. */
    static final String ORDER = """
            {"caseId": "%s", "caseType": "community-order", "roshLevel": "medium", "mappaLevel": 0,
             "gender": "male", "ethnicity": "white", "tier": 2, "psr": true}""";
    static final String LICENCE = """
            {"caseId": "%s", "caseType": "licence", "roshLevel": "high", "mappaLevel": 1, "ppo": true,
             "gender": "female", "ethnicity": "black", "tier": 3, "victimContact": true}""";

    private Api() {}

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** An OMI2 inspection of Thames Valley led by helen.boocock, with martin.jolly and sam.patel on the team. */
    static void inspection(String id) {
        as(LEAD).body("""
                        {"id": "%s", "area": "Thames Valley", "framework": "omi2", "title": "OMI2 Thames Valley",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}""".formatted(id))
                .post("/inspections").then().statusCode(201);
        as(LEAD).body("{\"role\": \"inspector\"}").put("/inspections/{id}/team/martin.jolly", id).then().statusCode(200);
        as(LEAD).body("{\"role\": \"area-assessor\"}").put("/inspections/{id}/team/sam.patel", id).then().statusCode(200);
    }

    static void sample(String id, String... entries) {
        as(LEAD).body("[" + String.join(",", entries) + "]").post("/inspections/{id}/cases", id).then().statusCode(201);
    }

    static void assign(String id, String caseId, String user) {
        as(LEAD).body("{\"assignee\": \"" + user + "\"}").put("/inspections/{id}/cases/{c}/assignee", id, caseId)
                .then().statusCode(200);
    }

    static ValidatableResponse judge(String token, String id, String caseId, String question, String answer) {
        return as(token).body("{\"answer\": \"" + answer + "\"}")
                .put("/inspections/{id}/cases/{c}/judgements/{q}", id, caseId, question).then();
    }
}
