package dev.inspectorate.reporting.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.reporting.render.ReportRendering;
import dev.inspectorate.reporting.report.Report;
import dev.inspectorate.reporting.store.ReportStore;
import dev.inspectorate.rest.Caller;
import dev.inspectorate.rest.Problem;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.ProblemMappers;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import dev.inspectorate.rest.StorableText;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

@Path("/reports/{id}")
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller may not do this: drafts and suggestions are for the "
        + "inspection's team, editing and publishing for its lead inspector")
@APIResponse(responseCode = "404", description = "No report for this inspection (or no such version, part, section "
        + "or criterion)")
public class ReportResource {
    static final String PDF = "application/pdf";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ALL_ROLES_DOC = "JSON (default), HTML (Accept: text/html) or PDF (Accept: application/pdf).";
    static final String IF_MATCH_DOC = "The draft's revision (its ETag, from GET /reports/{id} or an earlier PUT): "
            + "the part is written only if the draft is still at it.";
    static final String KEY_DOC = "Makes the publish safe to retry: a repeat by the same caller with the same key (1 to "
            + "255 characters) gets the version the first made (200), waiting for it if the first is still running, "
            + "and publishes nothing. Recorded in the event's metadata.";

    @Inject
    ReportStore store;

    @Inject
    ReportRendering rendering;

