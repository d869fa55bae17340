package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.store.CaseStore;
import dev.inspectorate.caseassessment.store.InspectionStore;
import dev.inspectorate.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/** Loads what a request names, or answers 404. */
final class Lookups {
    private Lookups() {}

    static Uni<InspectionView> inspection(InspectionStore store, String id) {
        return store.find(id).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("no inspection " + id)));
    }

    static Uni<CaseView> sampledCase(CaseStore store, String inspectionId, String caseId) {
        return store.find(inspectionId, caseId).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("no case " + caseId + " in inspection " + inspectionId)));
    }
}
