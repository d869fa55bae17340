package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.domain.InspectionStatus;
import dev.inspectorate.caseassessment.domain.Refusal;
import dev.inspectorate.caseassessment.store.CaseStore;
import dev.inspectorate.caseassessment.store.CaseStore.JudgementOutcome;
import dev.inspectorate.caseassessment.store.InspectionStore;
import dev.inspectorate.messaging.StreamConflictException;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/inspections/{id}/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cases and judgements")
@SecurityRequirement(name = "SecurityScheme")
public class CaseResource {
    static final int MAX_SAMPLE = 1000;

    @Inject
    InspectionStore inspections;

    @Inject
    CaseStore cases;

    @Inject
    Access access;

    @POST
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Add cases to the sample",
            description = "All or nothing: every bad entry is reported, and none is added unless all are valid.")
    @APIResponse(responseCode = "201", description = "The cases added")
    @APIResponse(responseCode = "409", description = "A case id is already in the sample")
    public Uni<Response> sample(@PathParam("id") String id,
            @NotNull @Size(min = 1, max = MAX_SAMPLE) List<@Valid @NotNull SampleEntry> entries) {
        List<Violation> duplicates = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Integer first = seen.putIfAbsent(entries.get(i).caseId(), i);
            if (first != null) {
                duplicates.add(new Violation("[" + i + "].caseId", "repeats the case id of entry " + first));
            }
        }
        if (!duplicates.isEmpty()) {
            throw ProblemException.invalid(duplicates);
        }
        return Lookups.inspection(inspections, id)
                .flatMap(inspection -> {
                    if (inspection.status() == InspectionStatus.CLOSED) {
                        throw ProblemException.conflict("inspection-closed", "inspection " + id + " is closed", null);
                    }
                    return cases.sample(inspection, entries, access.name());
                })
                .map(added -> Response.status(Response.Status.CREATED).entity(added).build())
                .onFailure(StreamConflictException.class)
                .transform(e -> ProblemException.conflict("case-exists",
                        "the sample already holds case " + caseOf(((StreamConflictException) e).streamId()), null));
    }

    @GET
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.READER})
    @Operation(summary = "List the sample")
    public Uni<List<CaseView>> list(@PathParam("id") String id) {
        return Lookups.inspection(inspections, id).map(access::visible).flatMap(i -> cases.list(id));
    }

    @GET
    @Path("{case}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.READER})
    @Operation(summary = "Get a case of the sample")
    public Uni<Response> get(@PathParam("id") String id, @PathParam("case") String caseId) {
        return Lookups.inspection(inspections, id).map(access::visible)
                .flatMap(i -> Lookups.sampledCase(cases, id, caseId))
                .map(c -> Response.ok(c).tag(new EntityTag(String.valueOf(c.version()))).build());
    }

    @PUT
    @Path("{case}/judgements/{question}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Record or revise a judgement",
            description = "Appends judgement.recorded to the case's stream. With If-Match, only if the case is still "
                    + "at that version.")
    @APIResponse(responseCode = "200", description = "Recorded; ETag is the case's new version")
    @APIResponse(responseCode = "409", description = "The case changed meanwhile, or its state forbids judging")
    @APIResponse(responseCode = "422", description = "The question does not exist or cannot apply to this case")
    public Uni<Response> judge(@PathParam("id") String id, @PathParam("case") String caseId,
            @PathParam("question") String questionId, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RecordJudgement cmd) {
        var expected = Etags.parseIfMatch(ifMatch);
        return Lookups.inspection(inspections, id).map(access::visible)
                .flatMap(inspection -> cases.judge(inspection, caseId, questionId, cmd, access.name(), expected))
                .map(outcome -> {
                    JudgementOutcome o = outcome.orElseThrow(
                            () -> ProblemException.notFound("no case " + caseId + " in inspection " + id));
                    if (o instanceof JudgementOutcome.Refused f) {
                        throw refusal(f.refusal());
                    }
                    JudgementView j = ((JudgementOutcome.Recorded) o).judgement();
                    return Response.ok(j).tag(new EntityTag(String.valueOf(j.caseVersion()))).build();
                });
    }

    static ProblemException refusal(Refusal r) {
        return r.kind() == Refusal.Kind.STATE
                ? ProblemException.conflict(r.field() + "-state", r.message(), Map.of("field", r.field()))
                : ProblemException.refused(r.field(), r.message());
    }

    private static String caseOf(String streamId) {
        return streamId.substring(streamId.lastIndexOf('/') + 1);
    }
}
