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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
    static final String SAMPLE_EXAMPLE = """
            [{"caseId": "C001", "caseType": "licence", "roshLevel": "high", "mappaLevel": 1, "ppo": true,
              "gender": "male", "ethnicity": "white", "tier": 3, "victimContact": true},
             {"caseId": "C002", "caseType": "community-order", "roshLevel": "medium", "gender": "female",
              "ethnicity": "black", "tier": 2, "psr": true}]""";
    static final String SAMPLE_CSV_EXAMPLE = """
            caseId,caseType,roshLevel,gender,ethnicity,ppo,mappaLevel,tier,psr
            C001,licence,high,male,white,yes,1,3,no
            C002,community-order,medium,female,black,no,0,2,yes
            """;
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
            description = "The inspection's lead inspector. 1 to 1000 cases. All or nothing: every bad entry and field is "
                    + "reported by its index ([2].roshLevel), unknown fields too, and none is added unless all are valid.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = SampleEntry.class, minItems = 1, maxItems = MAX_SAMPLE),
            examples = @ExampleObject(name = "two cases", value = SAMPLE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The cases added, with their progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Views.CaseSummary.class)))
    @APIResponse(responseCode = "409", description = "A case id is already in the sample, or the inspection is closed")
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
    @RequestBody(required = true, content = @Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING, description = "RFC 4180 CSV, UTF-8, a header row first"),
            examples = @ExampleObject(name = "two cases", value = SAMPLE_CSV_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The cases added, with their progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Views.CaseSummary.class)))
    @APIResponse(responseCode = "409", description = "A case id is already in the sample, or the inspection is closed")
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
            description = "For the inspection team, ordered by case id: each case's characteristics, status, assignee, "
                    + "and how many of the questions that can apply to it are answered. With assignee, only that "
                    + "assessor's cases.")
    public Uni<List<Views.CaseSummary>> list(@PathParam("id") String id, @QueryParam("assignee") String assignee) {
        return guard.member(id).flatMap(i -> reads.cases(pool, id, i.framework(),
                Optional.ofNullable(assignee), Optional.empty()));
    }

    @GET
    @Path("{case}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "A case with its current judgements and unanswered questions",
            description = "For the inspection team. Each judgement with its answer, note, assessor, time and any "
                    + "moderation (who, why); the applicable questions still unanswered. ETag: the case's version, "
                    + "for If-Match on the next change.")
    public Uni<Response> get(@PathParam("id") String id, @PathParam("case") String caseId) {
        return guard.member(id).flatMap(i -> reads.caseDetail(pool, id, i.framework(), caseId))
                .map(d -> Responses.ok(d, d.summary().version()));
    }

    @GET
    @Path("{case}/history")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Every change to a case",
            description = "For the inspection team. Every event of the case's stream, oldest first: who (actor), when "
                    + "(recordedAt), what (type and data) and why (the reason in the data of a moderation, withdrawal "
                    + "or reopening).")
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
    @APIResponse(responseCode = "422", description = "The assignee is not on the inspection team")
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
            description = "The case's assignee (while on the inspection team) or a lead inspector of the inspection. "
                    + "Appends judgement.recorded to the case's stream; without If-Match, the same answer and note again "
                    + "appends nothing (a safe retry). A judgement the lead moderated may be revised only by a lead inspector.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecordJudgement.class),
            examples = @ExampleObject(name = "sufficient", value = "{\"answer\": \"SUFFICIENT\", \"note\": "
                    + "\"RoSH screening completed within five working days of sentence\"}")))
    @APIResponse(responseCode = "200", description = "Recorded (or already so); the case as it now stands, ETag its "
            + "version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.CaseDetail.class)))
    @APIResponse(responseCode = "409", description = "The case changed meanwhile (If-Match names an older version, or "
            + "another writer won the race), its state forbids judging (submitted, withdrawn, inspection closed), or "
            + "the judgement was moderated and the caller is not a lead inspector (field question)")
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
    @APIResponse(responseCode = "409", description = "No judgement to moderate, the case was withdrawn, or the "
            + "inspection is closed")
    @APIResponse(responseCode = "422", description = "The question does not exist or cannot apply to this case")
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
    @Operation(summary = "Reopen a submitted case",
            description = "Its assessor (while on the team) or a lead inspector, optionally with a reason.")
    @APIResponse(responseCode = "409", description = "The case is not submitted, or the inspection is closed")
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
