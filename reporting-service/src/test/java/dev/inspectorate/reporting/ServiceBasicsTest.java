package dev.inspectorate.reporting;

import dev.inspectorate.testing.ServiceBasics;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "reporting")
class ServiceBasicsTest {

    @Test
    void readyOnItsDatabaseWithOpenApiAndMetrics() {
        ServiceBasics.check("Reporting API");
    }
}
