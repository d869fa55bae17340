package dev.inspectorate.performance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.PerformanceDatasetLoaded;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.TopicReader;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The reports' performance tables loaded as published, evaluated as printed; bad input stores nothing. */
@QuarkusTest
@WithPlatformInfrastructure(database = "performance_data")
class DatasetsTest {
    static final String NATIONAL = Tokens.performanceAnalyst("nat.analyst", null);
    static final String READER = Tokens.reader("rita.reader");
    static final String HEADER =
            "area,period,framework,metric,actual,target,national,previous,grade,predicted,difference,significance,rating,missing\n";

    @TestHTTPResource("/datasets")
    URI datasets;

    @Inject
    Pool pool;

    static String csv(String name) throws IOException {
        try (InputStream in = DatasetsTest.class.getResourceAsStream("/datasets/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static JsonNode expected(String dataset) throws IOException {
        try (InputStream in = DatasetsTest.class.getResourceAsStream("/datasets/expected.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in).get("datasets").get(dataset);
        }
    }

    static ValidatableResponse upload(String token, String body) {
        return given().auth().oauth2(token).contentType("text/csv").body(body).post("/datasets").then();
    }

    @Test
    void bedfordshireNpsTableReproducesEveryAsteriskAndBothLcjbMisses() throws IOException {
        JsonPath d = upload(Tokens.performanceAnalyst("bed.analyst", "bedfordshire"), csv("bedfordshire-2005-06-nps.csv"))
                .statusCode(201).body("id", equalTo("bedfordshire-2005-06-nps-v1")).extract().jsonPath();
        JsonNode printed = expected("bedfordshire-2005-06-nps").get("asterisk");
        Map<String, Boolean> asterisks = new HashMap<>();
        d.getList("rows", Map.class).forEach(r -> asterisks.put((String) r.get("metric"), (Boolean) r.get("asterisk")));
        assertEquals(printed.size(), asterisks.size());
        printed.properties().forEach(e -> assertEquals(e.getValue().asBoolean(), asterisks.get(e.getKey()), e.getKey()));
        assertEquals("MISSED", evaluation(d, "nps-lcjb-breach-resolution-days"));
        assertEquals("MISSED", evaluation(d, "nps-lcjb-breach-resolved-25-days"));
        assertEquals("NEAR_MISS", evaluation(d, "nps-appointments-arranged")); // 85 against 90: 5.6% short
        assertEquals("MISSED", evaluation(d, "nps-offender-compliance"));      // 80 against 85: 5.9% short
    }

    @Test
    void westMidlandsIppfKeepsEveryGradeRatingAndTheValueLostAsHashes() throws IOException {
        JsonPath d = upload(NATIONAL, csv("west-midlands-2007-08-ippf.csv")).statusCode(201).extract().jsonPath();
        JsonNode printed = expected("west-midlands-2007-08-ippf");
        printed.get("grades").properties().forEach(e ->
                assertEquals(e.getValue().asInt(), grade(d, e.getKey()), e.getKey()));
        printed.get("ratings").properties().forEach(e ->
                assertEquals(e.getValue().asText(), d.getString("ratings.'" + e.getKey() + "'.reported"), e.getKey()));
        assertEquals(printed.get("areaScore").asText(), d.getString("ratings.'ippf-area'.reported"));
        Map<String, Object> lost = row(d, "ippf-ethnic-monitoring");
        assertEquals(null, lost.get("actual"));
        assertEquals("printed as ###", lost.get("missing"));
        Map<String, Object> reoffending = row(d, "ippf-reduce-reoffending");
        assertEquals(8.5, ((Number) reoffending.get("actual")).doubleValue());
        assertEquals(10.1, ((Number) reoffending.get("predicted")).doubleValue());
        assertEquals(-1.6, ((Number) reoffending.get("difference")).doubleValue());
        assertEquals("Better", reoffending.get("significance"));

        // performance.dataset.loaded carries it to the reports.
        List<CloudEvent> events = TopicReader.events(Topics.PERFORMANCE_EVENTS, "west-midlands", 1, Duration.ofSeconds(30));
        PerformanceDatasetLoaded loaded = EventJson.decode(events.get(0), PerformanceDatasetLoaded.class);
        assertEquals("west-midlands-2007-08-ippf-v1", loaded.datasetId());
        assertEquals("Passable", loaded.rows().stream().filter(r -> r.metric().equals("ippf-area")).findFirst()
                .orElseThrow().rating());
        given().auth().oauth2(READER).get("/datasets/west-midlands-2007-08-ippf-v1").then().statusCode(200)
                .body("ratings.'ippf-domain-operational-capability'.reported", equalTo("Good"));
    }

    @Test
    void theSameDatasetAgainChangesNothingAndACorrectionSupersedesIt() throws IOException {
        String original = csv("gloucestershire-2003-04-nps.csv");
        upload(NATIONAL, original).statusCode(201).body("version", equalTo(1));
        long datasets = count("dataset");
        long events = count("events");
        upload(NATIONAL, original).statusCode(200).body("id", equalTo("gloucestershire-2003-04-nps-v1"));
        assertEquals(datasets, count("dataset"));
        assertEquals(events, count("events"));
        // A value corrected (and a lost one marked ###): version 2 supersedes version 1, which stays readable.
        String corrected = original.replaceFirst("(gloucestershire,2003-04,nps,[^,]+,)[^,]*,", "$1###,");
        upload(NATIONAL, corrected).statusCode(201).body("version", equalTo(2))
                .body("supersedes", equalTo("gloucestershire-2003-04-nps-v1"))
                .body("rows[0].actual", nullValue()).body("rows[0].missing", containsString("###"));
        given().auth().oauth2(READER).get("/datasets/gloucestershire-2003-04-nps-v1").then().statusCode(200)
                .body("supersededBy", equalTo("gloucestershire-2003-04-nps-v2"));
        given().auth().oauth2(READER).queryParam("period", "2003-04").get("/areas/gloucestershire/performance")
                .then().statusCode(200).body("datasets[0].id", equalTo("gloucestershire-2003-04-nps-v2"));
        given().auth().oauth2(READER).get("/areas/gloucestershire/metrics/{m}/series",
                        given().auth().oauth2(READER).get("/datasets/gloucestershire-2003-04-nps-v2").then().extract()
                                .jsonPath().getString("rows[1].metric"))
                .then().statusCode(200).body("[0].period", equalTo("2003-04"));
    }

    @Test
    void everyBadInputIsReportedAndNothingIsStored() {
        String header = HEADER;
        refused(() -> upload(NATIONAL, header + "bedfordshire,2005-06,nps,nps-no-such-metric,5,,,,,,,,,\n"), "metric", 2);
        refused(() -> upload(NATIONAL, header + "atlantis,2005-06,nps,nps-offender-compliance,80,85,81,,,,,,,\n"), "area", 2);
        refused(() -> upload(NATIONAL, header + "bedfordshire,2005-06,nps,nps-offender-compliance,eighty,85,81,,,,,,,\n"),
                "actual", 2);
        refused(() -> upload(NATIONAL, header
                + "bedfordshire,2005-06,nps,nps-offender-compliance,80,85,81,,,,,,,\n"
                + "bedfordshire,2005-06,nps,nps-offender-compliance,81,85,81,,,,,,,\n"), "metric", 3);
        // The same metric once by id and once by its printed name is a repeat, not a 500 from the database.
        refused(() -> upload(NATIONAL, header
                + "bedfordshire,2005-06,nps,nps-offender-compliance,80,85,81,,,,,,,\n"
                + "bedfordshire,2005-06,nps,Offender compliance including orders allowed to continue,81,85,81,,,,,,,\n"),
                "metric", 3);
        refused(() -> upload(NATIONAL, header + "bedfordshire,2005-06,nps,nps-race-equality-employment,8,,,,,,,,,\n"),
                "target", 2);
        refused(() -> upload(NATIONAL, header
                + "bedfordshire,2005-06,nps,nps-offender-compliance,80,85,81,,,,,,,\n"
                + "kent,2005-06,nps,nps-ethnicity-data,98,95,94,,,,,,,\n"), "area", 3);
        refused(() -> upload(NATIONAL, header + "bedfordshire,2005,nps,nps-offender-compliance,80,85,81,,,,,,,\n"), "period", 2);
        refused(() -> upload(NATIONAL, "area,period,colour\nbedfordshire,2005-06,red\n"), "colour", 1);
        refused(() -> upload(NATIONAL, ""), "body", 1);
        refused(() -> given().auth().oauth2(NATIONAL).contentType("application/json")
                .body("{\"area\": \"bedfordshire\", \"period\": \"2005-06\", \"framework\": \"nps\", "
                        + "\"rows\": [{\"metric\": \"nps-offender-compliance\", \"actual\": \"lots\"}]}")
                .post("/datasets").then(), "rows[0].actual", null);
        // Every bad row of a file at once: an unreadable number (line 2) and an unknown metric (line 3).
        refusedExactly(() -> upload(NATIONAL, header
                + "bedfordshire,2005-06,nps,nps-offender-compliance,eighty,85,81,,,,,,,\n"
                + "bedfordshire,2005-06,nps,nps-no-such-metric,5,90,,,,,,,,\n"), "actual@2", "metric@3");
        refusedExactly(() -> given().auth().oauth2(NATIONAL).contentType("application/json")
                .body("""
                        {"area": "bedfordshire", "period": "2005-06", "framework": "nps", "rows": [
                          {"metric": "nps-offender-compliance", "actual": "lots"},
                          {"metric": "nps-appointments-arranged", "actual": 85, "grade": "x"},
                          {"metric": "nps-no-such-metric", "actual": 5, "target": 90}]}""")
                .post("/datasets").then(), "rows[0].actual", "rows[1].grade", "rows[2].metric");
        // An analyst of one area may not load another's.
        long before = count("dataset");
        upload(Tokens.performanceAnalyst("kim.kent", "kent"),
                header + "bedfordshire,2005-06,nps,nps-offender-compliance,80,85,81,,,,,,,\n").statusCode(403);
        upload(READER, header + "bedfordshire,2005-06,nps,nps-offender-compliance,80,85,81,,,,,,,\n").statusCode(403);
        given().contentType("text/csv").body(header).post("/datasets").then().statusCode(401);
        assertEquals(before, count("dataset"));
    }

    @Test
    void anAreaAnalystLoadsTheirAreaAndTheNationalFiguresOnly() {
        String kent = Tokens.performanceAnalyst("kim.kent", "kent");
        upload(kent, HEADER + "england-and-wales,2006-07,nps,nps-offender-compliance,81,85,,,,,,,,\n").statusCode(201)
                .body("id", equalTo("england-and-wales-2006-07-nps-v1"));
        upload(kent, HEADER + "Kent,2006-07,nps,nps-offender-compliance,83,85,81,,,,,,,\n").statusCode(201)
                .body("id", equalTo("kent-2006-07-nps-v1"));
        long before = count("dataset");
        upload(kent, HEADER + "essex,2006-07,nps,nps-offender-compliance,80,85,81,,,,,,,\n").statusCode(403)
                .contentType("application/problem+json");
        assertEquals(before, count("dataset"));
    }

    @Test
    void simultaneousFirstLoadsOfOneDatasetStoreOneVersion() throws Exception {
        String body = HEADER + "cumbria,2005-06,nps,nps-offender-compliance,86,85,81,,,,,,,\n";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(datasets).header("Authorization", "Bearer " + NATIONAL)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<CompletableFuture<HttpResponse<String>>> loads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            loads.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> l : loads) {
            statuses.add(l.get(60, TimeUnit.SECONDS).statusCode());
        }
        Collections.sort(statuses);
        // One creates version 1; the others find it and change nothing.
        assertEquals(List.of(200, 200, 200, 200, 200, 201), statuses);
        assertEquals(1, count("dataset WHERE area = 'cumbria'"));
    }

    private void refused(Supplier<ValidatableResponse> request, String field, Integer line) {
        long datasets = count("dataset");
        long events = count("events");
        ValidatableResponse r = request.get().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems(field));
        if (line != null) {
            r.body("violations.find { it.field == '" + field + "' }.line", equalTo(line));
        }
        assertEquals(datasets, count("dataset"));
        assertEquals(events, count("events"));
    }

    /** Refused with exactly these violations, each a field or field@line; nothing stored. */
    private void refusedExactly(Supplier<ValidatableResponse> request, String... violations) {
        long datasets = count("dataset");
        long events = count("events");
        List<Map<String, Object>> got = request.get().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath().getList("violations");
        List<String> named = got.stream().map(v -> v.get("field") + (v.get("line") == null ? "" : "@" + v.get("line")))
                .sorted().toList();
        assertEquals(Stream.of(violations).sorted().toList(), named);
        assertEquals(datasets, count("dataset"));
        assertEquals(events, count("events"));
    }

    private long count(String table) {
        return pool.query("SELECT count(*) AS n FROM " + table).execute().await().indefinitely().iterator().next().getLong("n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(JsonPath d, String metric) {
        return d.getList("rows", Map.class).stream().filter(r -> metric.equals(r.get("metric"))).findFirst().orElseThrow();
    }

    private static String evaluation(JsonPath d, String metric) {
        return (String) row(d, metric).get("evaluation");
    }

    private static int grade(JsonPath d, String metric) {
        return ((Number) row(d, metric).get("grade")).intValue();
    }
}
