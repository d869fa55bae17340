package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

import dev.inspectorate.frameworks.CaseCharacteristics;

/** {@code case.sampled}: a case joined the inspection's sample, with its characteristics. */
public record CaseSampled(String inspectionId, String caseId, CaseCharacteristics characteristics) {

    public CaseSampled {
        present(inspectionId, "inspectionId");
        present(caseId, "caseId");
        present(characteristics, "characteristics");
    }
}
