-- The reporting read model, built only from events.

CREATE TABLE inspection (
    id              text PRIMARY KEY,
    area            text NOT NULL,
    framework       text NOT NULL,
    title           text NOT NULL,
    fieldwork_start date NOT NULL,
    fieldwork_end   date NOT NULL
);

-- The latest scores.changed of each inspection (scores may arrive before inspection.opened: no foreign key).
CREATE TABLE inspection_scores (
    inspection_id text   PRIMARY KEY,
    revision      bigint NOT NULL,
    scores        jsonb  NOT NULL
);
