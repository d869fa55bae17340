package dev.inspectorate.reporting.projection;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.messaging.Projection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** What the report needs of each inspection, from inspection-events. */
@ApplicationScoped
public class InspectionProjection implements Projection {

    @Override
    public String name() {
        return "reporting-inspections-v1";
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, List<CloudEvent> events) {
        List<InspectionOpened> opened = events.stream()
                .filter(e -> e.type().equals(EventType.INSPECTION_OPENED.ceType()))
                .map(e -> EventJson.decode(e, InspectionOpened.class))
                .toList();
        return Multi.createFrom().iterable(opened)
                .onItem().transformToUniAndConcatenate(o -> tx.preparedQuery("""
                                INSERT INTO inspection (id, area, framework, title, fieldwork_start, fieldwork_end)
                                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING""")
                        .execute(Tuple.from(List.of(o.inspectionId(), o.area(), o.framework().id(), o.title(),
                                o.fieldworkStart(), o.fieldworkEnd()))))
                .collect().last().replaceWithVoid();
    }
}
