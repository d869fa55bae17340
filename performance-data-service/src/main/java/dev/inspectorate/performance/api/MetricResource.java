package dev.inspectorate.performance.api;

import dev.inspectorate.performance.domain.Area;
import dev.inspectorate.performance.domain.Metric;
import dev.inspectorate.performance.store.DatasetStore;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    /** An area's current data for a period, with the trend of each metric since the previous period. */
    public record Performance(String area, String period, String previousPeriod, List<DatasetView> datasets,
            Map<String, String> trends) {}

    @GET
    @Path("areas/{area}/performance")
    @Operation(summary = "An area's performance in a period",
            description = "The current version of each framework's dataset, evaluated, with each metric's trend "
                    + "(improved, worsened, unchanged) since the previous period the area has data for.")
    public Uni<Performance> performance(@PathParam("area") String areaId, @QueryParam("period") String period) {
        Area area = area(areaId);
        if (period == null || !period.matches("\\d{4}-\\d{2}")) {
            throw ProblemException.invalid("period", "is required: a financial year such as 2005-06");
        }
        return store.periods(area.id()).flatMap(periods -> {
            String previous = periods.stream().filter(p -> p.compareTo(period) < 0).reduce((a, b) -> b).orElse(null);
            Uni<List<DatasetView>> now = store.current(area.id(), period);
            Uni<List<DatasetView>> before = previous == null ? Uni.createFrom().item(List.of()) : store.current(area.id(), previous);
            return now.flatMap(n -> before.map(b -> new Performance(area.id(), period, previous, n, Trends.between(n, b))));
        });
    }

    @GET
    @Path("areas/{area}/metrics/{metric}/series")
    @Operation(summary = "A metric's values over time", description = "From the current version of each period's dataset.")
    public Uni<List<DatasetStore.Point>> series(@PathParam("area") String areaId, @PathParam("metric") String metric) {
        Area area = area(areaId);
        if (DatasetStore.catalogue().metric(metric).isEmpty()) {
            throw ProblemException.notFound("no metric " + metric);
        }
        return store.series(area.id(), metric);
    }

    private static Area area(String id) {
        return DatasetStore.catalogue().area(id).orElseThrow(() -> ProblemException.notFound("no area " + id));
    }
}
