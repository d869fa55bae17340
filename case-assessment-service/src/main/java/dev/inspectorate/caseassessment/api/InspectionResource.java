package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.api.Requests.ConclusionRequest;
import dev.inspectorate.caseassessment.api.Requests.GradeRequest;
import dev.inspectorate.caseassessment.api.Requests.TeamRoleRequest;
import dev.inspectorate.caseassessment.store.Commands;
import dev.inspectorate.caseassessment.store.Idempotency;
import dev.inspectorate.caseassessment.store.Reads;
import dev.inspectorate.messaging.StreamConflictException;
import dev.inspectorate.rest.Caller;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/inspections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Inspections")
@SecurityRequirement(name = "SecurityScheme")
public class InspectionResource {
    static final String IF_MATCH_DOC = "The inspection's version (its ETag): the change applies only if the inspection "
            + "is still at it.";
    static final String KEY_DOC = "Makes the request safe to retry: a repeat with the same key (1 to 255 characters) gets "
            + "the first answer, waiting for it if the first is still running. Recorded in the events' metadata.";

    @Inject
    Commands commands;

    @Inject
    Reads reads;

    @Inject
    Idempotency idempotency;

    @Inject
    Responses responses;

    @Inject
    Guard guard;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Open an inspection",
            description = "Lead inspectors. The opener becomes the inspection's lead inspector. Appends inspection.opened.")
    @APIResponse(responseCode = "201", description = "Opened; Location and ETag name it")
    @APIResponse(responseCode = "409", description = "An inspection with this id exists")
    public Uni<Response> open(@Valid @NotNull OpenInspection cmd,
            @Parameter(description = KEY_DOC) @HeaderParam("Idempotency-Key") String key) {
        if (cmd.fieldworkEnd().isBefore(cmd.fieldworkStart())) {
            throw ProblemException.invalid("fieldworkEnd", "must not be before fieldworkStart");
        }
        String user = guard.user();
        var request = Idempotency.Request.of(user, key, "POST", "/inspections", responses.bytes(cmd));
        return commands.transaction(tx -> idempotency.once(tx, request, () -> commands.open(tx, cmd, user, key)
                        .flatMap(x -> reads.inspection(tx, cmd.id()))
                        .map(view -> responses.stored(201, view, "/inspections/" + view.id(), view.version()))))
                .map(responses::toResponse)
                .onFailure(StreamConflictException.class)
                .transform(e -> ProblemException.conflict("inspection-exists",
                        "an inspection with id " + cmd.id() + " already exists", Map.of("id", cmd.id())));
    }

    @GET
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
    @Operation(summary = "List inspections", description = "Area assessors and area analysts see their own area's only.")
    public Uni<List<InspectionView>> list() {
        return reads.inspections(caller.confinedToArea());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
    @Operation(summary = "Get an inspection",
            description = "Its area, framework and catalogue version, title, fieldwork dates, status and who opened it. "
                    + "Area assessors and area analysts only of their own area. ETag: the inspection's version, for "
                    + "If-Match on team changes, grades, conclusions and closure.")
    @APIResponse(responseCode = "200", description = "The inspection",
            content = @Content(schema = @Schema(implementation = InspectionView.class)))
    @APIResponse(responseCode = "404", description = "No such inspection")
    public Uni<Response> get(@PathParam("id") String id) {
        return guard.visible(id).flatMap(i -> reads.inspection(id)).map(v -> Responses.ok(v, v.version()));
    }

    @POST
    @Path("{id}/closure")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Close the inspection",
            description = "Its lead inspector, once every case is submitted or withdrawn. Nothing more is recorded after.")
    @APIResponse(responseCode = "200", description = "Closed; ETag the inspection's new version")
    @APIResponse(responseCode = "409", description = "Cases still in progress, already closed, or If-Match names an "
            + "older version")
    public Uni<Response> close(@PathParam("id") String id,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch) {
        var expected = Etags.parseIfMatch(ifMatch);
        String user = guard.user();
        return guard.visible(id).flatMap(i -> commands.transaction(tx -> commands.close(tx, id, user, expected)
                        .flatMap(x -> reads.inspection(tx, id))))
                .map(v -> Responses.ok(v, v.version()));
    }

    @GET
    @Path("{id}/team")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "The inspection team", description = "For the team's members.")
    public Uni<List<Views.TeamMember>> team(@PathParam("id") String id) {
        return guard.member(id).flatMap(i -> reads.team(id));
    }

    @PUT
    @Path("{id}/team/{user}")
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Add a team member or change their role",
            description = "The inspection's lead inspector. Roles: lead-inspector, inspector, area-assessor.")
    @APIResponse(responseCode = "200", description = "The team; ETag the inspection's new version",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Views.TeamMember.class)))
    public Uni<Response> setMember(@PathParam("id") String id, @PathParam("user") String user,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull TeamRoleRequest body) {
        if (user.isBlank() || user.length() > 100) {
            throw ProblemException.invalid("user", "must be a user name of 1 to 100 characters");
        }
        var expected = Etags.parseIfMatch(ifMatch);
        String actor = guard.user();
        return onInspection(id, tx -> commands.setTeamMember(tx, id, user, body.role(), actor, expected), reads.team(id));
    }

    @DELETE
    @Path("{id}/team/{user}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Remove a team member",
            description = "The inspection's lead inspector. Once they have no case in progress: reassign those first "
                    + "(their submitted and withdrawn cases keep them as assessor). A removed member no longer records, "
                    + "submits or reopens any case, nor reads the inspection's cases.")
    @APIResponse(responseCode = "409", description = "The member still has cases in progress (listed), is not on the "
            + "team or is its last lead inspector, or If-Match names an older version")
    @APIResponse(responseCode = "200", description = "The team; ETag the inspection's new version",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Views.TeamMember.class)))
    public Uni<Response> removeMember(@PathParam("id") String id, @PathParam("user") String user,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch) {
        var expected = Etags.parseIfMatch(ifMatch);
        String actor = guard.user();
        return onInspection(id, tx -> commands.removeTeamMember(tx, id, user, actor, expected), reads.team(id));
    }

    @GET
    @Path("{id}/progress")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Progress per assessor", description = "Cases assigned, submitted and judgements recorded.")
    public Uni<List<Views.AssessorProgress>> progress(@PathParam("id") String id) {
        return guard.member(id).flatMap(i -> reads.progress(id));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Every change to the inspection itself",
            description = "For the team. The inspection's own stream, oldest first: its opening, team changes, grades, "
                    + "conclusions and closure, each with who (actor), when (recordedAt), what (type and data) and, where "
                    + "the event holds one, why. A case's changes are in its own history.")
    public Uni<List<Views.HistoryEntry>> history(@PathParam("id") String id) {
        return guard.member(id).flatMap(i -> reads.inspectionHistory(id));
    }

    @GET
    @Path("{id}/grades")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Grades and conclusions recorded so far",
            description = "For the team: the current grade of each graded criterion and the conclusion on each criterion "
                    + "or headline score, with who recorded it and when. Earlier values are in the inspection's history.")
    public Uni<Views.GradesAndConclusions> grades(@PathParam("id") String id) {
        return guard.member(id).flatMap(i -> reads.gradesAndConclusions(id));
    }

    @PUT
    @Path("{id}/grades/{criterion}")
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Grade a graded criterion",
            description = "ESI A1-A5 and D3, OMI section 4: a grade of the framework's scale. The inspection's lead inspector.")
    @APIResponse(responseCode = "200", description = "Grades and conclusions; ETag the inspection's new version",
            content = @Content(schema = @Schema(implementation = Views.GradesAndConclusions.class)))
    @APIResponse(responseCode = "422", description = "Not a graded criterion, or not a grade of its scale")
    public Uni<Response> grade(@PathParam("id") String id, @PathParam("criterion") String criterion,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull GradeRequest body) {
        var expected = Etags.parseIfMatch(ifMatch);
        String actor = guard.user();
        return onInspection(id, tx -> commands.grade(tx, id, criterion, body.grade(), actor, expected),
                reads.gradesAndConclusions(id));
    }

    @PUT
    @Path("{id}/conclusions/{criterion}")
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Confirm or override a criterion's conclusion, or a headline score's comment",
            description = "OMI1: good, a priority for improvement, an urgent priority for improvement; OMI2: the "
                    + "improvement comment, of a criterion or of a headline score (criterion = risk-of-harm, "
                    + "likelihood-of-reoffending, compliance-and-enforcement). The inspection's lead inspector.")
    @APIResponse(responseCode = "200", description = "Grades and conclusions; ETag the inspection's new version",
            content = @Content(schema = @Schema(implementation = Views.GradesAndConclusions.class)))
    public Uni<Response> conclude(@PathParam("id") String id, @PathParam("criterion") String criterion,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ConclusionRequest body) {
        var expected = Etags.parseIfMatch(ifMatch);
        String actor = guard.user();
        return onInspection(id, tx -> commands.conclude(tx, id, criterion, body.conclusion(), actor, expected),
                reads.gradesAndConclusions(id));
    }

    /** Runs a command on the inspection, then answers with what it changed and, as ETag, its new version. */
    private Uni<Response> onInspection(String id, Function<SqlConnection, Uni<Void>> command, Uni<?> result) {
        return guard.visible(id)
                .flatMap(i -> commands.transaction(tx -> command.apply(tx).flatMap(x -> reads.inspection(tx, id))))
                .flatMap(v -> result.map(body -> Responses.ok(body, v.version())));
    }
}
