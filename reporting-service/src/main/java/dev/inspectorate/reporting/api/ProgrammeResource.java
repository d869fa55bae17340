package dev.inspectorate.reporting.api;

import dev.inspectorate.events.payload.ScoresChanged.Figure;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.reporting.report.Report;
import dev.inspectorate.reporting.report.Report.Spread;
import dev.inspectorate.reporting.store.ReportStore;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/programmes/{framework}/comparison")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programmes")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
public class ProgrammeResource {
    @Inject
    ReportStore store;

    @Schema(description = "Average and range to date of the headline (thread), section, criterion and overall scores "
            + "across the latest published reports of the framework's inspections, each from the scores as printed "
            + "(whole percentages); a score no report has is absent.")
    public record Comparison(
            @Schema(example = "omi2") Framework framework,
            @Schema(description = "How many inspections' reports count") int inspections,
            @Schema(description = "By thread id, e.g. risk-of-harm") Map<String, Spread> threads,
            @Schema(description = "By section id") Map<String, Spread> sections,
            @Schema(description = "By criterion id") Map<String, Spread> criteria,
            Spread overall) {}

    @GET
    @APIResponse(responseCode = "200", description = "The comparison",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Comparison.class)))
    @APIResponse(responseCode = "400", description = "before is not an ISO date or instant, or lies outside the years "
            + "1900-9999")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller has none of the platform's roles")
    @APIResponse(responseCode = "404", description = "No such framework")
    @Operation(summary = "Programme comparison",
            description = "Average and range to date of the headline, section and criterion scores across the "
                    + "latest published reports of every inspection under the framework, as the OMI2 reports quote "
                    + "them (\"to date the average RoH score has been 68%, range 65-72%\"). With before, only "
                    + "versions published before that moment count, so a report can quote the programme as it stood "
                    + "when it was written.")
    public Uni<Comparison> comparison(@PathParam("framework") String id,
            @Parameter(description = "Only publications before this: an ISO date (the start of that day, UTC) or "
                    + "instant", example = "2010-06-01") @QueryParam("before") String before) {
        Framework framework;
        try {
            framework = Framework.fromId(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no framework " + id + "; esi, omi1 and omi2 exist");
        }
        return store.published(framework, cutOff(before)).map(reports -> {
            Map<String, List<Integer>> threads = new LinkedHashMap<>();
            Map<String, List<Integer>> sections = new LinkedHashMap<>();
            Map<String, List<Integer>> criteria = new LinkedHashMap<>();
            List<Integer> overall = new ArrayList<>();
            for (Report r : reports) {
                r.threads().forEach(t -> add(threads, t.id(), t.score()));
                r.sections().forEach(s -> add(sections, s.id(), s.score()));
                r.chapters().forEach(c -> add(criteria, c.criterionId(), c.score()));
                if (r.overall() != null) {
                    overall.add(r.overall().display());
                }
            }
            return new Comparison(framework, reports.size(), spreads(threads), spreads(sections), spreads(criteria),
                    Spread.of(overall));
        });
    }

    /** The cut-off as an instant; null when none was given. */
    static Instant cutOff(String before) {
        if (before == null) {
            return null;
        }
        Instant at;
        try {
            at = before.contains("T") ? OffsetDateTime.parse(before).toInstant()
                    : LocalDate.parse(before).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("before", "must be an ISO date (2010-06-01) or instant (2010-06-01T12:00:00Z)");
        }
        // Java parses years PostgreSQL cannot hold (-5000, +300000); no report was or will be published out there.
        int year = at.atOffset(ZoneOffset.UTC).getYear();
        if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
            throw ProblemException.invalid("before", "must lie in the years " + EARLIEST_YEAR + " to " + LATEST_YEAR);
        }
        return at;
    }

    static final int EARLIEST_YEAR = 1900;
    static final int LATEST_YEAR = 9999;

    private static void add(Map<String, List<Integer>> m, String id, Figure f) {
        if (f != null) {
            m.computeIfAbsent(id, k -> new ArrayList<>()).add(f.display());
        }
    }

    private static Map<String, Spread> spreads(Map<String, List<Integer>> m) {
        Map<String, Spread> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Spread.of(v)));
        return out;
    }
}
