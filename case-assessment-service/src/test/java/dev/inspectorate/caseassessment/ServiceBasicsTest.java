package dev.inspectorate.caseassessment;

import dev.inspectorate.testing.ServiceBasics;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPlatformInfrastructure(database = "case_assessment")
class ServiceBasicsTest {

    @Test
    void readyOnItsDatabaseWithOpenApiAndMetrics() {
        ServiceBasics.check("Case assessment API");
    }
}
