-- The scoring projection: what scoring needs of inspections, samples and judgements, the running counts per
-- question, and every published set of figures (for scores as at any past time).

CREATE TABLE inspection (
    id                text PRIMARY KEY,
    area              text NOT NULL,
    framework         text NOT NULL,
    catalogue_version int  NOT NULL
);

CREATE TABLE sampled_case (
    inspection_id   text    NOT NULL REFERENCES inspection (id),
    case_id         text    NOT NULL,
    characteristics jsonb   NOT NULL,
    withdrawn       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (inspection_id, case_id)
);

-- The answer that counts for each case and question (after revision and moderation).
CREATE TABLE judgement (
    inspection_id text NOT NULL,
    case_id       text NOT NULL,
    question_id   text NOT NULL,
    answer        text NOT NULL,
    PRIMARY KEY (inspection_id, case_id, question_id)
);

-- Per question: cases judged sufficient, of the cases it applied to; withdrawn cases excluded. Rows are
-- changed by adding deltas (an upsert), so no CHECK here: PostgreSQL would check the delta row itself.
CREATE TABLE question_count (
    inspection_id text NOT NULL REFERENCES inspection (id),
    question_id   text NOT NULL,
    sufficient    int  NOT NULL,
    applicable    int  NOT NULL,
    PRIMARY KEY (inspection_id, question_id)
);

-- Each published revision of an inspection's figures: the scores.changed payload.
CREATE TABLE score_revision (
    inspection_id text        NOT NULL REFERENCES inspection (id),
    revision      bigint      NOT NULL,
    computed_at   timestamptz NOT NULL,
    scores        jsonb       NOT NULL,
    PRIMARY KEY (inspection_id, revision)
);
CREATE INDEX score_revision_by_time ON score_revision (inspection_id, computed_at);
