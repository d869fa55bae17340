-- The inspection team, moderation, withdrawal, grades and conclusions, and the responses to requests made with
-- an Idempotency-Key.

CREATE TABLE team_member (
    inspection_id text NOT NULL REFERENCES inspection (id),
    user_name     text NOT NULL,
    role          text NOT NULL,
    PRIMARY KEY (inspection_id, user_name)
);

ALTER TABLE inspection ADD COLUMN closed_at timestamptz;

ALTER TABLE sampled_case ADD COLUMN withdrawn_reason text;
CREATE INDEX sampled_case_by_assignee ON sampled_case (inspection_id, assignee);

ALTER TABLE judgement ADD COLUMN moderated_by text;
ALTER TABLE judgement ADD COLUMN moderation_reason text;

CREATE TABLE grade (
    inspection_id text        NOT NULL REFERENCES inspection (id),
    criterion_id  text        NOT NULL,
    grade         text        NOT NULL,
    graded_by     text        NOT NULL,
    graded_at     timestamptz NOT NULL,
    PRIMARY KEY (inspection_id, criterion_id)
);

CREATE TABLE conclusion (
    inspection_id text        NOT NULL REFERENCES inspection (id),
    criterion_id  text        NOT NULL,
    conclusion    text        NOT NULL,
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (inspection_id, criterion_id)
);

-- A request made with an Idempotency-Key is answered once; a retry with the same key gets the same answer.
CREATE TABLE idempotent_request (
    user_name   text        NOT NULL,
    key         text        NOT NULL,
    fingerprint text        NOT NULL,
    status      int         NOT NULL,
    body        text        NOT NULL,
    location    text,
    etag        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_name, key)
);
