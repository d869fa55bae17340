package dev.inspectorate.performance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inspectorate.testing.HostileInput;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Loading datasets with hostile bodies: never a 5xx, and a refused load stores nothing. */
@QuarkusTest
@WithPlatformInfrastructure(database = "performance_data")
class HostileInputTest {
    @Inject
    Pool pool;

    @Test
    void noHostileDatasetIsHalfStoredOrAnswered5xx() {
        String token = Tokens.performanceAnalyst("kent.analyst", "kent");
        String json = """
                {"area": "kent", "period": "2005-06", "framework": "nps",
                 "rows": [{"metric": "nps-offender-compliance", "actual": 80, "target": 85, "national": 81}]}""";
        String csv = "area,period,framework,metric,actual,target,national\nkent,2005-06,nps,nps-offender-compliance,80,85,81\n";
        List<HostileInput.Body> bodies = new ArrayList<>(HostileInput.bodies(json));
        bodies.addAll(HostileInput.csv(csv));
        List<String> wrong = new ArrayList<>();
        for (HostileInput.Body b : bodies) {
            long before = count();
            Response r = given().auth().oauth2(token).contentType(b.contentType()).body(b.bytes()).post("/datasets");
            if (r.statusCode() >= 500) {
                wrong.add("[" + b + "]: " + r.statusCode() + " " + r.asString());
            } else if (r.statusCode() >= 400 && count() != before) {
                wrong.add("[" + b + "]: refused with " + r.statusCode() + " but stored a dataset");
            }
        }
        assertEquals(List.of(), wrong, "of " + bodies.size() + " hostile loads");
    }

    /** Hostile path and query values name nothing (404) or are refused (400); none reaches the database to fail. */
    @Test
    void hostileIdsAndPeriodsAreRefusedNot5xx() {
        String reader = Tokens.reader("rita.reader");
        List<String> values = new ArrayList<>(HostileInput.STRINGS);
        values.addAll(List.of("kent-2005-06-nps-v1\u0000", "x".repeat(300), "2005-99", "2005-06 ", "-1"));
        List<String> wrong = new ArrayList<>();
        for (String v : values) {
            check(wrong, v, "performance?period=" + shorten(v), 400,
                    () -> given().auth().oauth2(reader).queryParam("period", v).get("/areas/kent/performance"));
            if (v.isEmpty()) {
                continue; // an empty path segment is another route
            }
            String p = URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
            check(wrong, v, "GET /datasets/" + shorten(v), 404,
                    () -> given().auth().oauth2(reader).urlEncodingEnabled(false).get("/datasets/" + p));
            check(wrong, v, "GET /areas/" + shorten(v) + "/performance", 404,
                    () -> given().auth().oauth2(reader).urlEncodingEnabled(false).get("/areas/" + p + "/performance?period=2005-06"));
            check(wrong, v, "series of metric " + shorten(v), 404,
                    () -> given().auth().oauth2(reader).urlEncodingEnabled(false).get("/areas/kent/metrics/" + p + "/series"));
            check(wrong, v, "series of area " + shorten(v), 404,
                    () -> given().auth().oauth2(reader).urlEncodingEnabled(false).get("/areas/" + p + "/metrics/nps-offender-compliance/series"));
        }
        assertEquals(List.of(), wrong, "of " + values.size() + " hostile values in five positions");
    }

    /**
     * The expected status; or 400 for a NUL, which the platform refuses in any parameter before a resource sees it;
     * or 414 for a URI beyond the HTTP server's 4096-character request line (the server may answer and close before
     * the client has written it all: the client then sees its connection closed, which is the same refusal).
     */
    private static void check(List<String> wrong, String value, String what, int expected, Supplier<Response> request) {
        Response r;
        try {
            r = request.get();
        } catch (Exception e) { // RestAssured rethrows the socket's IOException unchecked
            if (value.length() > 4000 && (e instanceof IOException || e.getCause() instanceof IOException)) {
                return;
            }
            throw e;
        }
        boolean refusedEarlier = value.contains("\u0000") && r.statusCode() == 400
                || value.length() > 4000 && r.statusCode() == 414;
        if (r.statusCode() != expected && !refusedEarlier) {
            wrong.add(what + ": " + r.statusCode() + " " + shorten(r.asString()));
        }
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private long count() {
        return pool.query("SELECT count(*) AS n FROM dataset").execute().await().indefinitely().iterator().next().getLong("n");
    }
}
