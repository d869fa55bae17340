package dev.inspectorate.messaging;

import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A service's event log: appends with optimistic concurrency inside the caller's transaction. The log is also
 * the outbox: {@link OutboxRelay} publishes what it holds once the transaction has committed.
 */
@ApplicationScoped
public class EventLog {
    private static final String INSERT = """
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, inspection_id, data, metadata)
            SELECT s, v, e, t, sv, i, d::jsonb, m::jsonb
            FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
                 AS u(s, v, e, t, sv, i, d, m)
            RETURNING global_position, stream_id, stream_version, event_id, type, schema_version, inspection_id,
                      data::text AS data, metadata::text AS metadata, recorded_at
            """;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    /**
     * Runs work in one transaction and, once it has committed, tells the relay there is something to publish.
     */
    public <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work).invoke(relay::wake);
    }

    /**
     * Appends to each stream at its expected version. A stream that moved on fails the whole append with
     * {@link StreamConflictException}, which rolls the caller's transaction back.
     */
    public Uni<List<StoredEvent>> append(SqlConnection tx, List<StreamAppend> appends) {
        int n = appends.stream().mapToInt(a -> a.payloads().size()).sum();
        if (n == 0) {
            return Uni.createFrom().item(List.of());
        }
        String[] streams = new String[n];
        Long[] versions = new Long[n];
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        Integer[] schemaVersions = new Integer[n];
        String[] inspections = new String[n];
        String[] data = new String[n];
        String[] metadata = new String[n];
        int i = 0;
        for (StreamAppend a : appends) {
            String meta = json(a.metadata());
            long version = a.expectedVersion();
            for (Record payload : a.payloads()) {
                EventType type = EventType.of(payload.getClass());
                streams[i] = a.streamId();
                versions[i] = ++version;
                ids[i] = UUID.randomUUID();
                types[i] = type.ceType();
                schemaVersions[i] = type.schemaVersion();
                inspections[i] = a.inspectionId();
                data[i] = new String(EventJson.encode(payload), StandardCharsets.UTF_8);
                metadata[i] = meta;
                i++;
            }
        }
        Map<String, Long> expected = new HashMap<>();
        appends.forEach(a -> expected.put(a.streamId(), a.expectedVersion()));
        return tx.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(streams, versions, ids, types, schemaVersions, inspections, data, metadata)))
                .map(rows -> {
                    // In the order of the appends, whatever order RETURNING gives.
                    Map<String, StoredEvent> byKey = new HashMap<>();
                    for (Row r : rows) {
                        StoredEvent e = toStoredEvent(r);
                        byKey.put(e.streamId() + "@" + e.streamVersion(), e);
                    }
                    List<StoredEvent> stored = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        stored.add(byKey.get(streams[k] + "@" + versions[k]));
                    }
                    return stored;
                })
                .onFailure(EventLog::isVersionConflict)
                .transform(e -> conflictFor((PgException) e, expected));
    }

    public Uni<List<StoredEvent>> append(SqlConnection tx, StreamAppend append) {
        return append(tx, List.of(append));
    }

    /** The events of a stream, oldest first. */
    public Uni<List<StoredEvent>> read(io.vertx.mutiny.sqlclient.SqlClient conn, String streamId) {
        return conn.preparedQuery("""
                        SELECT global_position, stream_id, stream_version, event_id, type, schema_version, inspection_id,
                               data::text AS data, metadata::text AS metadata, recorded_at
                        FROM events WHERE stream_id = $1 ORDER BY stream_version""")
                .execute(Tuple.of(streamId))
                .map(rows -> {
                    List<StoredEvent> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toStoredEvent(r)));
                    return out;
                });
    }

    /**
     * A stream's version as committed: 0 if it has none. For a conflict's answer, read after the losing transaction
     * rolled back (its own connection cannot run queries once the append failed).
     */
    public Uni<Long> currentVersion(String streamId) {
        return pool.preparedQuery("SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = $1")
                .execute(Tuple.of(streamId))
                .map(rows -> rows.iterator().next().getLong("v"));
    }

    static StoredEvent toStoredEvent(Row r) {
        return new StoredEvent(
                r.getLong("global_position"),
                r.getString("stream_id"),
                r.getLong("stream_version"),
                r.getUUID("event_id"),
                r.getString("type"),
                r.getInteger("schema_version"),
                r.getString("inspection_id"),
                r.getString("data"),
                r.getString("metadata"),
                r.getOffsetDateTime("recorded_at"));
    }

    private static boolean isVersionConflict(Throwable t) {
        return t instanceof PgException pg
                && "23505".equals(pg.getSqlState())
                && pg.getConstraint() != null
                && pg.getConstraint().startsWith("events_stream_id_stream_version");
    }

    private static Throwable conflictFor(PgException e, Map<String, Long> expected) {
        // The detail names the key: Key (stream_id, stream_version)=(case-x/C1, 4) already exists.
        String detail = e.getDetail() == null ? "" : e.getDetail();
        for (var entry : expected.entrySet()) {
            if (detail.contains("=(" + entry.getKey() + ", ")) {
                return new StreamConflictException(entry.getKey(), entry.getValue());
            }
        }
        var first = expected.entrySet().iterator().next();
        return new StreamConflictException(first.getKey(), first.getValue());
    }

    private static String json(Map<String, String> metadata) {
        try {
            return EventJson.mapper().writeValueAsString(metadata);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
