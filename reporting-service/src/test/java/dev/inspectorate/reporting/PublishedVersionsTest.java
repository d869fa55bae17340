package dev.inspectorate.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.TopicReader;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Retries and races: a publish retried with its Idempotency-Key makes no second version; editorial writes with
 * If-Match; the list of published versions; a published version the database itself keeps from change; versions
 * kept without HTML are not rendered with today's template.
 */
@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class PublishedVersionsTest {
    static final String LEAD = Tokens.leadInspector(PublicationTest.LEAD);

    @Inject
    Pool pool;

    static Response publish(String id, String key) {
        var request = given().auth().oauth2(LEAD);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/reports/{id}/publications", id);
    }

    @Test
    void aRetriedPublishWithItsKeyGetsTheSameVersionAndPublishesNothing() throws Exception {
        String id = "esi-publish-retried";
        PublicationTest.inspection(id, Framework.ESI, 60, 60);
        given().auth().oauth2(Tokens.reader("rita")).get("/reports/{id}/publications", id).then().statusCode(200)
                .body("size()", equalTo(0));

        Response first = publish(id, "publish-1");
        assertEquals(201, first.statusCode());
        Response retry = publish(id, "publish-1");
        assertEquals(200, retry.statusCode());
        assertEquals(first.asString(), retry.asString());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertTrue(first.header("Location").endsWith("/reports/" + id + "/publications/1"), first.header("Location"));

        // Retries racing each other: one publishes, the others wait for it and get its version.
        int n = 4;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        List<Callable<Response>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(() -> publish(id, "publish-2"));
        }
        List<Integer> statuses = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try {
            for (Future<Response> f : threads.invokeAll(tasks)) {
                statuses.add(f.get().statusCode());
                numbers.add(f.get().jsonPath().getInt("publication"));
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(List.of(200, 200, 200, 201), statuses.stream().sorted().toList());
        assertEquals(List.of(2, 2, 2, 2), numbers);

        // Without a key every publish is a new version.
        assertEquals(201, publish(id, null).statusCode());
        assertEquals(1, publish(id, "publish-1").then().statusCode(200).extract().jsonPath().getInt("publication"));

        // The list of versions, for readers: number, when, by whom.
        JsonPath list = given().auth().oauth2(Tokens.reader("rita")).get("/reports/{id}/publications", id).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2, 3), list.getList("number"));
        assertEquals(List.of(PublicationTest.LEAD, PublicationTest.LEAD, PublicationTest.LEAD), list.getList("publishedBy"));
        for (int v = 1; v <= 3; v++) {
            assertEquals(given().auth().oauth2(LEAD).get("/reports/{id}/publications/{n}", id, v).then().extract()
                    .jsonPath().getString("publishedAt"), list.getString("publishedAt[" + (v - 1) + "]"));
        }
        assertTrue(Instant.parse(list.getString("publishedAt[0]")).isBefore(Instant.parse(list.getString("publishedAt[2]"))));
        given().auth().oauth2(Tokens.reader("rita")).get("/reports/{id}/publications", "no-such-inspection").then()
                .statusCode(404).contentType("application/problem+json");

        // Three versions, three report.published events; the retries appended none.
        List<CloudEvent> events = TopicReader.events(Topics.REPORT_EVENTS, id, 3, Duration.ofSeconds(30));
        assertEquals(3, events.size());
        assertEquals(3L, pool.preparedQuery("SELECT count(*) AS n FROM events WHERE stream_id = $1")
                .execute(Tuple.of("report-" + id)).await().indefinitely().iterator().next().getLong("n"));

        // A key is the caller's: used for another inspection it is refused; bad keys are 400.
        String other = "esi-publish-retried-other";
        PublicationTest.inspection(other, Framework.ESI, 61, 61);
        publish(other, "publish-1").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(LEAD).get("/reports/{id}/publications/1", other).then().statusCode(404);
        publish(other, "k".repeat(256)).then().statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"));
        // Another lead of the same inspection with the same key publishes for themselves.
        try (TestEvents e = new TestEvents("/test")) {
            // The inspection's stream had two events (opened, lead): this is its third.
            e.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, 3, new TeamMemberSet(id, "second.lead", "lead-inspector"));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.leadInspector("second.lead")).get("/reports/{id}", id).then().statusCode(200)
                .body("status", equalTo("DRAFT")));
        given().auth().oauth2(Tokens.leadInspector("second.lead")).header("Idempotency-Key", "publish-1")
                .post("/reports/{id}/publications", id).then().statusCode(201).body("publication", equalTo(4));
    }

    @Test
    void editorialWritesHonourIfMatchWithTheDraftsRevision() {
        String id = "esi-if-match";
        PublicationTest.inspection(id, Framework.ESI, 60, 60);
        given().auth().oauth2(LEAD).get("/reports/{id}", id).then().statusCode(200).header("ETag", "\"0\"");
        put(id, "\"0\"", "first").then().statusCode(200).header("ETag", "\"1\"");
        // A writer still at revision 0 lost the race: 409 with the current revision, and nothing written.
        put(id, "\"0\"", "stale").then().statusCode(409).contentType("application/problem+json").header("ETag", "\"1\"")
                .body("currentRevision", equalTo(1)).body("violations[0].field", equalTo("If-Match"));
        given().auth().oauth2(LEAD).get("/reports/{id}", id).then().header("ETag", "\"1\"").body("foreword", equalTo("first"));
        put(id, "\"1\"", "second").then().statusCode(200).header("ETag", "\"2\"");
        // Without If-Match the write is unconditional; "*" matches any revision.
        put(id, null, "third").then().statusCode(200).header("ETag", "\"3\"");
        put(id, "*", "fourth").then().statusCode(200).header("ETag", "\"4\"");
        put(id, "yesterday", "fifth").then().statusCode(400).body("violations[0].field", equalTo("If-Match"));
        // A refused body does not count as a revision.
        put(id, "\"4\"", "").then().statusCode(400).body("violations[0].field", equalTo("text"));
        given().auth().oauth2(LEAD).get("/reports/{id}", id).then().header("ETag", "\"4\"").body("foreword", equalTo("fourth"));
        // Only the team sees drafts, so only they get the ETag: a reader of the published version has none.
        publish(id, null).then().statusCode(201);
        given().auth().oauth2(Tokens.reader("rita")).get("/reports/{id}", id).then().statusCode(200)
                .header("ETag", (String) null);
    }

    private static Response put(String id, String ifMatch, String foreword) {
        var request = given().auth().oauth2(LEAD).contentType(ContentType.JSON);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.body("{\"text\": \"" + foreword + "\"}").put("/reports/{id}/content/foreword", id);
    }

    @Test
    void theDatabaseRefusesToChangeAPublishedVersion() {
        String id = "esi-immutable";
        PublicationTest.inspection(id, Framework.ESI, 60, 60);
        publish(id, null).then().statusCode(201);
        byte[] pdf = given().auth().oauth2(LEAD).accept("application/pdf").get("/reports/{id}/publications/1", id).then()
                .statusCode(200).extract().asByteArray();
        for (String sql : List.of("UPDATE publication SET html = 'x' WHERE inspection_id = $1",
                "DELETE FROM publication WHERE inspection_id = $1",
                "UPDATE publication_pdf SET pdf = '\\x00' WHERE inspection_id = $1",
                "DELETE FROM publication_pdf WHERE inspection_id = $1")) {
            Exception e = assertThrows(Exception.class, () -> pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely(), sql);
            assertTrue(e.getMessage().contains("published versions are immutable"), e.getMessage());
        }
        assertThrows(Exception.class, () -> pool.query("TRUNCATE publication_pdf").execute().await().indefinitely());
        assertArrayEquals(pdf, given().auth().oauth2(LEAD).accept("application/pdf").get("/reports/{id}/publications/1", id)
                .then().statusCode(200).extract().asByteArray());
    }

    @Test
    void versionsKeptWithoutHtmlAreJsonOnlyAndOldVersionsGetTheirPdfOnce() {
        String id = "esi-legacy-versions";
        PublicationTest.inspection(id, Framework.ESI, 60, 60);
        String json = publish(id, null).then().statusCode(201).extract().asString();
        // As versions were kept before their HTML (V3) and before their PDF (V4): copies of version 1's JSON.
        pool.preparedQuery("""
                        INSERT INTO publication (inspection_id, number, framework, published_at, published_by, report, html)
                        SELECT inspection_id, n, framework, published_at, published_by, replace(report, '"publication":1', '"publication":' || n),
                               CASE WHEN n = 3 THEN html END
                        FROM publication, (VALUES (2), (3)) AS v(n) WHERE inspection_id = $1 AND number = 1""")
                .execute(Tuple.of(id)).await().indefinitely();
        given().auth().oauth2(LEAD).get("/reports/{id}/publications/2", id).then().statusCode(200)
                .body("publication", equalTo(2)).body("status", equalTo("PUBLISHED"));
        for (String type : List.of("text/html", "application/pdf")) {
            given().auth().oauth2(LEAD).accept(type).get("/reports/{id}/publications/2", id).then().statusCode(406)
                    .contentType("application/problem+json").body("detail", equalTo("version 2 of " + id
                            + " was published before its HTML was kept: it is available as JSON only"));
        }
        // Version 3 has its HTML but no PDF: the first request renders it from that HTML and keeps it.
        byte[] first = given().auth().oauth2(LEAD).accept("application/pdf").get("/reports/{id}/publications/3", id).then()
                .statusCode(200).extract().asByteArray();
        assertArrayEquals(first, given().auth().oauth2(LEAD).accept("application/pdf")
                .get("/reports/{id}/publications/3", id).then().statusCode(200).extract().asByteArray());
        assertEquals(1L, pool.preparedQuery("SELECT count(*) AS n FROM publication_pdf WHERE inspection_id = $1 AND number = 3")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong("n"));
        assertTrue(json.contains("\"publication\":1"), json);
    }
}
