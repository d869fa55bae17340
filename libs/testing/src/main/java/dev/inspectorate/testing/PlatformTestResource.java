package dev.inspectorate.testing;

import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
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
