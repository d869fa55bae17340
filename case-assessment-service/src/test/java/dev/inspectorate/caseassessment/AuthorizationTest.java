package dev.inspectorate.caseassessment;

import static dev.inspectorate.caseassessment.Api.ORDER;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint, called with no token, with each role, as a team member and an outsider, and from a foreign area:
 * 401 without a token, 403 for whoever may not, and for whoever may, the exact success status.
 */
@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class AuthorizationTest {
    static final String ID = "omi2-authorization";
    /** Closed by its lead in the test: it has no cases, so closure succeeds. */
    static final String CLOSING = "omi2-authorization-closing";
    static final AtomicInteger SEQ = new AtomicInteger();
    static final String REMOVED = "rob.removed";

    /** The callers: the team (lead, inspector, area assessor), then outsiders of each role and a foreign area. */
    static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("lead", Api.LEAD);
        CALLERS.put("inspector", Api.INSPECTOR);
        CALLERS.put("assessor", Api.ASSESSOR);
        CALLERS.put("other-lead", Tokens.leadInspector("other.lead"));
        CALLERS.put("other-inspector", Tokens.inspector("other.inspector"));
        CALLERS.put("foreign-assessor", Tokens.areaAssessor("pat.kent", "Kent"));
        CALLERS.put("analyst", Tokens.performanceAnalyst("ann.analyst", null));
        CALLERS.put("foreign-analyst", Tokens.performanceAnalyst("kim.kent", "Kent"));
        CALLERS.put("reader", Tokens.reader("rita.reader"));
        // Runs the platform; reads no inspection content.
        CALLERS.put("operator", Tokens.operator("olga.operator"));
        // An area assessor of the inspection's own area who is not on its team.
        CALLERS.put("outside-assessor", Tokens.areaAssessor("tom.tv", "Thames Valley"));
        // Was on the team, and still the assignee of a case (reopened after the removal).
        CALLERS.put("removed", Tokens.inspector(REMOVED));
    }

    /** Every role but the operator's. */
    static final Set<String> ALL = Set.of("lead", "inspector", "assessor", "other-lead", "other-inspector",
            "foreign-assessor", "analyst", "foreign-analyst", "reader", "outside-assessor", "removed");
    static final Set<String> TEAM = Set.of("lead", "inspector", "assessor");
    static final Set<String> LEAD_ONLY = Set.of("lead");
    static final Set<String> LEAD_ROLE = Set.of("lead", "other-lead");
    static final Set<String> VISIBLE = Set.of("lead", "inspector", "assessor", "other-lead", "other-inspector",
            "analyst", "reader", "outside-assessor", "removed");

    /** A call, who may make it, and the status each of them gets (the state it needs is set up first). */
    record Call(String method, String path, String body, String contentType, Set<String> allowed, int expected) {}

    @Test
    void everyEndpointAnswers401WithoutAToken403ToWhoeverMayNotAndServesWhoeverMay() {
        Api.inspection(ID);
        Api.inspection(CLOSING);
        Api.sample(ID, ORDER.formatted("C001"), ORDER.formatted("C002"));
        Api.assign(ID, "C001", "martin.jolly");
        Api.assign(ID, "C002", "sam.patel");
        // C003 is rob.removed's: judged and submitted, then he leaves the team and the lead reopens it.
        Api.as(Api.LEAD).body("{\"role\": \"inspector\"}").put("/inspections/{id}/team/{u}", ID, REMOVED).then().statusCode(200);
        answeredCase("C003", REMOVED, CALLERS.get("removed"));
        Api.as(CALLERS.get("removed")).post("/inspections/{id}/cases/C003/submission", ID).then().statusCode(200);
        Api.as(Api.LEAD).delete("/inspections/{id}/team/{u}", ID, REMOVED).then().statusCode(200);
        Api.as(Api.LEAD).delete("/inspections/{id}/cases/C003/submission", ID).then().statusCode(200);
        String c = "/inspections/" + ID + "/cases";
        List<Call> calls = List.of(
                new Call("GET", "/frameworks", null, null, ALL, 200),
                new Call("GET", "/frameworks/omi2", null, null, ALL, 200),
                new Call("POST", "/inspections", "NEW_INSPECTION", null, LEAD_ROLE, 201),
                new Call("GET", "/inspections", null, null, ALL, 200),
                new Call("GET", "/inspections/" + ID, null, null, VISIBLE, 200),
                new Call("GET", "/inspections/" + ID + "/team", null, null, TEAM, 200),
                new Call("PUT", "/inspections/" + ID + "/team/new.member", "{\"role\": \"inspector\"}", null, LEAD_ONLY, 200),
                new Call("DELETE", "/inspections/" + ID + "/team/new.member", null, null, LEAD_ONLY, 200),
                new Call("GET", "/inspections/" + ID + "/progress", null, null, TEAM, 200),
                new Call("GET", "/inspections/" + ID + "/grades", null, null, TEAM, 200),
                new Call("GET", "/inspections/" + ID + "/history", null, null, TEAM, 200),
                new Call("PUT", "/inspections/" + ID + "/grades/4.1", "{\"grade\": \"Very effective\"}", null, LEAD_ONLY, 200),
                new Call("PUT", "/inspections/" + ID + "/conclusions/1.2",
                        "{\"conclusion\": \"MODERATE improvement required\"}", null, LEAD_ONLY, 200),
                new Call("POST", c, "NEW_CASE", null, LEAD_ONLY, 201),
                new Call("POST", c, "NEW_CASE_CSV", "text/csv", LEAD_ONLY, 201),
                new Call("GET", c, null, null, TEAM, 200),
                new Call("GET", c + "/C001", null, null, TEAM, 200),
                new Call("GET", c + "/C001/history", null, null, TEAM, 200),
                new Call("PUT", c + "/C002/assignee", "{\"assignee\": \"sam.patel\"}", null, LEAD_ONLY, 200),
                // A case is judged by its assignee (an inspector, or an area assessor of the inspection's area) or a lead.
                new Call("PUT", c + "/C001/judgements/1.2.01", "{\"answer\": \"SUFFICIENT\"}", null, Set.of("lead", "inspector"), 200),
                new Call("PUT", c + "/C002/judgements/1.2.01", "{\"answer\": \"SUFFICIENT\"}", null, Set.of("lead", "assessor"), 200),
                // Its assignee left the team: only a lead may judge it now.
                new Call("PUT", c + "/C003/judgements/1.2.01", "{\"answer\": \"SUFFICIENT\"}", null, LEAD_ONLY, 200),
                new Call("POST", "/inspections/" + ID + "/judgements",
                        "{\"judgements\": [{\"caseId\": \"C001\", \"questionId\": \"1.2.02\", \"answer\": \"SUFFICIENT\"}]}",
                        null, Set.of("lead", "inspector"), 201),
                new Call("PUT", c + "/C001/judgements/1.2.01/moderation", "{\"answer\": \"INSUFFICIENT\", \"reason\": \"r\"}",
                        null, LEAD_ONLY, 200),
                new Call("POST", c + "/ANSWERED_CASE/submission", null, null, Set.of("lead", "inspector"), 200),
                new Call("DELETE", c + "/SUBMITTED_CASE/submission", null, null, Set.of("lead", "inspector"), 200),
                new Call("DELETE", c + "/NEW_CASE_ID", "{\"reason\": \"r\"}", null, LEAD_ONLY, 200),
                new Call("POST", "/inspections/" + CLOSING + "/closure", null, null, LEAD_ONLY, 200));

        List<String> wrong = new ArrayList<>();
        for (Call call : calls) {
            int anonymous = send(given(), call);
            if (anonymous != 401) {
                wrong.add(call.method() + " " + call.path() + " without a token: " + anonymous);
            }
            for (var caller : CALLERS.entrySet()) {
                int status = send(given().auth().oauth2(caller.getValue()), call);
                boolean allowed = call.allowed().contains(caller.getKey());
                int expected = allowed ? call.expected() : 403;
                if (status != expected) {
                    wrong.add(call.method() + " " + call.path() + " as " + caller.getKey() + ": " + status
                            + ", expected " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(calls.size() >= 28);
    }

    /** Sends a call; placeholders give each request fresh ids, so an allowed creation does not collide. */
    private static int send(RequestSpecification spec, Call call) {
        int n = SEQ.incrementAndGet();
        String path = call.path().replace("NEW_CASE_ID", "X" + n).replace("ANSWERED_CASE", "X" + n)
                .replace("SUBMITTED_CASE", "X" + n);
        // Each request gets a case in the state it needs, so a refusal is about the caller and a success is exact.
        if (call.path().contains("NEW_CASE_ID")) {
            Api.sample(ID, ORDER.formatted("X" + n));
        } else if (call.path().contains("ANSWERED_CASE") || call.path().contains("SUBMITTED_CASE")) {
            answeredCase("X" + n, "martin.jolly", Api.INSPECTOR);
            if (call.path().contains("SUBMITTED_CASE")) {
                Api.as(Api.INSPECTOR).post("/inspections/{id}/cases/{c}/submission", ID, "X" + n).then().statusCode(200);
            }
        }
        String body = call.body();
        if ("NEW_INSPECTION".equals(body)) {
            body = """
                    {"id": "omi2-auth-%d", "area": "Thames Valley", "framework": "omi2", "title": "x",
                     "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}""".formatted(n);
        } else if ("NEW_CASE".equals(body)) {
            body = "[" + ORDER.formatted("N" + n) + "]";
        } else if ("NEW_CASE_CSV".equals(body)) {
            body = "caseId,caseType,roshLevel,gender,ethnicity\nV" + n + ",licence,low,male,white\n";
        }
        if (body != null) {
            spec = spec.contentType(call.contentType() == null ? "application/json" : call.contentType()).body(body);
        }
        return spec.request(call.method(), path).then().extract().statusCode();
    }

    /** A case of the assessor's with every applicable question answered, ready to submit. */
    private static void answeredCase(String caseId, String assessor, String token) {
        Api.sample(ID, ORDER.formatted(caseId));
        Api.assign(ID, caseId, assessor);
        List<String> unanswered = Api.as(token).get("/inspections/{id}/cases/{c}", ID, caseId).then()
                .statusCode(200).extract().jsonPath().getList("unanswered", String.class);
        String batch = unanswered.stream()
                .map(q -> "{\"caseId\": \"" + caseId + "\", \"questionId\": \"" + q + "\", \"answer\": \"NOT_APPLICABLE\"}")
                .collect(Collectors.joining(",", "{\"judgements\": [", "]}"));
        Api.as(token).body(batch).post("/inspections/{id}/judgements", ID).then().statusCode(201);
    }

    @Test
    void aTokenThatNamesNoUserGets401AndChangesNothing() {
        String id = "omi2-authorization-unnamed";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"));
        String unnamed = Tokens.unnamed("lead-inspector");
        long before = events();
        List<Integer> statuses = List.of(
                Api.as(unnamed).header("Idempotency-Key", "k1").body("""
                                {"id": "omi2-unnamed", "area": "Kent", "framework": "omi2", "title": "x",
                                 "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-23"}""")
                        .post("/inspections").then().contentType("application/problem+json").extract().statusCode(),
                Api.as(unnamed).header("Idempotency-Key", "k2").body("[" + ORDER.formatted("C002") + "]")
                        .post("/inspections/{id}/cases", id).then().extract().statusCode(),
                Api.as(unnamed).body("{\"answer\": \"SUFFICIENT\"}")
                        .put("/inspections/{id}/cases/C001/judgements/1.2.01", id).then().extract().statusCode(),
                Api.as(unnamed).get("/inspections/{id}/team", id).then().extract().statusCode());
        assertEquals(List.of(401, 401, 401, 401), statuses);
        assertEquals(before, events());
    }

    @jakarta.inject.Inject
    dev.inspectorate.caseassessment.store.Reads reads;

    private long events() {
        return reads.eventCount().await().indefinitely();
    }
}
