package dev.inspectorate.caseassessment;

import static dev.inspectorate.caseassessment.Api.ASSESSOR;
import static dev.inspectorate.caseassessment.Api.INSPECTOR;
import static dev.inspectorate.caseassessment.Api.LEAD;
import static dev.inspectorate.caseassessment.Api.LICENCE;
import static dev.inspectorate.caseassessment.Api.ORDER;
import static dev.inspectorate.caseassessment.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.caseassessment.store.Reads;
import dev.inspectorate.rest.StorableText;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every validation rule: the bad request gets a problem+json 4xx naming the field, and nothing is appended. */
@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class ValidationTest {
    static final String ID = "omi2-validation";
    static boolean prepared;

    @Inject
    Reads reads;

    @BeforeEach
    void anInspectionWithASample() {
        if (prepared) {
            return;
        }
        Api.inspection(ID);
        Api.sample(ID, ORDER.formatted("C001"), LICENCE.formatted("C002"), ORDER.formatted("C003"), ORDER.formatted("C004"),
                ORDER.formatted("C005"));
        Api.assign(ID, "C001", "martin.jolly");
        Api.assign(ID, "C002", "sam.patel");
        Api.assign(ID, "C003", "martin.jolly");
        // C003 is fully answered and submitted: an all-not-applicable batch of its applicable questions.
        var detail = as(INSPECTOR).get("/inspections/{id}/cases/C003", ID).then().extract().jsonPath();
        String batch = detail.getList("unanswered", String.class).stream()
                .map(q -> "{\"caseId\": \"C003\", \"questionId\": \"" + q + "\", \"answer\": \"NOT_APPLICABLE\"}")
                .collect(Collectors.joining(",", "{\"judgements\": [", "]}"));
        as(INSPECTOR).body(batch).post("/inspections/{id}/judgements", ID).then().statusCode(201);
        as(INSPECTOR).post("/inspections/{id}/cases/C003/submission", ID).then().statusCode(200);
        // C005 is withdrawn.
        Api.assign(ID, "C005", "martin.jolly");
        as(LEAD).body("{\"reason\": \"transferred out\"}").delete("/inspections/{id}/cases/C005", ID).then().statusCode(200);
        prepared = true;
    }

    /** Sends the request and checks the event store did not change. */
    private ValidatableResponse refused(Supplier<ValidatableResponse> request, int status, String field) {
        long before = reads.eventCount().await().indefinitely();
        ValidatableResponse r = request.get().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status));
        if (field != null) {
            r.body("violations.field", hasItems(field));
        }
        assertEquals(before, reads.eventCount().await().indefinitely(), "nothing may be appended");
        return r;
    }

    @Test
    void unknownCaseOrQuestion() {
        refused(() -> Api.judge(INSPECTOR, ID, "C999", "1.2.01", "SUFFICIENT"), 404, "case")
                .body("detail", containsString("no case C999"));
        refused(() -> Api.judge(INSPECTOR, ID, "C001", "9.9.99", "SUFFICIENT"), 422, "question");
        refused(() -> Api.judge(INSPECTOR, "no-such-inspection", "C001", "1.2.01", "SUFFICIENT"), 404, "inspection");
    }

    @Test
    void aQuestionThatCannotApplyToTheCase() {
        // 1.1 questions are about the pre-sentence report of a community order; C002 is a licence without one.
        refused(() -> Api.judge(ASSESSOR, ID, "C002", "1.1.01", "SUFFICIENT"), 422, "question")
                .body("detail", containsString("cannot apply to case C002"));
    }

    @Test
    void anAnswerNotAllowed() {
        refused(() -> Api.judge(INSPECTOR, ID, "C001", "1.2.01", "MAYBE"), 400, "answer")
                .body("violations[0].message", containsString("SUFFICIENT, INSUFFICIENT, NOT_APPLICABLE"));
        refused(() -> as(INSPECTOR).body("{}").put("/inspections/{id}/cases/C001/judgements/1.2.01", ID).then(), 400, "answer");
        refused(() -> as(INSPECTOR).body("{\"answer\": \"SUFFICIENT\", \"note\": \"" + "x".repeat(2001) + "\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01", ID).then(), 400, "note");
    }

    @Test
    void judgingASubmittedOrWithdrawnCase() {
        refused(() -> Api.judge(INSPECTOR, ID, "C003", "1.2.01", "SUFFICIENT"), 409, "case")
                .body("detail", containsString("submitted"));
        refused(() -> as(INSPECTOR).post("/inspections/{id}/cases/C003/submission", ID).then(), 409, "case");
        refused(() -> Api.judge(INSPECTOR, ID, "C005", "1.2.01", "SUFFICIENT"), 409, "case")
                .body("detail", containsString("withdrawn"));
        refused(() -> Api.judge(LEAD, ID, "C005", "1.2.01", "SUFFICIENT"), 409, "case");
        refused(() -> as(INSPECTOR).body("""
                        {"judgements": [{"caseId": "C005", "questionId": "1.2.01", "answer": "SUFFICIENT"}]}""")
                .post("/inspections/{id}/judgements", ID).then(), 409, "[0].case");
    }

    @Test
    void judgingInAClosedInspection() {
        String closed = "omi2-validation-closed";
        Api.inspection(closed);
        Api.sample(closed, ORDER.formatted("C001"));
        as(LEAD).body("{\"reason\": \"not needed\"}").delete("/inspections/{id}/cases/C001", closed).then().statusCode(200);
        as(LEAD).post("/inspections/{id}/closure", closed).then().statusCode(200);
        refused(() -> Api.judge(LEAD, closed, "C001", "1.2.01", "SUFFICIENT"), 409, "inspection");
        refused(() -> as(LEAD).body("[" + ORDER.formatted("C002") + "]").post("/inspections/{id}/cases", closed).then(),
                409, "inspection");
        refused(() -> as(LEAD).body("{\"grade\": \"Very effective\"}").put("/inspections/{id}/grades/4.1", closed).then(),
                409, "inspection");
        refused(() -> as(LEAD).body("{\"answer\": \"SUFFICIENT\", \"reason\": \"x\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01/moderation", closed).then(), 409, "inspection");
    }

    @Test
    void closingWithCasesInProgress() {
        refused(() -> as(LEAD).post("/inspections/{id}/closure", ID).then(), 409, "cases")
                .body("detail", containsString("C001"));
    }

    @Test
    void anAssessorNotAssignedToTheCase() {
        // C001 is martin.jolly's; sam.patel is on the team but not assigned to it.
        refused(() -> Api.judge(ASSESSOR, ID, "C001", "1.2.01", "SUFFICIENT"), 403, "case")
                .body("detail", containsString("assigned to someone else"));
        refused(() -> Api.judge(INSPECTOR, ID, "C004", "1.2.01", "SUFFICIENT"), 403, "case")
                .body("detail", containsString("not assigned to anyone"));
        // An inspector who is not on the team at all.
        refused(() -> Api.judge(Tokens.inspector("someone.else"), ID, "C001", "1.2.01", "SUFFICIENT"), 403, "case");
        // Only the case's assessor or a lead may submit it.
        refused(() -> as(ASSESSOR).post("/inspections/{id}/cases/C001/submission", ID).then(), 403, "case");
        // Assigning to someone outside the team.
        refused(() -> as(LEAD).body("{\"assignee\": \"stranger\"}").put("/inspections/{id}/cases/C004/assignee", ID).then(),
                422, "assignee");
    }

    @Test
    void anAreaAssessorOfAnotherArea() {
        String kent = Tokens.areaAssessor("pat.kent", "Kent");
        refused(() -> Api.judge(kent, ID, "C002", "1.2.01", "SUFFICIENT"), 403, "area")
                .body("detail", containsString("not of your area"));
        refused(() -> as(kent).get("/inspections/{id}", ID).then(), 403, "area");
        as(kent).get("/inspections").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItems(ID)));
    }

    @Test
    void malformedJson() {
        refused(() -> as(INSPECTOR).body("{\"answer\": ").put("/inspections/{id}/cases/C001/judgements/1.2.01", ID).then(),
                400, "body");
        refused(() -> as(LEAD).body("[{\"caseId\": \"C010\", \"caseType\": \"licence\"]").post("/inspections/{id}/cases", ID)
                .then(), 400, "body");
        // "notes" is a typo of note: ignored, the judgement would be recorded without its note.
        refused(() -> as(INSPECTOR).body("{\"answer\": \"SUFFICIENT\", \"notes\": \"screened on day 3\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01", ID).then(), 400, "notes")
                .body("violations[0].message", equalTo("is not a known field; the fields are [answer, note]"));
        // A control character (here a vertical tab) would make the report's XHTML, and so its PDF, unreadable.
        refused(() -> as(LEAD).body("""
                        {"id": "omi2-ctl", "area": "Kent", "framework": "omi2", "title": "Kent\\u000b2010",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-16"}""").post("/inspections").then(),
                400, "title").body("violations[0].message", equalTo(StorableText.MESSAGE));
        refused(() -> as(LEAD).body("{\"role\": \"inspector\"}").put("/inspections/{id}/team/{user}", ID, "bad\u000Buser").then(), 400, "path");
        refused(() -> as(LEAD).body("{\"id\": 5}").post("/inspections").then(), 400, "area");
        refused(() -> as(LEAD).body("""
                        {"id": "Bad Id!", "area": "", "framework": "omi9", "title": "x",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-01"}""").post("/inspections").then(),
                400, "framework");
        refused(() -> as(LEAD).body("""
                        {"id": "Bad Id!", "area": "", "framework": "omi2", "title": "x",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-13"}""").post("/inspections").then(),
                400, "id").body("violations.field", hasItems("id", "area"));
        refused(() -> as(LEAD).body("""
                        {"id": "omi2-dates", "area": "Kent", "framework": "omi2", "title": "x",
                         "fieldworkStart": "2010-04-12", "fieldworkEnd": "2010-04-01"}""").post("/inspections").then(),
                400, "fieldworkEnd");
    }

    @Test
    void badSampleEntriesAreAllReported() {
        refused(() -> as(LEAD).body("""
                        [{"caseId": "C010", "caseType": "community-order", "roshLevel": "medium", "gender": "male",
                          "ethnicity": "white", "mappaLevel": 7},
                         {"caseId": "", "caseType": "licence", "roshLevel": "low", "gender": "female", "ethnicity": "white"},
                         {"caseId": "C012", "caseType": "licence", "roshLevel": "low", "gender": "female"}]""")
                .post("/inspections/{id}/cases", ID).then(), 400, "[0].mappaLevel")
                .body("violations.field", hasItems("[0].mappaLevel", "[1].caseId", "[2].ethnicity"));
        refused(() -> as(LEAD).body("[" + ORDER.formatted("C020") + "," + ORDER.formatted("C020") + "]")
                .post("/inspections/{id}/cases", ID).then(), 400, "[1].caseId");
        refused(() -> as(LEAD).body("[" + ORDER.formatted("C030") + "," + ORDER.formatted("C001") + "]")
                .post("/inspections/{id}/cases", ID).then(), 409, "[1].caseId");
        refused(() -> as(LEAD).body("[]").post("/inspections/{id}/cases", ID).then(), 400, null);
    }

    @Test
    void anOversizedSampleIsRefusedWhole() {
        String json = IntStream.rangeClosed(1, 1001).mapToObj(i -> ORDER.formatted("B" + i))
                .collect(Collectors.joining(",", "[", "]"));
        refused(() -> as(LEAD).body(json).post("/inspections/{id}/cases", ID).then(), 400, "entries")
                .body("violations[0].message", containsString("1000"));
        String csv = IntStream.rangeClosed(1, 1001).mapToObj(i -> "B" + i + ",licence,low,male,white")
                .collect(Collectors.joining("\n", "caseId,caseType,roshLevel,gender,ethnicity\n", "\n"));
        refused(() -> as(LEAD).contentType("text/csv").body(csv).post("/inspections/{id}/cases", ID).then(), 400, "body")
                .body("violations[0].line", equalTo(1002))
                .body("violations[0].message", containsString("more than 1000"));
        as(LEAD).get("/inspections/{id}/cases/B1", ID).then().statusCode(404);
    }

    @Test
    void section4GradesOfEsiAndConclusionsOfOmi1() {
        String esi = "esi-validation";
        String omi1 = "omi1-validation";
        for (String[] i : new String[][] {{esi, "esi"}, {omi1, "omi1"}}) {
            as(LEAD).body("""
                            {"id": "%s", "area": "Thames Valley", "framework": "%s", "title": "x",
                             "fieldworkStart": "2005-04-12", "fieldworkEnd": "2005-04-23"}""".formatted(i[0], i[1]))
                    .post("/inspections").then().statusCode(201);
        }
        as(LEAD).body("{\"grade\": \"Very well met\"}").put("/inspections/{id}/grades/A1", esi).then().statusCode(200);
        as(LEAD).body("{\"grade\": \"Not met\"}").put("/inspections/{id}/grades/D3", esi).then().statusCode(200)
                .body("grades.criterionId", equalTo(List.of("A1", "D3")))
                .body("grades.grade", equalTo(List.of("Very well met", "Not met")))
                .body("grades.gradedBy", equalTo(List.of("helen.boocock", "helen.boocock")));
        // OMI2's scale is not ESI's; B1 is case-scored, not graded.
        refused(() -> as(LEAD).body("{\"grade\": \"Very effective\"}").put("/inspections/{id}/grades/A1", esi).then(),
                422, "grade").body("detail", containsString("Very well met"));
        refused(() -> as(LEAD).body("{\"grade\": \"Well met\"}").put("/inspections/{id}/grades/B1", esi).then(),
                422, "criterion");

        as(LEAD).body("{\"conclusion\": \"a priority for improvement\"}").put("/inspections/{id}/conclusions/1.1", omi1)
                .then().statusCode(200)
                .body("conclusions.criterionId", equalTo(List.of("1.1")))
                .body("conclusions.conclusion", equalTo(List.of("a priority for improvement")));
        // OMI2's wording is not an OMI1 band.
        refused(() -> as(LEAD).body("{\"conclusion\": \"MODERATE improvement required\"}")
                .put("/inspections/{id}/conclusions/1.1", omi1).then(), 422, "conclusion")
                .body("detail", containsString("an urgent priority for improvement"));
        as(LEAD).get("/inspections/{id}/grades", omi1).then().statusCode(200)
                .body("conclusions.conclusion", equalTo(List.of("a priority for improvement")));
    }

    @Test
    void malformedCsvIsReportedByLineAndColumn() {
        refused(() -> as(LEAD).contentType("text/csv").body("""
                        caseId,caseType,roshLevel,gender,ethnicity,ppo,mappaLevel
                        C040,licence,high,female,black,yes,1
                        C041,probation,high,female,black,yes,1
                        C042,licence,high,female,black,perhaps,two
                        ,licence,high,female,black,no,0
                        """).post("/inspections/{id}/cases", ID).then(), 400, "caseType")
                .body("violations.find { it.field == 'caseType' }.line", equalTo(3))
                .body("violations.find { it.field == 'ppo' }.line", equalTo(4))
                .body("violations.find { it.field == 'mappaLevel' }.line", equalTo(4))
                .body("violations.find { it.field == 'caseId' }.line", equalTo(5));
        refused(() -> as(LEAD).contentType("text/csv").body("caseId,colour\nC050,red\n")
                .post("/inspections/{id}/cases", ID).then(), 400, "colour");
        refused(() -> as(LEAD).contentType("text/csv").body(new byte[] {'c', 'a', (byte) 0xff, (byte) 0xfe, '\n'})
                .post("/inspections/{id}/cases", ID).then(), 400, "body");
        refused(() -> as(LEAD).contentType("text/csv").body("").post("/inspections/{id}/cases", ID).then(), 400, "body");
    }

    @Test
    void csvRowsOfTheWrongShapeAndEveryBadCellAreReportedByTheLineTheyStartOn() {
        // Lines 3-4 are one record (a quoted value spans them), so later rows keep their physical line numbers.
        refused(() -> as(LEAD).contentType("text/csv").body("""
                        caseId,caseType,roshLevel,gender,ethnicity,mappaLevel
                        "C070",licence,high,female,black,1
                        "C071
                        continued",licence,high,female,black,1
                        C072,licence,high,female,black,1,extra
                        C073,"lic"ence,high,female,black,1
                        C074,probation,extreme,martian,black,9
                        C075,lic"ence,high,female,black,1
                        """).post("/inspections/{id}/cases", ID).then(), 400, "row")
                .body("violations.collect { it.line + ' ' + it.field }", equalTo(List.of("3 caseId", "5 row", "6 row",
                        "7 caseType", "7 roshLevel", "7 gender", "7 mappaLevel", "8 row")))
                .body("violations.find { it.line == 5 }.message", containsString("has 7 values; the header names 6"))
                .body("violations.find { it.line == 7 && it.field == 'caseType' }.message",
                        containsString("must be one of [community-order, licence, custody]"));
        refused(() -> as(LEAD).contentType("text/csv").body("caseId,caseType,roshLevel,gender,ethnicity\n\"C080,licence\n")
                .post("/inspections/{id}/cases", ID).then(), 400, "row")
                .body("violations[0].line", equalTo(2))
                .body("violations[0].message", containsString("never closed"));
    }

    @Test
    void oversizedOrBadBatches() {
        String tooMany = IntStream.range(0, 5001)
                .mapToObj(i -> "{\"caseId\": \"C001\", \"questionId\": \"1.2.01\", \"answer\": \"SUFFICIENT\"}")
                .collect(Collectors.joining(",", "{\"judgements\": [", "]}"));
        refused(() -> as(INSPECTOR).body(tooMany).post("/inspections/{id}/judgements", ID).then(), 400, "judgements");
        refused(() -> as(INSPECTOR).body("""
                        {"judgements": [
                          {"caseId": "C001", "questionId": "1.2.01", "answer": "SUFFICIENT"},
                          {"caseId": "C001", "questionId": "9.9.99", "answer": "SUFFICIENT"},
                          {"caseId": "C999", "questionId": "1.2.01", "answer": "SUFFICIENT"}]}""")
                .post("/inspections/{id}/judgements", ID).then(), 422, "[1].question")
                .body("violations.field", hasItems("[1].question", "[2].caseId"));
        refused(() -> as(INSPECTOR).body("""
                        {"judgements": [{"caseId": "C002", "questionId": "1.2.01", "answer": "SUFFICIENT"}]}""")
                .post("/inspections/{id}/judgements", ID).then(), 403, "[0].case");
    }

    @Test
    void aBatchNamingTheSameCaseAndQuestionTwice() {
        refused(() -> as(INSPECTOR).body("""
                        {"judgements": [
                          {"caseId": "C001", "questionId": "1.2.01", "answer": "SUFFICIENT"},
                          {"caseId": "C001", "questionId": "1.2.02", "answer": "SUFFICIENT"},
                          {"caseId": "C001", "questionId": "1.2.01", "answer": "INSUFFICIENT"}]}""")
                .post("/inspections/{id}/judgements", ID).then(), 400, "judgements[2].questionId")
                .body("violations.field", equalTo(List.of("judgements[2].questionId")))
                .body("violations[0].message", containsString("repeats the case and question of item 0"));
    }

    @Test
    void everyBadSampleEntryAndFieldIsNamedUnknownFieldsToo() {
        // "mappa" is a typo of mappaLevel: ignored, it would import the case at MAPPA level 0.
        refused(() -> as(LEAD).body("""
                        [{"caseId": "C040", "caseType": "licence", "roshLevel": "low", "gender": "male", "ethnicity": "white",
                          "mappa": 3},
                         {"caseId": "C041", "caseType": "probation", "roshLevel": "extreme", "gender": "male",
                          "ethnicity": "white", "ppo": "often"},
                         {"caseId": "C042", "caseType": "licence", "roshLevel": "low", "gender": "male", "ethnicity": "white",
                          "tier": "two"},
                         "C043",
                         {"caseId": "C044", "caseType": "licence", "roshLevel": "low", "gender": "male", "ethnicity": "white",
                          "mappaLevel": 5, "psr": true}]""")
                .post("/inspections/{id}/cases", ID).then(), 400, "[0].mappa")
                .body("violations.field", equalTo(List.of("[0].mappa", "[1].caseType", "[1].roshLevel", "[1].ppo",
                        "[2].tier", "[3]", "[4].mappaLevel")))
                .body("violations[0].message", containsString("is not a known field"))
                .body("violations[0].message", containsString("mappaLevel"))
                .body("violations[1].message", equalTo("cannot be \"probation\": expected one of community-order, licence, custody"))
                .body("violations[3].message", equalTo("cannot be \"often\": expected true or false"))
                .body("violations[4].message", equalTo("cannot be \"two\": expected a whole number"))
                .body("violations[5].message", equalTo("must be a JSON object"))
                .body("violations[6].message", equalTo("must be less than or equal to 3"));
        as(LEAD).get("/inspections/{id}/cases/C040", ID).then().statusCode(404);
    }

    @Test
    void everyBadBatchItemAndFieldIsNamedUnknownFieldsToo() {
        refused(() -> as(INSPECTOR).body("""
                        {"judgements": [
                          {"caseId": "C001", "questionId": "1.2.01", "answer": "MAYBE"},
                          {"caseId": "C001", "questionId": "1.2.02", "answr": "SUFFICIENT"},
                          {"caseId": "C001", "questionId": "1.2.03", "answer": "SUFFICIENT", "note": {"text": "n"}},
                          null],
                         "dryRun": true}""")
                .post("/inspections/{id}/judgements", ID).then(), 400, "dryRun")
                .body("violations.field", equalTo(List.of("dryRun", "judgements[0].answer", "judgements[1].answr",
                        "judgements[1].answer", "judgements[2].note", "judgements[3]")))
                .body("violations[1].message", equalTo("cannot be \"MAYBE\": expected one of SUFFICIENT, INSUFFICIENT, NOT_APPLICABLE"))
                .body("violations[3].message", equalTo("must not be null"))
                .body("violations[4].message", equalTo("has the wrong type: expected a string"));
    }

    @Test
    void aModeratedJudgementIsTheLeadsToRevise() {
        Api.judge(INSPECTOR, ID, "C001", "1.2.05", "SUFFICIENT").statusCode(200);
        as(LEAD).body("{\"answer\": \"INSUFFICIENT\", \"reason\": \"no plan on file\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.05/moderation", ID).then().statusCode(200);
        refused(() -> Api.judge(INSPECTOR, ID, "C001", "1.2.05", "SUFFICIENT"), 409, "question")
                .body("detail", containsString("moderated by helen.boocock"));
        refused(() -> as(INSPECTOR).body("""
                        {"judgements": [{"caseId": "C001", "questionId": "1.2.05", "answer": "SUFFICIENT"}]}""")
                .post("/inspections/{id}/judgements", ID).then(), 409, "[0].question");
        as(INSPECTOR).get("/inspections/{id}/cases/C001", ID).then()
                .body("judgements.find { it.questionId == '1.2.05' }.answer", equalTo("INSUFFICIENT"))
                .body("judgements.find { it.questionId == '1.2.05' }.moderatedBy", equalTo("helen.boocock"));
        // The lead may revise it, and the revision replaces the moderation.
        Api.judge(LEAD, ID, "C001", "1.2.05", "SUFFICIENT").statusCode(200)
                .body("judgements.find { it.questionId == '1.2.05' }.answer", equalTo("SUFFICIENT"))
                .body("judgements.find { it.questionId == '1.2.05' }.moderatedBy", equalTo(null));
    }

    @Test
    void aRemovedTeamMemberNoLongerWorksOnTheirCases() {
        String id = "omi2-validation-removed";
        Api.inspection(id);
        Api.sample(id, ORDER.formatted("C001"), ORDER.formatted("C002"));
        Api.assign(id, "C001", "martin.jolly");
        Api.assign(id, "C002", "martin.jolly");
        String all = as(INSPECTOR).get("/inspections/{id}/cases/C001", id).then().extract().jsonPath()
                .getList("unanswered", String.class).stream()
                .map(q -> "{\"caseId\": \"C001\", \"questionId\": \"" + q + "\", \"answer\": \"NOT_APPLICABLE\"}")
                .collect(Collectors.joining(",", "{\"judgements\": [", "]}"));
        as(INSPECTOR).body(all).post("/inspections/{id}/judgements", id).then().statusCode(201);
        as(INSPECTOR).post("/inspections/{id}/cases/C001/submission", id).then().statusCode(200);
        // C002 is still in progress: it must go to someone else first. The submitted C001 keeps its assessor.
        refused(() -> as(LEAD).delete("/inspections/{id}/team/martin.jolly", id).then(), 409, "user")
                .body("detail", equalTo("martin.jolly is still assigned 1 case(s) in progress; reassign them first: C002"));
        Api.assign(id, "C002", "sam.patel");
        as(LEAD).delete("/inspections/{id}/team/martin.jolly", id).then().statusCode(200);

        refused(() -> as(INSPECTOR).delete("/inspections/{id}/cases/C001/submission", id).then(), 403, "case")
                .body("detail", containsString("no longer on the team"));
        as(LEAD).delete("/inspections/{id}/cases/C001/submission", id).then().statusCode(200)
                .body("summary.status", equalTo("IN_PROGRESS")).body("summary.assignee", equalTo("martin.jolly"));
        refused(() -> Api.judge(INSPECTOR, id, "C001", "1.2.01", "SUFFICIENT"), 403, "case");
        refused(() -> as(INSPECTOR).body("""
                        {"judgements": [{"caseId": "C001", "questionId": "1.2.01", "answer": "SUFFICIENT"}]}""")
                .post("/inspections/{id}/judgements", id).then(), 403, "[0].case");
        refused(() -> as(INSPECTOR).post("/inspections/{id}/cases/C001/submission", id).then(), 403, "case");
    }

    @Test
    void withdrawingNeedsAReason() {
        refused(() -> as(LEAD).body("{}").delete("/inspections/{id}/cases/C004", ID).then(), 400, "reason");
        refused(() -> as(LEAD).body("{\"reason\": \" \"}").delete("/inspections/{id}/cases/C004", ID).then(), 400, "reason");
    }

    @Test
    void moderatingAWithdrawnCaseOrReopeningACaseNotSubmitted() {
        refused(() -> as(LEAD).body("{\"answer\": \"SUFFICIENT\", \"reason\": \"x\"}")
                .put("/inspections/{id}/cases/C005/judgements/1.2.01/moderation", ID).then(), 409, "case")
                .body("detail", containsString("withdrawn"));
        refused(() -> as(INSPECTOR).delete("/inspections/{id}/cases/C001/submission", ID).then(), 409, "case")
                .body("detail", equalTo("case C001 is not submitted"));
        refused(() -> as(LEAD).delete("/inspections/{id}/cases/C005/submission", ID).then(), 409, "case");
    }

    @Test
    void aQuestionThatCannotApplyInsideABatch() {
        // C002 is a licence without a PSR: the 1.1 questions cannot apply to it.
        refused(() -> as(ASSESSOR).body("""
                        {"judgements": [
                          {"caseId": "C002", "questionId": "1.2.01", "answer": "SUFFICIENT"},
                          {"caseId": "C002", "questionId": "1.1.01", "answer": "SUFFICIENT"}]}""")
                .post("/inspections/{id}/judgements", ID).then(), 422, "[1].question")
                .body("violations.field", equalTo(List.of("[1].question")))
                .body("violations[0].message", containsString("cannot apply to case C002"));
    }

    @Test
    void moderationGradesAndConclusionsFollowTheirRules() {
        refused(() -> as(LEAD).body("{\"answer\": \"SUFFICIENT\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01/moderation", ID).then(), 400, "reason");
        refused(() -> as(LEAD).body("{\"answer\": \"SUFFICIENT\", \"reason\": \"x\"}")
                .put("/inspections/{id}/cases/C004/judgements/1.2.01/moderation", ID).then(), 409, "question");
        refused(() -> as(INSPECTOR).body("{\"answer\": \"SUFFICIENT\", \"reason\": \"x\"}")
                .put("/inspections/{id}/cases/C003/judgements/1.2.01/moderation", ID).then(), 403, null);
        refused(() -> as(LEAD).body("{\"grade\": \"Excellent\"}").put("/inspections/{id}/grades/4.1", ID).then(), 422, "grade");
        refused(() -> as(LEAD).body("{\"grade\": \"Very effective\"}").put("/inspections/{id}/grades/1.2", ID).then(),
                422, "criterion");
        refused(() -> as(LEAD).body("{\"conclusion\": \"good\"}").put("/inspections/{id}/conclusions/1.2", ID).then(),
                422, "conclusion");
        refused(() -> as(LEAD).body("{\"conclusion\": \"good\"}").put("/inspections/{id}/conclusions/risk-of-harm", ID).then(),
                422, "conclusion");
        refused(() -> as(LEAD).body("{\"conclusion\": \"MODERATE improvement required\"}")
                .put("/inspections/{id}/conclusions/4.1", ID).then(), 422, "criterion");
        refused(() -> as(Tokens.leadInspector("another.lead")).body("{\"grade\": \"Very effective\"}")
                .put("/inspections/{id}/grades/4.1", ID).then(), 403, "inspection");
        refused(() -> as(LEAD).body("{\"role\": \"chief\"}").put("/inspections/{id}/team/someone", ID).then(), 400, "role");
        refused(() -> as(LEAD).body("{\"role\": \"inspector\"}").put("/inspections/{id}/team/helen.boocock", ID).then(),
                409, "role");
    }

    @Test
    void inspectionUpdatesTakeIfMatchAndAnswerWithTheNewVersion() {
        String id = "omi2-if-match";
        Api.inspection(id);
        // Opened with its lead, then two members added: version 4.
        as(LEAD).get("/inspections/{id}", id).then().statusCode(200).header("ETag", "\"4\"");
        as(LEAD).header("If-Match", "\"4\"").body("{\"grade\": \"Very effective\"}").put("/inspections/{id}/grades/4.1", id)
                .then().statusCode(200).header("ETag", "\"5\"");
        refused(() -> as(LEAD).header("If-Match", "\"4\"").body("{\"grade\": \"Sufficiently effective\"}")
                .put("/inspections/{id}/grades/4.1", id).then(), 409, "If-Match")
                .header("ETag", "\"5\"").body("currentVersion", equalTo(5));
        as(LEAD).header("If-Match", "\"5\"").body("{\"role\": \"inspector\"}").put("/inspections/{id}/team/ann.new", id)
                .then().statusCode(200).header("ETag", "\"6\"").body("user", hasItems("ann.new"));
        refused(() -> as(LEAD).header("If-Match", "\"5\"").delete("/inspections/{id}/team/ann.new", id).then(),
                409, "If-Match");
        as(LEAD).header("If-Match", "\"6\"").delete("/inspections/{id}/team/ann.new", id).then().statusCode(200)
                .header("ETag", "\"7\"");
        refused(() -> as(LEAD).header("If-Match", "\"6\"").body("{\"conclusion\": \"MODERATE improvement required\"}")
                .put("/inspections/{id}/conclusions/1.2", id).then(), 409, "If-Match");
        as(LEAD).header("If-Match", "\"7\"").body("{\"conclusion\": \"MODERATE improvement required\"}")
                .put("/inspections/{id}/conclusions/1.2", id).then().statusCode(200).header("ETag", "\"8\"");
        refused(() -> as(LEAD).header("If-Match", "\"7\"").post("/inspections/{id}/closure", id).then(), 409, "If-Match")
                .header("ETag", "\"8\"");
        as(LEAD).header("If-Match", "\"8\"").post("/inspections/{id}/closure", id).then().statusCode(200)
                .header("ETag", "\"9\"").body("status", equalTo("CLOSED"));
    }

    @Test
    void anIdempotencyKeyTooLong() {
        refused(() -> as(LEAD).header("Idempotency-Key", "k".repeat(256)).body("[" + ORDER.formatted("C060") + "]")
                .post("/inspections/{id}/cases", ID).then(), 400, "Idempotency-Key");
    }

    @Test
    void aStaleOrMalformedIfMatch() {
        long version = as(INSPECTOR).get("/inspections/{id}/cases/C001", ID).then().extract().jsonPath().getLong("summary.version");
        refused(() -> as(INSPECTOR).header("If-Match", "\"" + (version - 1) + "\"").body("{\"answer\": \"SUFFICIENT\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01", ID).then(), 409, "If-Match")
                .header("ETag", "\"" + version + "\"").body("currentVersion", equalTo((int) version));
        refused(() -> as(INSPECTOR).header("If-Match", "yesterday").body("{\"answer\": \"SUFFICIENT\"}")
                .put("/inspections/{id}/cases/C001/judgements/1.2.01", ID).then(), 400, "If-Match");
    }
}
