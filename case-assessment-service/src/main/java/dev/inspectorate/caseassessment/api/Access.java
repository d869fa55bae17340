package dev.inspectorate.caseassessment.api;

import dev.inspectorate.rest.Caller;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Who may see and change what: area assessors work only within their own area's inspections. */
@RequestScoped
public class Access {
    @Inject
    Caller caller;

    /** The area the caller is confined to, if any. */
    public Optional<String> confinedToArea() {
        if (caller.is(Roles.LEAD_INSPECTOR) || caller.is(Roles.INSPECTOR) || caller.is(Roles.READER)) {
            return Optional.empty();
        }
        // An area assessor without an area claim sees nothing: confine them to an area no inspection has.
        return Optional.of(caller.area().orElse(""));
    }

    /** Refuses (403) a caller confined to another area. */
    public InspectionView visible(InspectionView inspection) {
        confinedToArea().filter(area -> !area.equals(inspection.area())).ifPresent(area -> {
            throw ProblemException.forbidden("inspection " + inspection.id() + " is not of your area");
        });
        return inspection;
    }

    public String name() {
        return caller.name();
    }
}
