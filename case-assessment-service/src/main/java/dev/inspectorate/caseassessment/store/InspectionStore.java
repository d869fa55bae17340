package dev.inspectorate.caseassessment.store;

import dev.inspectorate.caseassessment.api.InspectionView;
import dev.inspectorate.caseassessment.api.OpenInspection;
import dev.inspectorate.caseassessment.domain.InspectionStatus;
import dev.inspectorate.caseassessment.domain.Streams;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.messaging.EventLog;
import dev.inspectorate.messaging.StreamAppend;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inspection commands (appending to the inspection stream) and the inspection table they keep current. */
@ApplicationScoped
public class InspectionStore {
    private static final String COLUMNS = "id, area, framework, catalogue_version, title, fieldwork_start, "
            + "fieldwork_end, status, version, opened_by, opened_at";

    @Inject
    EventLog eventLog;

    @Inject
    Pool pool;

    /** Opens an inspection; a {@link dev.inspectorate.messaging.StreamConflictException} if the id is taken. */
    public Uni<InspectionView> open(OpenInspection cmd, String actor) {
        Catalogue catalogue = Catalogues.of(cmd.framework());
        InspectionOpened opened = new InspectionOpened(cmd.id(), cmd.area(), cmd.framework(), catalogue.version(),
                cmd.title(), cmd.fieldworkStart(), cmd.fieldworkEnd());
        StreamAppend append = new StreamAppend(Streams.inspection(cmd.id()), 0, cmd.id(), List.of(opened),
                Map.of("actor", actor));
        return eventLog.transaction(tx -> eventLog.append(tx, append)
                .flatMap(stored -> tx.preparedQuery("INSERT INTO inspection (" + COLUMNS + ") "
                                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING " + COLUMNS)
                        .execute(Tuple.from(List.of(cmd.id(), cmd.area(), cmd.framework().id(), catalogue.version(),
                                cmd.title(), cmd.fieldworkStart(), cmd.fieldworkEnd(), InspectionStatus.OPEN.name(),
                                append.newVersion(), actor, stored.get(0).recordedAt())))
                        .map(rows -> toView(rows.iterator().next()))));
    }

    public Uni<Optional<InspectionView>> find(SqlClient client, String id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM inspection WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toView(rows.iterator().next())));
    }

    public Uni<Optional<InspectionView>> find(String id) {
        return find(pool, id);
    }

    /** Inspections, newest first; only those of one area when {@code area} is given. */
    public Uni<List<InspectionView>> list(Optional<String> area) {
        String sql = "SELECT " + COLUMNS + " FROM inspection"
                + (area.isPresent() ? " WHERE area = $1" : "") + " ORDER BY opened_at DESC, id";
        return pool.preparedQuery(sql)
                .execute(area.map(Tuple::of).orElse(Tuple.tuple()))
                .map(rows -> {
                    List<InspectionView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toView(r)));
                    return out;
                });
    }

    static InspectionView toView(Row r) {
        return new InspectionView(
                r.getString("id"),
                r.getString("area"),
                Framework.fromId(r.getString("framework")),
                r.getInteger("catalogue_version"),
                r.getString("title"),
                r.getLocalDate("fieldwork_start"),
                r.getLocalDate("fieldwork_end"),
                InspectionStatus.valueOf(r.getString("status")),
                r.getLong("version"),
                r.getString("opened_by"),
                r.getOffsetDateTime("opened_at"));
    }
}
