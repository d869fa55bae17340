-- Shared by every service (Flyway location db/messaging): the service's event log, which is also its outbox,
-- the relay's cursor, and the consumers' per-stream positions.

CREATE TABLE events (
    global_position bigserial PRIMARY KEY,
    -- The appending transaction: the relay publishes only below the oldest running transaction, so an event
    -- committed late with a lower position is never skipped.
    tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
    stream_id       text        NOT NULL,
    stream_version  bigint      NOT NULL CHECK (stream_version > 0),
    event_id        uuid        NOT NULL UNIQUE,
    type            text        NOT NULL,
    schema_version  int         NOT NULL,
    inspection_id   text        NOT NULL,
    data            jsonb       NOT NULL,
    metadata        jsonb       NOT NULL DEFAULT '{}',
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (stream_id, stream_version)
);
CREATE INDEX events_by_transaction ON events (tx_id, global_position);
CREATE INDEX events_by_inspection ON events (inspection_id, global_position);

CREATE TABLE relay_cursor (
    topic           text   PRIMARY KEY,
    tx_id           xid8   NOT NULL,
    global_position bigint NOT NULL
);

CREATE TABLE stream_position (
    projection text   NOT NULL,
    stream_id  text   NOT NULL,
    sequence   bigint NOT NULL,
    PRIMARY KEY (projection, stream_id)
);
