package dev.inspectorate.scoring;

import dev.inspectorate.testing.ServiceBasics;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "scoring")
class ServiceBasicsTest {

    @Test
    void readyOnItsDatabaseWithOpenApiAndMetrics() {
        ServiceBasics.check("Scoring API");
    }
}
