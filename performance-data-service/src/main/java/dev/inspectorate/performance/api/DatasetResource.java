package dev.inspectorate.performance.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.performance.domain.Area;
import dev.inspectorate.performance.domain.DatasetDraft;
import dev.inspectorate.performance.store.DatasetStore;
import dev.inspectorate.rest.Caller;
import dev.inspectorate.rest.Problem;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Datasets")
@SecurityRequirement(name = "SecurityScheme")
public class DatasetResource {
    static final int MAX_ROWS = 500;

    @Inject
    DatasetStore store;

    @Inject
    Caller caller;

    /** The JSON body, for the OpenAPI document; {@link DatasetJson} reads it field by field. */
    @Schema(description = "One area's figures for one period: NPS table rows, IPPF metrics and ratings, or contextual figures.")
    public record DatasetUpload(
            @Schema(description = "Area id or name (GET /areas); england-and-wales for the national figures", example = "bedfordshire") String area,
            @Schema(description = "Financial year: yyyy-yy, the second year following the first", example = "2005-06") String period,
            @Schema(enumeration = {"nps", "ippf", "context"}, example = "nps") String framework,
            @NotNull @Size(min = 1, max = MAX_ROWS) List<@NotNull UploadRow> rows) {}

    /** One row of an upload, for the OpenAPI document. */
    @Schema(description = "One metric as the source prints it. Numbers may be JSON numbers or text, with or without %; "
            + "\"###\" marks a value the source lost (stored as missing).")
    public record UploadRow(
            @Schema(required = true, description = "Metric id or printed name (GET /metrics); ippf-domain-* or ippf-area for an IPPF rating", example = "nps-enforcement-ten-days") String metric,
            @Schema(description = "The area's value; a percentage (unit percent) is 0-100, no value is negative", example = "95") Double actual,
            @Schema(description = "The target; required where the metric has no default target", example = "90") Double target,
            @Schema(description = "The England and Wales figure; where absent, the loaded england-and-wales dataset's", example = "91") Double national,
            @Schema(description = "The previous period's value (IPPF: previous year Q4); the trend uses it", example = "88") Double previous,
            @Schema(description = "IPPF grade 1-4 as reported", minimum = "1", maximum = "4", example = "3") Integer grade,
            @Schema(description = "The predicted rate a reconviction rate is judged against (required for those)", example = "53.5") Double predicted,
            @Schema(description = "Actual minus predicted, as printed", example = "1.3") Double difference,
            @Schema(description = "Whether the difference is significant, as printed", example = "Better") String significance,
            @Schema(description = "IPPF rating rows only", enumeration = {"Poor", "Passable", "Good", "Outstanding"}) String rating,
            @Schema(description = "Why the value is missing; only where a value is lost (### or no actual)", example = "not collected in 2005-06") String missing) {}

