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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading datasets with hostile bodies: never a 5xx, and a refused load stores nothing. */
@QuarkusTest
@WithPlatformInfrastructure(database = "performance_data")
class HostileInputTest {
    @Inject
    Pool pool;

    @Test
    void noHostileDatasetIsHalfStoredOrAnswered5xx() {
        String token = Tokens.performanceAnalyst("nat.analyst", null);
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

    private long count() {
        return pool.query("SELECT count(*) AS n FROM dataset").execute().await().indefinitely().iterator().next().getLong("n");
    }
}
