package dev.inspectorate.performance;

import dev.inspectorate.testing.ServiceBasics;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "performance_data")
class ServiceBasicsTest {

    @Test
    void readyOnItsDatabaseWithOpenApiAndMetrics() {
        ServiceBasics.check("Performance data API");
    }
}
