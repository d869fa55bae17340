package dev.inspectorate.testing;

import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.HashMap;
import java.util.Map;

/** Points a service under test at the shared test infrastructure. */
public class PlatformTestResource implements QuarkusTestResourceConfigurableLifecycleManager<WithPlatformInfrastructure> {
    private String database;

    @Override
    public void init(WithPlatformInfrastructure annotation) {
        database = annotation.database();
        if (!TestInfrastructure.DATABASES.contains(database)) {
            throw new IllegalArgumentException("unknown database " + database + "; one of " + TestInfrastructure.DATABASES);
        }
    }

    @Override
    public Map<String, String> start() {
        // Scores are doubles: compare them as such, not as rest-assured's default floats.
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        int port = TestInfrastructure.postgresPort();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/" + database);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/" + database);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers());
        Map<String, String> oidc = TestInfrastructure.oidc();
        config.put("quarkus.oidc.auth-server-url", oidc.get("keycloak.url") + "/realms/quarkus/");
        config.put("quarkus.oidc.token.issuer", Tokens.ISSUER);
        config.put("quarkus.oidc.client-id", "inspection-platform");
        config.put("quarkus.oidc.application-type", "service");
        return config;
    }

    @Override
    public void stop() {
        // The infrastructure outlives Quarkus restarts; TestInfrastructure stops it when the JVM exits.
    }
}
