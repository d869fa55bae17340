package dev.inspectorate.scoring.api;

import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.payload.ScoresChanged;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/inspections/{id}/scores")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scores")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.READER})
public class ScoresResource {
    @Inject
    Pool pool;

    @Inject
    Caller caller;

    /** An inspection's figures at one revision; revision 0 and no figures before any judgement. */
    public record ScoresView(long revision, ScoresChanged scores) {}

    @GET
    @Operation(summary = "An inspection's scores",
            description = "Criterion, section, overall and thread scores with counts, 95% intervals and bands, "
                    + "as now or, with asOf, as they stood at that instant.")
    @APIResponse(responseCode = "404", description = "No such inspection")
    public Uni<ScoresView> scores(@PathParam("id") String id,
            @Parameter(description = "An ISO-8601 instant, e.g. 2010-04-20T17:00:00Z") @QueryParam("asOf") String asOf) {
        Instant at = parseAsOf(asOf);
        String revisionQuery = at == null
                ? "SELECT revision, scores::text AS scores FROM score_revision WHERE inspection_id = $1 "
                        + "ORDER BY revision DESC LIMIT 1"
                : "SELECT revision, scores::text AS scores FROM score_revision WHERE inspection_id = $1 "
                        + "AND computed_at <= $2 ORDER BY computed_at DESC, revision DESC LIMIT 1";
        return pool.preparedQuery("SELECT area FROM inspection WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("no inspection " + id);
                    }
                    caller.requireArea(id, rows.iterator().next().getString("area"));
                    return pool.preparedQuery(revisionQuery)
                            .execute(at == null ? Tuple.of(id) : Tuple.of(id, at.atOffset(ZoneOffset.UTC)));
                })
                .map(rows -> rows.size() == 0 ? new ScoresView(0, null) : view(rows.iterator().next()));
    }

    private static ScoresView view(Row r) {
        try {
            return new ScoresView(r.getLong("revision"),
                    EventJson.mapper().readValue(r.getString("scores"), ScoresChanged.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant parseAsOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("asOf", "must be an ISO-8601 instant such as 2010-04-20T17:00:00Z");
        }
    }
}
