-- Every case event scoring applied, with the event's time: the figures as at any instant are computed from the
-- events at or before it (GET .../scores?asOf=), whatever batches they were applied in. One row per event of a
-- case's stream: SAMPLED, WITHDRAWN, SUBMITTED, REOPENED, or a judgement's (or moderation's) answer with its
-- question.
CREATE TABLE case_history (
    inspection_id text        NOT NULL REFERENCES inspection (id),
    case_id       text        NOT NULL,
    sequence      bigint      NOT NULL,
    at            timestamptz NOT NULL,
    question_id   text,
    change        text        NOT NULL,
    PRIMARY KEY (inspection_id, case_id, sequence)
);