    @Inject
    Caller caller;

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, PDF})
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
    @Operation(summary = "An inspection's report",
            description = "To the inspection's team, the draft as it stands, with its revision as ETag (for If-Match "
                    + "on PUT content); to everyone else, the latest published version (403 before there is one). "
                    + ALL_ROLES_DOC)
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)),
        @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "406", description = "HTML or PDF of a version published before its HTML was kept: "
            + "it is served as JSON only", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
        return inspection(id).flatMap(i -> i.team().containsKey(caller.name())
                ? store.draft(i).flatMap(r -> store.draftRevision(id).flatMap(rev -> render(r, null, accept)
                        .map(resp -> Response.fromResponse(resp).header("ETag", etag(rev)).build())))
                : store.latestPublication(id).map(p -> p.orElseThrow(() -> ProblemException.forbidden(
                        "the report of " + id + " is not published yet; drafts are for the inspection team")))
                        .flatMap(p -> render(p.report(), p, accept)));
    }

    @GET
    @Path("publications")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
    @Operation(summary = "The published versions of a report",
            description = "Every published version, oldest first: its number, when and by whom it was published. "
                    + "Empty before the first publication.")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ReportStore.Version.class)))
    public Uni<List<ReportStore.Version>> publications(@PathParam("id") String id) {
        return inspection(id).flatMap(i -> store.publications(id));
    }

    @GET
    @Path("publications/{number}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, PDF})
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
    @Operation(summary = "A published version of a report",
            description = "Immutable: its JSON, HTML and PDF are byte for byte what was published. " + ALL_ROLES_DOC)
    @APIResponse(responseCode = "200", description = "The version", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)),
        @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "406", description = "HTML or PDF of a version published before its HTML was kept: "
            + "it is served as JSON only", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<Response> publication(@PathParam("id") String id, @PathParam("number") int number,
            @HeaderParam("Accept") String accept) {
        return store.publication(id, number)
                .map(p -> p.orElseThrow(() -> ProblemException.notFound("no publication " + number + " of " + id)))
                .flatMap(p -> render(p.report(), p, accept));
    }

    @POST
    @Path("publications")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Publish the report",
            description = "The inspection's lead inspector freezes the report as it stands as the next numbered, "
                    + "immutable version (JSON, HTML and PDF kept as published), visible to all readers; "
                    + "report.published goes to report-events.")
    @APIResponse(responseCode = "201", description = "Published; Location names the version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "200", description = "A repeat with an Idempotency-Key already used: the version that "
            + "request published", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "400", description = "Idempotency-Key empty or longer than 255 characters")
    @APIResponse(responseCode = "409", description = "No scores yet: there is nothing to publish")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used to publish another report")
    public Uni<Response> publish(@PathParam("id") String id,
            @Parameter(description = KEY_DOC) @HeaderParam("Idempotency-Key") String key) {
        if (key != null && (key.isBlank() || key.length() > 255 || !StorableText.storable(key))) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 255 characters");
        }
        return lead(id).flatMap(i -> store.publish(i, caller.name(), key, rendering::html, rendering::pdf))
                .map(p -> {
                    URI location = URI.create("/reports/" + id + "/publications/" + p.published().report().publication());
                    return (p.created() ? Response.created(location) : Response.ok().location(location))
                            .type(MediaType.APPLICATION_JSON).entity(p.published().json()).build();
                });
    }

    @PUT
    @Path("content/{part: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Write an editorial part of the report",
            description = "The inspection's lead inspector. Parts: foreword, context, next-steps, service-users "
                    + "({\"text\"}); recommendations ({\"items\": [\"...\"]}); good-practice ({\"items\": "
                    + "[{\"criterionId\", \"title\", \"text\"}]}); summaries/{section} ({\"text\"}); "
                    + "criteria/{criterion} ({\"strengths\": [...], \"improvements\": [...]}). Graded sections and "
                    + "criteria (OMI section 4) have them too. Texts are at most 20,000 characters, lists at most 50 "
                    + "items; control characters other than tab and line breaks are refused. Answers with the part as "
                    + "stored and the draft's new revision as ETag.")
    @RequestBody(required = true, description = "The part's content; its shape depends on the part.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = {
                        @ExampleObject(name = "foreword, context, next-steps, service-users or summaries/{section}",
                                value = "{\"text\": \"Offenders interviewed said their offender manager listened to them.\"}"),
                        @ExampleObject(name = "recommendations", value = "{\"items\": [\"the analyses of Risk of Harm to "
                                + "others and subsequent management plans are completed comprehensively and accurately\"]}"),
                        @ExampleObject(name = "good-practice", value = "{\"items\": [{\"criterionId\": \"2.4\", "
                                + "\"title\": \"Engaging offenders\", \"text\": \"An offender manager arranged appointments "
                                + "around the offender's shifts.\"}]}"),
                        @ExampleObject(name = "criteria/{criterion}", value = "{\"strengths\": [\"A RoSH screening was "
                                + "completed in all but six of the 171 cases.\"], \"improvements\": [\"A full RoSH analysis "
                                + "was completed on time in 62% of cases.\"]}")}))
    @APIResponse(responseCode = "200", description = "Written; ETag is the draft's new revision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "The body breaks the part's rules; violations name the fields")
    @APIResponse(responseCode = "409", description = "If-Match names a revision the draft has moved on from; the "
            + "problem's currentRevision and the ETag header give the current one")
    public Uni<Response> content(@PathParam("id") String id,
            @Parameter(description = "e.g. recommendations, summaries/1, criteria/1.2") @PathParam("part") String part,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch,
            @NotNull JsonNode body) {
        Long expected = ifMatch(ifMatch);
        return lead(id).flatMap(i -> {
            List<Violation> v = ContentRules.check(Catalogues.of(i.framework()), part, body);
            if (!v.isEmpty()) {
                throw ProblemException.invalid(v);
            }
            return store.saveContent(id, part, body, caller.name(), expected)
                    .map(revision -> Response.ok(body, MediaType.APPLICATION_JSON).header("ETag", etag(revision)).build());
        });
    }

    static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /** The revision an If-Match names; null for none or "*". */
    static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String v = header.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "must be an entity tag this service issued, e.g. \"3\"");
        }
    }

    @ServerExceptionMapper
    public Response staleDraft(ReportStore.StaleDraftException e, UriInfo uri) {
        // 409, not 412, as case-assessment answers a stale If-Match: the same lost race, with the revision to reload.
        Response r = ProblemMappers.respond(new Problem(URI.create(Problem.TYPE_BASE + "concurrent-change"),
                "Conflict with the current state", 409, e.getMessage() + "; reload and retry", uri.getPath(),
                List.of(new Violation("If-Match", e.getMessage())), Map.of("currentRevision", e.current())));
        return Response.fromResponse(r).header("ETag", etag(e.current())).build();
    }

    @ServerExceptionMapper
    public Response keyReused(ReportStore.KeyReusedException e, UriInfo uri) {
        return ProblemMappers.respond(ProblemException.refused("Idempotency-Key", e.getMessage()).toProblem(uri.getPath()));
    }

    /** A finding the report could state, worded from a question's proportion, for the lead to accept or edit. */
    public record Suggestion(String criterionId, String questionId, String kind, String text, int sufficient,
            int applicable, int percent) {}

    @GET
    @Path("suggestions")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "Suggested findings",
            description = "For the team: per criterion, a finding for each question with data, worded from the "
                    + "question's finding and its proportion (\"A RoSH screening was completed on time in 85% of "
                    + "cases.\"; \"in all cases\", \"in none of the cases\", and counts below 20 applicable cases: "
                    + "\"in 7 of 8 cases\"); strengths at or above the line of priority, areas for improvement below "
                    + "it. The lead accepts one with POST suggestions/{question}/acceptance.")
    public Uni<List<Suggestion>> suggestions(@PathParam("id") String id) {
        return team(id).flatMap(store::draft).map(ReportResource::suggestions);
    }

    private static List<Suggestion> suggestions(Report r) {
        Catalogue c = Catalogues.of(r.framework());
        double line = c.lineOfPriority() == null ? 70 : c.lineOfPriority();
        List<Suggestion> out = new ArrayList<>();
        for (Report.Chapter ch : r.chapters()) {
            for (Report.QuestionLine q : ch.questions()) {
                String kind = q.percent() >= line ? "strength" : "improvement";
                String finding = c.question(q.id()).orElseThrow().finding();
                out.add(new Suggestion(ch.criterionId(), q.id(), kind,
                        Findings.sentence(finding, q.sufficient(), q.applicable(), q.percent()), q.sufficient(),
                        q.applicable(), q.percent()));
            }
        }
        return out;
    }

    @POST
    @Path("suggestions/{question}/acceptance")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LEAD_INSPECTOR)
    @Operation(summary = "Accept a suggested finding",
            description = "The inspection's lead inspector adds the question's suggested finding, as the suggestions "
                    + "word it now, to its criterion's strengths or areas for improvement (by the suggestion's kind), "
                    + "after those already there. With a body {\"text\"}, the lead's edited wording is added instead. "
                    + "Accepting the same wording again adds nothing. To reorder or remove findings, PUT "
                    + "content/criteria/{criterion}.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EditedFinding.class),
            examples = @ExampleObject(name = "edited", value = "{\"text\": \"A RoSH screening was completed on time "
                    + "in 85% of cases, and 80% were accurate.\"}")))
    @APIResponse(responseCode = "200", description = "The criterion's findings as they now stand",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "accepted",
                    value = "{\"strengths\": [\"A RoSH screening was completed on time in 85% of cases.\"], "
                            + "\"improvements\": []}")))
    @APIResponse(responseCode = "400", description = "The body is not a JSON object, its text is not usable (the "
            + "rules of a finding in content/criteria/{criterion}), or it has another field (violations name body, text "
            + "or that field)")
    @APIResponse(responseCode = "404", description = "No such inspection or question, or no suggestion for the "
            + "question yet (no case it applies to has been judged)")
    @APIResponse(responseCode = "409", description = "The criterion already has " + ContentRules.MAX_ITEMS
            + " findings of that kind")
    public Uni<JsonNode> accept(@PathParam("id") String id,
            @Parameter(description = "Question id, e.g. 1.2.02") @PathParam("question") String question,
            String body) {
        return lead(id).flatMap(i -> {
            String edited = editedText(body);
            return store.draft(i).flatMap(r -> {
                Suggestion s = suggestions(r).stream().filter(x -> x.questionId().equals(question)).findFirst()
                        .orElseThrow(() -> ProblemException.notFound("no suggested finding for question " + question
                                + " of " + id));
                String field = s.kind().equals("strength") ? "strengths" : "improvements";
                return store.addFinding(id, "criteria/" + s.criterionId(), field, edited != null ? edited : s.text(),
                                ContentRules.MAX_ITEMS, caller.name())
                        .map(part -> part.orElseThrow(() -> ProblemException.conflict("too-many-findings", "criterion "
                                + s.criterionId() + " already has " + ContentRules.MAX_ITEMS + " " + field, null)));
            });
        });
    }

    /** An accepted finding in the lead's own words. */
    public record EditedFinding(@Schema(description = "The finding as the report will print it") String text) {}

    /**
     * The lead's wording from an optional {"text"} body; null when there is none (the suggestion's own). Read as text
     * so that a POST without a body or Content-Type is accepted too.
     */
    private static String editedText(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("body", "must be a JSON object {\"text\"} or empty");
        }
        if (body.isObject() && body.isEmpty()) {
            return null;
        }
        List<Violation> violations = ContentRules.editedFinding(body);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return body.get("text").asText();
    }

    /**
     * A report in the wanted form. A published one's JSON, HTML and PDF are served exactly as they were published; a
     * version kept without its HTML is not rendered with today's template: JSON only.
     */
    private Uni<Response> render(Report r, ReportStore.Published published, String accept) {
        String type = preferred(accept);
        if (published != null && published.html() == null && !type.equals(MediaType.APPLICATION_JSON)) {
            throw new ProblemException(406, "not-acceptable", "Not acceptable", "version " + r.publication() + " of "
                    + r.inspectionId() + " was published before its HTML was kept: it is available as JSON only", null, null);
        }
        if (type.equals(PDF)) {
            Uni<byte[]> pdf = published != null
                    ? store.publishedPdf(r.inspectionId(), r.publication(), () -> rendering.pdf(published.html()))
                    // Layout is CPU work: off the event loop.
                    : Uni.createFrom().item(() -> rendering.pdf(rendering.html(r))).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return pdf.map(bytes -> Response.ok(bytes, PDF)
                    .header("Content-Disposition", "inline; filename=\"" + r.inspectionId() + ".pdf\"").build());
        }
        if (type.equals(MediaType.TEXT_HTML)) {
            return Uni.createFrom().item(() -> Response.ok(published != null ? published.html() : rendering.html(r),
                    MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
        }
        return Uni.createFrom().item(Response.ok(published != null ? published.json() : r, MediaType.APPLICATION_JSON).build());
    }

    /** The first of JSON, HTML and PDF the Accept header lists; JSON when it lists none of them. */
    static String preferred(String accept) {
        if (accept == null) {
            return MediaType.APPLICATION_JSON;
        }
        for (String part : accept.split(",")) {
            String t = part.split(";")[0].trim();
            if (Set.of(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, PDF).contains(t)) {
                return t;
            }
        }
        return MediaType.APPLICATION_JSON;
    }

    private Uni<ReportStore.Inspection> inspection(String id) {
        return store.inspection(id).map(i -> {
            ReportStore.Inspection found = i.orElseThrow(() -> ProblemException.notFound("no report for inspection " + id));
            return found;
        });
    }

    /** The inspection, if the caller is on its team (drafts and suggestions are theirs). */
    private Uni<ReportStore.Inspection> team(String id) {
        return inspection(id).invoke(i -> {
            if (!i.team().containsKey(caller.name())) {
                throw ProblemException.forbidden("drafts of " + id + " are for the inspection team");
            }
        });
    }

    /** The inspection, if the caller is one of its lead inspectors. */
    private Uni<ReportStore.Inspection> lead(String id) {
        return inspection(id).invoke(i -> {
            if (!Roles.LEAD_INSPECTOR.equals(i.team().get(caller.name()))) {
                throw ProblemException.forbidden("only a lead inspector of " + id + " may do this");
            }
        });
    }
}
