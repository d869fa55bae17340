package dev.inspectorate.caseassessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.caseassessment.api.Requests.AssignRequest;
import dev.inspectorate.caseassessment.api.Requests.ModerateRequest;
import dev.inspectorate.caseassessment.api.Requests.ReopenRequest;
import dev.inspectorate.caseassessment.api.Requests.WithdrawRequest;
import dev.inspectorate.caseassessment.domain.Inspection;
import dev.inspectorate.caseassessment.store.Commands;
import dev.inspectorate.caseassessment.store.Idempotency;
import dev.inspectorate.caseassessment.store.Reads;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    static final String IF_MATCH_DOC = "The case's version (its ETag): the change applies only if the case is still at it.";

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
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    Pool pool;

    @POST
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Add cases to the sample (JSON)",
            description = "The inspection's lead inspector. All or nothing: every bad entry is reported by its index, "
                    + "and none is added unless all are valid.")
    @APIResponse(responseCode = "201", description = "The cases added, with their progress")
    @APIResponse(responseCode = "409", description = "A case id is already in the sample")
    public Uni<Response> sample(@PathParam("id") String id, JsonNode body,
            @Parameter(description = InspectionResource.KEY_DOC) @HeaderParam("Idempotency-Key") String key) {
        var read = JsonEntries.read(body, "entries", "", MAX_SAMPLE, SampleEntry.class, json, validator);
        if (!read.violations().isEmpty()) {
            throw ProblemException.invalid(read.violations());
        }
        List<SampleEntry> entries = read.entries();
        List<Violation> repeated = repeats(entries, i -> "[" + i + "].caseId", null);
        if (!repeated.isEmpty()) {
            throw ProblemException.invalid(repeated);
        }
        return importSample(id, entries, key, responses.bytes(entries));
    }

    @POST
    @Consumes("text/csv")
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Add cases to the sample (CSV)",
            description = "A header row naming the columns caseId, caseType, roshLevel, gender, ethnicity and any of ppo, "
                    + "mappaLevel, tier, approvedPremises, victimContact, childSafeguarding, psr; then one row per case. "
                    + "All or nothing: every bad cell is reported with its line and column.")
    public Uni<Response> sampleCsv(@PathParam("id") String id, byte[] body,
            @Parameter(description = InspectionResource.KEY_DOC) @HeaderParam("Idempotency-Key") String key) {
        SampleCsv.Parsed parsed = SampleCsv.parse(body == null ? new byte[0] : body, json, validator, MAX_SAMPLE);
        if (!parsed.violations().isEmpty()) {
            throw ProblemException.invalid(parsed.violations());
        }
        List<Violation> repeated = repeats(parsed.entries(), n -> "caseId", parsed.lines()::get);
        if (!repeated.isEmpty()) {
            throw ProblemException.invalid(repeated);
        }
        return importSample(id, parsed.entries(), key, body);
    }

    private Uni<Response> importSample(String id, List<SampleEntry> entries, String key, byte[] fingerprintBody) {
        String user = guard.user();
        var request = Idempotency.Request.of(user, key, "POST", "/inspections/" + id + "/cases", fingerprintBody);
        return guard.visible(id).flatMap(i -> commands.transaction(tx -> idempotency.once(tx, request,
                        () -> commands.sample(tx, id, entries, user, key)
                                .flatMap(x -> reads.cases(tx, id, i.framework(), Optional.empty(),
                                        Optional.of(entries.stream().map(SampleEntry::caseId).toList())))
                                .map(added -> responses.stored(201, added, null, null)))))
                .map(responses::toResponse);
    }

    /** Entries that repeat an earlier entry's case id, named by index (JSON) or line (CSV). */
    private static List<Violation> repeats(List<SampleEntry> entries, Function<Integer, String> field,
            Function<Integer, Integer> line) {
        List<Violation> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Integer first = seen.putIfAbsent(entries.get(i).caseId(), i);
            if (first != null) {
                String where = line == null ? "entry " + first : "line " + line.apply(first);
                out.add(new Violation(field.apply(i), "repeats the case id of " + where, line == null ? null : line.apply(i)));
            }
        }
        return out;
    }

    @GET
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "The sample, with each case's progress",
            description = "For the inspection team. With assignee, only that assessor's cases.")
    public Uni<List<Views.CaseSummary>> list(@PathParam("id") String id, @QueryParam("assignee") String assignee) {
        return guard.member(id).flatMap(i -> reads.cases(pool, id, i.framework(),
                Optional.ofNullable(assignee), Optional.empty()));
    }

    @GET
    @Path("{case}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "A case with its current judgements and unanswered questions")
    public Uni<Response> get(@PathParam("id") String id, @PathParam("case") String caseId) {
        return guard.member(id).flatMap(i -> reads.caseDetail(pool, id, i.framework(), caseId))
                .map(d -> Responses.ok(d, d.summary().version()));
    }

    @GET
    @Path("{case}/history")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Every change to a case", description = "Who, when, what and why, oldest first.")
    public Uni<List<Views.HistoryEntry>> history(@PathParam("id") String id, @PathParam("case") String caseId) {
        return guard.member(id).flatMap(i -> reads.history(pool, id, caseId));
    }

    @DELETE
    @Path("{case}")
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Withdraw a case from the sample",
            description = "The inspection's lead inspector, with a reason. Its judgements no longer count.")
    public Uni<Response> withdraw(@PathParam("id") String id, @PathParam("case") String caseId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull WithdrawRequest body) {
        var expected = Etags.parseIfMatch(ifMatch);
        return onCase(id, caseId, (tx, user) -> commands.withdraw(tx, id, caseId, body.reason(), user, expected));
    }

    @PUT
    @Path("{case}/assignee")
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Assign a case", description = "To a member of the inspection team, by its lead inspector.")
    public Uni<Response> assign(@PathParam("id") String id, @PathParam("case") String caseId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull AssignRequest body) {
        var expected = Etags.parseIfMatch(ifMatch);
        return onCase(id, caseId, (tx, user) -> commands.assign(tx, id, caseId, body.assignee(), user, expected));
    }

    @PUT
    @Path("{case}/judgements/{question}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Record or revise a judgement",
            description = "The case's assignee or a lead inspector. Appends judgement.recorded to the case's stream.")
    @APIResponse(responseCode = "200", description = "Recorded; the case as it now stands, ETag its new version")
    @APIResponse(responseCode = "409", description = "The case changed meanwhile (If-Match names an older version, or "
            + "another writer won the race), or its state forbids judging")
    @APIResponse(responseCode = "422", description = "The question does not exist or cannot apply to this case")
    public Uni<Response> judge(@PathParam("id") String id, @PathParam("case") String caseId,
            @PathParam("question") String questionId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RecordJudgement cmd) {
        var expected = Etags.parseIfMatch(ifMatch);
        return onCase(id, caseId, (tx, user) ->
                commands.judge(tx, id, caseId, questionId, cmd.answer(), cmd.note(), user, expected));
    }

    @PUT
    @Path("{case}/judgements/{question}/moderation")
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Moderate a judgement",
            description = "The inspection's lead inspector replaces the answer, with a reason; also on submitted cases.")
    public Uni<Response> moderate(@PathParam("id") String id, @PathParam("case") String caseId,
            @PathParam("question") String questionId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ModerateRequest body) {
        var expected = Etags.parseIfMatch(ifMatch);
        return onCase(id, caseId, (tx, user) ->
                commands.moderate(tx, id, caseId, questionId, body.answer(), body.reason(), user, expected));
    }

    @POST
    @Path("{case}/submission")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Submit a case's assessment",
            description = "Once every applicable question is answered; otherwise 422 with the list of those missing.")
    @APIResponse(responseCode = "422", description = "Unanswered questions, listed in 'missing'")
    public Uni<Response> submit(@PathParam("id") String id, @PathParam("case") String caseId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch) {
        var expected = Etags.parseIfMatch(ifMatch);
        return onCase(id, caseId, (tx, user) -> commands.submit(tx, id, caseId, user, expected));
    }

    @DELETE
    @Path("{case}/submission")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Reopen a submitted case", description = "Its assessor or a lead inspector, optionally with a reason.")
    public Uni<Response> reopen(@PathParam("id") String id, @PathParam("case") String caseId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @Valid ReopenRequest body) {
        var expected = Etags.parseIfMatch(ifMatch);
        return onCase(id, caseId, (tx, user) ->
                commands.reopen(tx, id, caseId, body == null ? null : body.reason(), user, expected));
    }

    /** Runs a case command for the caller, then answers with the case as it now stands. */
    private Uni<Response> onCase(String id, String caseId,
            java.util.function.BiFunction<SqlConnection, String, Uni<Void>> command) {
        String user = guard.user();
        return guard.visible(id).flatMap((Inspection i) -> commands.transaction(tx -> command.apply(tx, user)
                        .flatMap(x -> reads.caseDetail(tx, id, i.framework(), caseId))))
                .map(d -> Responses.ok(d, d.summary().version()));
    }
}
