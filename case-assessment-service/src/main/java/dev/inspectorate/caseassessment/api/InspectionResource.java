package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.store.InspectionStore;
import dev.inspectorate.messaging.StreamConflictException;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/inspections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Inspections")
@SecurityRequirement(name = "SecurityScheme")
public class InspectionResource {
    @Inject
    InspectionStore inspections;

    @Inject
    Access access;

    @POST
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Open an inspection", description = "Lead inspectors only. Appends inspection.opened.")
    @APIResponse(responseCode = "201", description = "Opened; Location and ETag name it")
    @APIResponse(responseCode = "409", description = "An inspection with this id exists")
    public Uni<Response> open(@Valid @NotNull OpenInspection cmd) {
        if (cmd.fieldworkEnd().isBefore(cmd.fieldworkStart())) {
            throw ProblemException.invalid("fieldworkEnd", "must not be before fieldworkStart");
        }
        return inspections.open(cmd, access.name())
                .map(view -> Response.created(URI.create("/inspections/" + view.id()))
                        .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(view.version())))
                        .entity(view).build())
                .onFailure(StreamConflictException.class)
                .transform(e -> ProblemException.conflict("inspection-exists",
                        "an inspection with id " + cmd.id() + " already exists", Map.of("id", cmd.id())));
    }

    @GET
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.READER})
    @Operation(summary = "List inspections", description = "Area assessors see their own area's inspections only.")
    public Uni<List<InspectionView>> list() {
        return inspections.list(access.confinedToArea());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.READER})
    @Operation(summary = "Get an inspection")
    @APIResponse(responseCode = "404", description = "No such inspection")
    public Uni<Response> get(@PathParam("id") String id) {
        return Lookups.inspection(inspections, id)
                .map(access::visible)
                .map(view -> Response.ok(view).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(view.version()))).build());
    }
}
