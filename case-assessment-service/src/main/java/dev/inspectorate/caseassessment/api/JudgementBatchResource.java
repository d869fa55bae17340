package dev.inspectorate.caseassessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.caseassessment.api.Requests.BatchItem;
import dev.inspectorate.caseassessment.api.Requests.BatchRequest;
import dev.inspectorate.caseassessment.store.Commands;
import dev.inspectorate.caseassessment.store.Idempotency;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    /** What a batch recorded. */
    @Schema(description = "recorded: the items now held (all of them); changed: those that were not already so, "
            + "each appending one judgement.recorded")
    public record BatchResult(int recorded, int changed) {}

    @POST
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Record a batch of judgements",
            description = "Up to 5000, on cases the caller may judge, each case and question at most once. Every item "
                    + "is checked first: all are recorded, or none, with every refused item named by its index "
                    + "(judgements[3].answer for bad input, [3].question for a broken rule). An item repeating the "
                    + "case's current answer and note appends nothing, so a retried batch adds no history.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "two judgements", value = """
                    {"judgements": [
                      {"caseId": "C001", "questionId": "1.2.01", "answer": "SUFFICIENT"},
                      {"caseId": "C001", "questionId": "1.2.02", "answer": "INSUFFICIENT", "note": "No RoSH plan on file"}]}""")))
    @APIResponse(responseCode = "201", description = "All recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchResult.class), examples = @ExampleObject(name = "two", value = "{\"recorded\": 2, \"changed\": 2}")))
    @APIResponse(responseCode = "403", description = "Some items are on cases the caller may not judge; none was recorded")
    @APIResponse(responseCode = "409", description = "Some items meet a case or judgement whose state forbids it; none "
            + "was recorded")
    @APIResponse(responseCode = "422", description = "Some items break a rule; none was recorded")
    public Uni<Response> record(@PathParam("id") String id, JsonNode body,
            @Parameter(description = InspectionResource.KEY_DOC) @HeaderParam("Idempotency-Key") String key) {
        BatchRequest batch = read(body);
        String user = guard.user();
        var request = Idempotency.Request.of(user, key, "POST", "/inspections/" + id + "/judgements", responses.bytes(batch));
        return guard.visible(id).flatMap(i -> commands.transaction(tx -> idempotency.once(tx, request,
                        () -> commands.judgeBatch(tx, id, batch.judgements(), user, key)
                                .map(changed -> responses.stored(201, new BatchResult(batch.judgements().size(), changed),
                                        null, null)))))
                .map(responses::toResponse);
    }

    /**
     * The batch, item by item: every bad item and field is named ({@code judgements[3].answer}), unknown fields
     * too, and so is an item that repeats an earlier one's case and question: which of the two answers would stand?
     */
    private BatchRequest read(JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        JsonNode items = null;
        if (body == null || !body.isObject()) {
            violations.add(new Violation("body", "must be a JSON object with a judgements array"));
        } else {
            body.fieldNames().forEachRemaining(f -> {
                if (!f.equals("judgements")) {
                    violations.add(new Violation(f, "is not a known field; the fields are [judgements]"));
                }
            });
            items = body.get("judgements");
        }
        var read = JsonEntries.read(items, "judgements", "judgements", Requests.MAX_BATCH, BatchItem.class, json, validator);
        violations.addAll(read.violations());
        if (violations.isEmpty()) {
            Map<List<String>, Integer> seen = new HashMap<>();
            for (int k = 0; k < read.entries().size(); k++) {
                BatchItem item = read.entries().get(k);
                Integer first = seen.putIfAbsent(List.of(item.caseId(), item.questionId()), k);
                if (first != null) {
                    violations.add(new Violation("judgements[" + k + "].questionId", "repeats the case and question of "
                            + "item " + first + "; a batch judges each question of a case once"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new BatchRequest(read.entries());
    }
}
