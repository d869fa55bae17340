package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.api.Requests.BatchRequest;
import dev.inspectorate.caseassessment.store.Commands;
import dev.inspectorate.caseassessment.store.Idempotency;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/inspections/{id}/judgements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cases and judgements")
@SecurityRequirement(name = "SecurityScheme")
public class JudgementBatchResource {
    @Inject
    Commands commands;

    @Inject
    Idempotency idempotency;

    @Inject
    Responses responses;

    @Inject
    Guard guard;

    /** What a batch recorded. */
    public record BatchResult(int recorded) {}

    @POST
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Record a batch of judgements",
            description = "Up to 5000, on cases the caller may judge. Every item is checked first: all are recorded, "
                    + "or none, with every refused item named by its index.")
    @APIResponse(responseCode = "201", description = "All recorded")
    @APIResponse(responseCode = "422", description = "Some items break a rule; none was recorded")
    public Uni<Response> record(@PathParam("id") String id, @Valid @NotNull BatchRequest batch,
            @Parameter(description = InspectionResource.KEY_DOC) @HeaderParam("Idempotency-Key") String key) {
        String user = guard.user();
        var request = Idempotency.Request.of(user, key, "POST", "/inspections/" + id + "/judgements", responses.bytes(batch));
        return guard.visible(id).flatMap(i -> commands.transaction(tx -> idempotency.once(tx, request,
                        () -> commands.judgeBatch(tx, id, batch.judgements(), user, key)
                                .map(x -> responses.stored(201, new BatchResult(batch.judgements().size()), null, null)))))
                .map(responses::toResponse);
    }
}
