package dev.inspectorate.performance.api;

import dev.inspectorate.performance.domain.Area;
import dev.inspectorate.performance.domain.DatasetDraft;
import dev.inspectorate.performance.domain.Metric;
import dev.inspectorate.performance.store.DatasetStore;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.StorableText;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics and areas")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
public class MetricResource {
    @Inject
    DatasetStore store;

    @GET
    @Path("metrics")
    @Operation(summary = "The metric catalogue",
            description = "NPS and IPPF metrics with unit, direction, default target and near-miss tolerance.")
    public List<Metric> metrics() {
        return DatasetStore.catalogue().metrics();
    }

    @GET
    @Path("areas")
    @Operation(summary = "The probation areas")
    public List<Area> areas() {
        return DatasetStore.catalogue().areas();
    }

    /** An area's current data for a period, with the trend of each metric since its previous value. */
    public record Performance(
            String area,
            String period,
            @Schema(description = "The latest earlier period the area has any data for") String previousPeriod,
            List<DatasetView> datasets,
            @Schema(description = "Metric id to improved, worsened or unchanged (risen or fallen for contextual figures)")
            Map<String, String> trends) {}

    @GET
    @Path("areas/{area}/performance")
    @Operation(summary = "An area's performance in a period",
            description = "The current version of each framework's dataset, evaluated, with each metric's trend "
                    + "(improved, worsened, unchanged): against the row's own previous value where reported, else the "
                    + "same metric's latest value in an earlier period.")
    @APIResponse(responseCode = "200", description = "The area's datasets for the period (none loaded: an empty list)")
    @APIResponse(responseCode = "400", description = "period missing or not a financial year")
    @APIResponse(responseCode = "404", description = "No such area")
    public Uni<Performance> performance(
            @Parameter(description = "Area id or name (GET /areas)", example = "bedfordshire") @PathParam("area") String areaId,
            @Parameter(description = "Financial year, yyyy-yy with the second year following the first", required = true,
                    example = "2005-06") @QueryParam("period") String period) {
        Area area = area(areaId);
        if (!DatasetDraft.validPeriod(period)) {
            throw ProblemException.invalid("period", "is required: a financial year such as 2005-06, the second year "
                    + "following the first");
        }
        return store.periods(area.id()).flatMap(periods -> {
            String previous = periods.stream().filter(p -> p.compareTo(period) < 0).reduce((a, b) -> b).orElse(null);
            return store.current(area.id(), period).flatMap(now -> store.latestBefore(area.id(), period)
                    .map(before -> new Performance(area.id(), period, previous, now, Trends.of(now, before))));
        });
    }

    @GET
    @Path("areas/{area}/metrics/{metric}/series")
    @Operation(summary = "A metric's values over time", description = "From the current version of each period's dataset, "
            + "each judged as in the dataset (target as reported, else the default; a reconviction rate against its prediction).")
    @APIResponse(responseCode = "200", description = "Oldest period first")
    @APIResponse(responseCode = "404", description = "No such area or metric")
    public Uni<List<DatasetStore.Point>> series(
            @Parameter(description = "Area id or name (GET /areas)", example = "durham") @PathParam("area") String areaId,
            @Parameter(description = "Metric id or printed name (GET /metrics)", example = "nps-enforcement-ten-days")
            @PathParam("metric") String metric) {
        Area area = area(areaId);
        if (DatasetStore.catalogue().metric(metric).isEmpty()) {
            throw ProblemException.notFound("no metric " + shown(metric));
        }
        return store.series(area.id(), metric);
    }

    /** A path value echoed in an error only if it is short and storable text. */
    private static String shown(String s) {
        return s.length() <= 100 && StorableText.storable(s) ? s : "with that name";
    }

    private static Area area(String id) {
        return DatasetStore.catalogue().area(id).orElseThrow(() -> ProblemException.notFound("no area " + shown(id)));
    }
}
