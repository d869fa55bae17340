package dev.inspectorate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo realm gives tokens the claims the services read (ARCHITECTURE.md, Security). */
class KeycloakRealmTest {
    static final Set<String> ROLES = Set.of("lead-inspector", "inspector", "area-assessor", "performance-analyst", "reader", "operator");

    @Test
    void rolesGoToGroupsAndAreaToArea() throws IOException {
        JsonNode realm = Kustomize.YAML.readTree(Path.of("keycloak/inspectorate-realm.json").toFile());
        assertEquals("inspectorate", realm.path("realm").asText());
        assertEquals(ROLES, OverlaysTest.stream(realm.at("/roles/realm")).map(r -> r.path("name").asText()).collect(Collectors.toSet()));

        List<JsonNode> mappers = realm.findValues("protocolMappers").stream().flatMap(OverlaysTest::stream).toList();
        assertTrue(mappers.stream().anyMatch(m -> m.path("protocolMapper").asText().equals("oidc-usermodel-realm-role-mapper")
                && m.at("/config/claim.name").asText().equals("groups") && m.at("/config/multivalued").asText().equals("true")));
        assertTrue(mappers.stream().anyMatch(m -> m.path("protocolMapper").asText().equals("oidc-usermodel-attribute-mapper")
                && m.at("/config/user.attribute").asText().equals("area") && m.at("/config/claim.name").asText().equals("area")));
        // Keycloak 24+ keeps only declared user attributes: "area" must be in the user profile.
        assertTrue(realm.findValue("kc.user.profile.config").get(0).asText().contains("\"name\":\"area\""));

        assertEquals(ROLES, OverlaysTest.stream(realm.path("users")).map(u -> u.at("/realmRoles/0").asText()).collect(Collectors.toSet()),
                "one demo user per role");
        JsonNode assessor = OverlaysTest.stream(realm.path("users")).filter(u -> u.at("/realmRoles/0").asText().equals("area-assessor")).findFirst().orElseThrow();
        assertEquals("Thames Valley", assessor.at("/attributes/area/0").asText());
    }
}
