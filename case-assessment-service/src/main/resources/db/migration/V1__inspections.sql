-- Current state of the inspection and case streams, kept in the same transaction as the events that change
-- it: used to validate commands and to answer listings. `version` is the stream version.

CREATE TABLE inspection (
    id                text        PRIMARY KEY,
    area              text        NOT NULL,
    framework         text        NOT NULL,
    catalogue_version int         NOT NULL,
    title             text        NOT NULL,
    fieldwork_start   date        NOT NULL,
    fieldwork_end     date        NOT NULL,
    status            text        NOT NULL,
    version           bigint      NOT NULL,
    opened_by         text        NOT NULL,
    opened_at         timestamptz NOT NULL
);

CREATE TABLE sampled_case (
    inspection_id   text        NOT NULL REFERENCES inspection (id),
    case_id         text        NOT NULL,
    characteristics jsonb       NOT NULL,
    status          text        NOT NULL,
    assignee        text,
    version         bigint      NOT NULL,
    sampled_at      timestamptz NOT NULL,
    PRIMARY KEY (inspection_id, case_id)
);

CREATE TABLE judgement (
    inspection_id text        NOT NULL,
    case_id       text        NOT NULL,
    question_id   text        NOT NULL,
    answer        text        NOT NULL,
    note          text,
    assessor      text        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (inspection_id, case_id, question_id),
    FOREIGN KEY (inspection_id, case_id) REFERENCES sampled_case (inspection_id, case_id)
);
