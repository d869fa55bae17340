package dev.inspectorate.reporting.api;

import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Criterion;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.frameworks.ScoringRules.ThreadRule;
import dev.inspectorate.frameworks.Section;
import dev.inspectorate.rest.Caller;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
public class ReportResource {
    @Inject
    Pool pool;

    @Inject
    Caller caller;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR})
    @Operation(summary = "An inspection's report",
            description = "The draft report as it stands, with every criterion, section and thread score.")
    @APIResponse(responseCode = "404", description = "No such inspection")
    public Uni<Report> get(@PathParam("id") String id) {
        return pool.preparedQuery("""
                        SELECT i.id, i.area, i.framework, i.title, i.fieldwork_start, i.fieldwork_end,
                               s.revision, s.scores::text AS scores
                        FROM inspection i LEFT JOIN inspection_scores s ON s.inspection_id = i.id
                        WHERE i.id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("no report for inspection " + id);
                    }
                    Row r = rows.iterator().next();
                    caller.requireArea(id, r.getString("area"));
                    return assemble(r);
                });
    }

    private static Report assemble(Row r) {
        Framework framework = Framework.fromId(r.getString("framework"));
        Catalogue catalogue = Catalogues.of(framework);
        ScoresChanged scores = r.getString("scores") == null ? null : parse(r.getString("scores"));
        List<Report.SectionPart> sections = new ArrayList<>();
        for (Section s : catalogue.sections()) {
            if (!s.caseScored()) {
                continue;
            }
            List<Report.CriterionPart> criteria = new ArrayList<>();
            for (Criterion c : s.criteria()) {
                if (c.caseScored()) {
                    criteria.add(new Report.CriterionPart(c.id(), c.title(), c.statement(),
                            scores == null ? null : scores.criteria().get(c.id())));
                }
            }
            sections.add(new Report.SectionPart(s.id(), s.title(),
                    scores == null ? null : scores.sections().get(s.id()), criteria));
        }
        List<Report.ThreadPart> threads = new ArrayList<>();
        for (ThreadRule t : catalogue.scoring().threads()) {
            threads.add(new Report.ThreadPart(t.id(), t.name(), scores == null ? null : scores.threads().get(t.id())));
        }
        Long revision = r.getLong("revision");
        return new Report(r.getString("id"), r.getString("area"), framework, r.getString("title"),
                r.getLocalDate("fieldwork_start"), r.getLocalDate("fieldwork_end"), "DRAFT",
                revision == null ? 0 : revision, sections, scores == null ? null : scores.overall(), threads);
    }

    private static ScoresChanged parse(String json) {
        try {
            return EventJson.mapper().readValue(json, ScoresChanged.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
