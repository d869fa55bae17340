package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.domain.Inspection;
import dev.inspectorate.caseassessment.domain.RefusedException;
import dev.inspectorate.caseassessment.domain.Rules;
import dev.inspectorate.caseassessment.store.Reads;
import dev.inspectorate.rest.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Access to an inspection: area-scoped callers see only their own area; case-level data is for the team. */
@RequestScoped
public class Guard {
    @Inject
    Caller caller;

    @Inject
    Reads reads;

    public String user() {
        return caller.name();
    }

    /** The inspection, if the caller may see it at all (403 for another area's, 404 if none). */
    public Uni<Inspection> visible(String id) {
        return reads.inspectionState(id).invoke(i -> caller.requireArea(i.id(), i.area()));
    }

    /** The inspection, if the caller is on its team. */
    public Uni<Inspection> member(String id) {
        return visible(id).invoke(i -> Rules.member(i, caller.name()).ifPresent(r -> {
            throw new RefusedException(r);
        }));
    }
}
