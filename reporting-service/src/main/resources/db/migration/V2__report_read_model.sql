-- The rest of the report's read model, from events: team (who may see drafts), sample characteristics, grades
-- and conclusions, performance data; then the editorial content and the published versions.

ALTER TABLE inspection ADD COLUMN status text NOT NULL DEFAULT 'OPEN';

CREATE TABLE team_member (
    inspection_id text NOT NULL,
    user_name     text NOT NULL,
    role          text NOT NULL,
    PRIMARY KEY (inspection_id, user_name)
);

CREATE TABLE sampled_case (
    inspection_id   text    NOT NULL,
    case_id         text    NOT NULL,
    characteristics jsonb   NOT NULL,
    withdrawn       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (inspection_id, case_id)
);

CREATE TABLE grade (
    inspection_id text NOT NULL,
    criterion_id  text NOT NULL,
    grade         text NOT NULL,
    PRIMARY KEY (inspection_id, criterion_id)
);

CREATE TABLE conclusion (
    inspection_id text NOT NULL,
    criterion_id  text NOT NULL,
    conclusion    text NOT NULL,
    PRIMARY KEY (inspection_id, criterion_id)
);

CREATE TABLE performance_dataset (
    id         text    PRIMARY KEY,
    area       text    NOT NULL,
    period     text    NOT NULL,
    framework  text    NOT NULL,
    version    int     NOT NULL,
    superseded boolean NOT NULL DEFAULT false,
    data       jsonb   NOT NULL
);
CREATE INDEX performance_dataset_by_area ON performance_dataset (area, period);

-- Editorial parts written by the lead inspector: summaries, recommendations, findings per criterion, ...
CREATE TABLE report_content (
    inspection_id text        NOT NULL,
    part          text        NOT NULL,
    content       jsonb       NOT NULL,
    updated_by    text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (inspection_id, part)
);

-- Published versions, immutable: the report as it was published.
CREATE TABLE publication (
    inspection_id text        NOT NULL,
    number        int         NOT NULL,
    framework     text        NOT NULL,
    published_at  timestamptz NOT NULL,
    published_by  text        NOT NULL,
    report        text        NOT NULL, -- the exact JSON published, byte for byte
    PRIMARY KEY (inspection_id, number)
);
