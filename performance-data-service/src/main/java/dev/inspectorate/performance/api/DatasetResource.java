package dev.inspectorate.performance.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.performance.domain.Area;
import dev.inspectorate.performance.domain.DatasetDraft;
import dev.inspectorate.performance.domain.DatasetRow;
import dev.inspectorate.performance.store.DatasetStore;
import dev.inspectorate.rest.Caller;
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
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Schema(description = "One area's figures for one period: NPS table rows or IPPF metrics and ratings.")
    public record DatasetUpload(
            @Schema(example = "bedfordshire") String area,
            @Schema(example = "2005-06") String period,
            @Schema(example = "nps") String framework,
            @NotNull @Size(min = 1, max = MAX_ROWS) List<@NotNull DatasetRow> rows) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PERFORMANCE_ANALYST)
    @Operation(summary = "Load a dataset (JSON)",
            description = "Performance analysts, for their own area or the national figures (national analysts for "
                    + "any). All or nothing: every bad field of every row is reported. The same content again changes "
                    + "nothing (200); different content becomes a new version that supersedes the current one (201).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DatasetUpload.class)))
    @APIResponse(responseCode = "201", description = "A new version")
    @APIResponse(responseCode = "200", description = "The same as the current version: nothing changed")
    public Uni<Response> loadJson(JsonNode body) {
        return load(DatasetJson.parse(body, MAX_ROWS), false);
    }

    @POST
    @Consumes("text/csv")
    @RolesAllowed(Roles.PERFORMANCE_ANALYST)
    @Operation(summary = "Load a dataset (CSV)",
            description = "Header: area,period,framework,metric,actual,target,national,previous,grade,predicted,"
                    + "difference,significance,rating,missing (the last ten optional). Numbers with or without %; ### "
                    + "for a value the source lost. Every bad cell is reported with its line and column.")
    public Uni<Response> loadCsv(byte[] body) {
        return load(DatasetCsv.parse(body == null ? new byte[0] : body, MAX_ROWS), true);
    }

    /** Refuses the upload with every unreadable value and every broken rule together, or stores it. */
    private Uni<Response> load(ParsedDataset parsed, boolean csv) {
        List<Violation> violations = new ArrayList<>(parsed.violations());
        DatasetDraft draft = parsed.draft();
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
            throw ProblemException.invalid(violations);
        }
        Area area = DatasetStore.catalogue().area(draft.area()).orElseThrow();
        // An area's analyst loads that area's figures and the national ones, which every area is compared with.
        caller.area().filter(own -> !area.national()
                        && !DatasetStore.catalogue().area(own).map(a -> a.id().equals(area.id())).orElse(false))
                .ifPresent(own -> {
                    throw ProblemException.forbidden(
                            "you may load data for " + own + " or the national figures only, not " + area.id());
                });
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
    public Uni<DatasetView> get(@PathParam("id") String id) {
        return store.find(id).map(d -> d.orElseThrow(() -> ProblemException.notFound("no dataset " + id)));
    }
}