    static final String CSV_EXAMPLE = """
            area,period,framework,metric,actual,target,national,previous,grade,predicted,difference,significance,rating,missing
            bedfordshire,2005-06,nps,nps-enforcement-ten-days,95,90,91,,,,,,,
            bedfordshire,2005-06,nps,nps-offender-compliance,80%,85%,81%,,,,,,,
            """;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PERFORMANCE_ANALYST)
    @Operation(summary = "Load a dataset (JSON)",
            description = "Performance analysts, for the area their token's area claim names or the national figures "
                    + "(england-and-wales). All or nothing: every bad field of every row is reported. The same content "
                    + "again changes nothing (200); different content becomes a new version that supersedes the current "
                    + "one (201).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DatasetUpload.class)))
    @APIResponse(responseCode = "201", description = "A new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(responseCode = "200", description = "The same as the current version: nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(responseCode = "400", description = "Refused, nothing stored: every bad field, as rows[i].field")
    @APIResponse(responseCode = "403", description = "Not a performance analyst, no area claim, or another area's figures (field area)")
    public Uni<Response> loadJson(JsonNode body) {
        requireAnArea();
        return load(DatasetJson.parse(body, MAX_ROWS), false);
    }

    @POST
    @Consumes("text/csv")
    @RolesAllowed(Roles.PERFORMANCE_ANALYST)
    @Operation(summary = "Load a dataset (CSV)",
            description = "Header: area,period,framework,metric,actual,target,national,previous,grade,predicted,"
                    + "difference,significance,rating,missing (the last ten optional, in any order, each once). Numbers "
                    + "with or without %; ### for a value the source lost. Every bad cell is reported with its physical "
                    + "line and column; a malformed row (too many values, bad quoting) as field row.")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "Bedfordshire 2005-06", value = CSV_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "A new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(responseCode = "200", description = "The same as the current version: nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(responseCode = "400", description = "Refused, nothing stored: every bad cell with its line and column")
    @APIResponse(responseCode = "403", description = "Not a performance analyst, no area claim, or another area's figures (field area)")
    public Uni<Response> loadCsv(byte[] body) {
        requireAnArea();
        return load(DatasetCsv.parse(body == null ? new byte[0] : body, MAX_ROWS), true);
    }

    /** An analyst's token must say whose figures they keep: one without an area claim may load nothing. */
    private void requireAnArea() {
        if (caller.area().isEmpty()) {
            throw ProblemException.forbidden("area", "your token carries no area: you may load no figures");
        }
    }

    /**
     * Checks the caller may load the upload's area before anything else, so that another area's analyst learns
     * nothing of what is wrong with it; then refuses it with every unreadable value and broken rule, or stores it.
     */
    private Uni<Response> load(ParsedDataset parsed, boolean csv) {
        DatasetDraft draft = parsed.draft();
        Optional<Area> area = draft == null || draft.area() == null ? Optional.empty()
                : DatasetStore.catalogue().area(draft.area());
        // An area's analyst loads that area's figures and the national ones, which every area is compared with.
        String own = caller.area().orElseThrow();
        area.filter(a -> !a.national()
                        && !DatasetStore.catalogue().area(own).map(mine -> mine.id().equals(a.id())).orElse(false))
                .ifPresent(a -> {
                    throw ProblemException.forbidden("area",
                            "you may load data for " + own + " or the national figures only, not " + a.id());
                });
        List<Violation> violations = new ArrayList<>(parsed.violations());
        if (draft != null) {
            for (DatasetDraft.Flaw f : draft.flaws(DatasetStore.catalogue())) {
                Violation flaw = violation(f, csv);
                // A value already refused as unreadable reads as absent: its rule would only repeat the refusal.
                if (violations.stream().noneMatch(x -> x.field().equals(flaw.field())
                        && Objects.equals(x.line(), flaw.line()))) {
                    violations.add(flaw);
                }
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::line, Comparator.nullsFirst(Comparator.naturalOrder())));
            throw ProblemException.invalid(violations);
        }
        return store.load(draft, caller.name()).map(loaded -> Response
                .status(loaded.created() ? 201 : 200)
                .location(URI.create("/datasets/" + loaded.dataset().id()))
                .entity(loaded.dataset()).build());
    }

    /** A CSV flaw names its line; a JSON one its path, e.g. rows[3].metric, or just area for the dataset's own. */
    private static Violation violation(DatasetDraft.Flaw f, boolean csv) {
        if (csv) {
            Integer line = f.position() == null ? null : Integer.valueOf(f.position().substring("line ".length()));
            return new Violation(f.field(), f.message(), line);
        }
        boolean ofDataset = f.position() == null || DatasetDraft.DATASET_FIELDS.contains(f.field());
        return new Violation(ofDataset ? f.field() : f.position() + "." + f.field(), f.message());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
    @Operation(summary = "A dataset version", description = "With each row evaluated, and IPPF ratings as reported or suggested.")
    @APIResponse(responseCode = "200", description = "The dataset version")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public Uni<DatasetView> get(@Parameter(description = "area-period-framework-vN", example = "bedfordshire-2005-06-nps-v1")
            @PathParam("id") String id) {
        // Ids are built from catalogue ids; anything else (a NUL, a megabyte) names no dataset and need not reach the database.
        if (id == null || !DATASET_ID.matcher(id).matches()) {
            throw ProblemException.notFound("no dataset with that id");
        }
        return store.find(id).map(d -> d.orElseThrow(() -> ProblemException.notFound("no dataset " + id)));
    }

    static final Pattern DATASET_ID = Pattern.compile("[a-z0-9-]{1,100}");
}
