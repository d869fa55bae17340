package dev.inspectorate.rest;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: user name, roles and, for area-scoped roles, the area from the token's {@code area} claim. */
@RequestScoped
public class Caller {
    public static final String AREA_CLAIM = "area";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /**
     * The user name (the token's principal claim, {@code preferred_username}). A token without one is refused with
     * 401: every change records who made it, so there is nobody to record.
     */
    public String name() {
        String name = identity.getPrincipal().getName();
        if (name == null || name.isBlank()) {
            throw new UnauthorizedException("the bearer token names no user (no preferred_username claim)");
        }
        return name;
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /**
     * The area this caller is confined to: area assessors and area analysts see only their own area's inspections.
     * Inspectors, readers and national analysts (no area claim) are not confined; an area assessor without an area
     * claim is confined to no area.
     */
    public Optional<String> confinedToArea() {
        if (is(Roles.LEAD_INSPECTOR) || is(Roles.INSPECTOR) || is(Roles.READER)) {
            return Optional.empty();
        }
        if (is(Roles.PERFORMANCE_ANALYST) && !is(Roles.AREA_ASSESSOR) && area().isEmpty()) {
            return Optional.empty(); // a national analyst
        }
        return Optional.of(area().orElse(""));
    }

    /** Refuses (403) a caller confined to another area than the inspection's. */
    public void requireArea(String inspectionId, String inspectionArea) {
        confinedToArea().filter(area -> !area.equals(inspectionArea)).ifPresent(area -> {
            throw ProblemException.forbidden("area", "inspection " + inspectionId + " is not of your area");
        });
    }

    public Optional<String> area() {
        Object area = token.getClaim(AREA_CLAIM);
        if (area == null) {
            return Optional.empty();
        }
        String s = area.toString();
        // A JSON string claim may arrive quoted, depending on how the token was parsed.
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
