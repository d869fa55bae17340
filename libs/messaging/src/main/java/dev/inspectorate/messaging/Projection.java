package dev.inspectorate.messaging;

import dev.inspectorate.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;

/** A read model kept from a topic. {@link ProjectionRunner} hands it each event once, in stream order. */
public interface Projection {

    /** Names the projection's positions; a rebuild into a fresh version uses a fresh name. */
    String name();

    /**
     * Applies events this projection has not applied before, oldest first, inside the transaction that also
     * records their positions. Throwing {@link dev.inspectorate.events.InvalidEventException} marks an event as
     * poison: it goes to the dead-letter topic and the rest are applied.
     */
    Uni<Void> apply(SqlConnection tx, List<CloudEvent> events);
}
