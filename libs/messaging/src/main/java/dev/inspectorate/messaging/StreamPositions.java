package dev.inspectorate.messaging;

import dev.inspectorate.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per projection and stream, the sequence of the last event applied. It makes consumers idempotent: a redelivered
 * or replayed event is recognised by its stream sequence and skipped.
 */
final class StreamPositions {
    private StreamPositions() {}

    /** The events whose sequence is past what the projection applied for their stream, in delivery order. */
    static Uni<List<CloudEvent>> unapplied(SqlConnection tx, String projection, List<CloudEvent> events) {
        String[] streams = events.stream().map(CloudEvent::subject).distinct().toArray(String[]::new);
        return tx.preparedQuery("SELECT stream_id, sequence FROM stream_position WHERE projection = $1 AND stream_id = ANY($2)")
                .execute(Tuple.of(projection, streams))
                .map(rows -> {
                    Map<String, Long> applied = new HashMap<>();
                    rows.forEach(r -> applied.put(r.getString("stream_id"), r.getLong("sequence")));
                    List<CloudEvent> fresh = new ArrayList<>();
                    for (CloudEvent e : events) {
                        long last = applied.getOrDefault(e.subject(), 0L);
                        if (e.sequence() > last) {
                            fresh.add(e);
                            applied.put(e.subject(), e.sequence());
                        }
                    }
                    return fresh;
                });
    }

    /**
     * Records the events as applied. Fails if another consumer advanced any of the streams meanwhile (a zombie
     * after a rebalance), so the transaction rolls back and the batch is retried against the new positions.
     */
    static Uni<Void> advance(SqlConnection tx, String projection, List<CloudEvent> applied) {
        Map<String, Long> last = new LinkedHashMap<>();
        applied.forEach(e -> last.merge(e.subject(), e.sequence(), Math::max));
        if (last.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        INSERT INTO stream_position (projection, stream_id, sequence)
                        SELECT $1, s, q FROM unnest($2::text[], $3::bigint[]) AS u(s, q)
                        ON CONFLICT (projection, stream_id) DO UPDATE SET sequence = EXCLUDED.sequence
                        WHERE stream_position.sequence < EXCLUDED.sequence""")
                .execute(Tuple.of(projection, last.keySet().toArray(String[]::new), last.values().toArray(Long[]::new)))
                .flatMap(r -> r.rowCount() == last.size()
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new StreamConflictException(projection, -1)));
    }
}
