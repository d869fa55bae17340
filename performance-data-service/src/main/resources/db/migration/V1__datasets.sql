-- Loaded datasets: every version is kept; a later version of the same area, period and framework supersedes
-- the earlier one.

CREATE TABLE dataset (
    id            text        PRIMARY KEY,
    area          text        NOT NULL,
    period        text        NOT NULL,
    framework     text        NOT NULL,
    version       int         NOT NULL,
    content_hash  text        NOT NULL,
    loaded_by     text        NOT NULL,
    loaded_at     timestamptz NOT NULL DEFAULT now(),
    superseded_by text,
    UNIQUE (area, period, framework, version)
);

CREATE TABLE dataset_row (
    dataset_id   text    NOT NULL REFERENCES dataset (id),
    position     int     NOT NULL,
    metric       text    NOT NULL,
    actual       float8,
    target       float8,
    national     float8,
    previous     float8,
    grade        int,
    predicted    float8,
    difference   float8,
    significance text,
    rating       text,
    missing      text,
    PRIMARY KEY (dataset_id, metric)
);
