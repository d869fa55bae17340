package dev.inspectorate.caseassessment.api;

import dev.inspectorate.rest.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Who may see and change what: area assessors work only within their own area's inspections. */
@RequestScoped
public class Access {
    @Inject
    Caller caller;

    public Optional<String> confinedToArea() {
        return caller.confinedToArea();
    }

    /** Refuses (403) a caller confined to another area. */
    public InspectionView visible(InspectionView inspection) {
        caller.requireArea(inspection.id(), inspection.area());
        return inspection;
    }

    public String name() {
        return caller.name();
    }
}
