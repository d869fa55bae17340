package dev.inspectorate.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with the key the WireMock OIDC provider publishes. Roles go in the
 * {@code groups} claim; area-scoped roles carry an {@code area} claim.
 */
public final class Tokens {
    public static final String ISSUER = "https://server.example.com";
    private static final String KEY = "privateKey.jwk";

    private Tokens() {}

    public static String leadInspector(String user) {
        return mint(user, null, "lead-inspector");
    }

    public static String inspector(String user) {
        return mint(user, null, "inspector");
    }

    public static String areaAssessor(String user, String area) {
        return mint(user, area, "area-assessor");
    }

    public static String operator(String user) {
        return mint(user, null, "operator");
    }

    /** An analyst of one area, or of national figures when {@code area} is null. */
    public static String performanceAnalyst(String user, String area) {
        return mint(user, area, "performance-analyst");
    }

    public static String reader(String user) {
        return mint(user, null, "reader");
    }

    /** A token for any user, area (or none) and roles. */
    public static String mint(String user, String area, String... roles) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .upn(user)
                .preferredUserName(user)
                .subject(user)
                .groups(Set.of(roles))
                .expiresIn(3600);
        if (area != null) {
            claims.claim("area", area);
        }
        return claims.jws().keyId("1").sign(KEY);
    }

    /** A valid token with roles but no user name: no {@code preferred_username} or {@code upn}, only a subject. */
    public static String unnamed(String... roles) {
        return Jwt.issuer(ISSUER).subject("f3a1c2d4-0000-4000-8000-000000000001").groups(Set.of(roles)).expiresIn(3600)
                .jws().keyId("1").sign(KEY);
    }

    /** The Authorization header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
