-- A published version never changes: the database itself refuses to update, delete or truncate one.
CREATE FUNCTION refuse_published_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'published versions are immutable: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER publication_immutable BEFORE UPDATE OR DELETE ON publication
    FOR EACH ROW EXECUTE FUNCTION refuse_published_change();
CREATE TRIGGER publication_not_truncated BEFORE TRUNCATE ON publication
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_published_change();

-- The PDF of a published version, rendered once and kept: at publication, or for a version published before PDFs
-- were kept, at its first request from the HTML kept with it. Versions kept without HTML (published before V3) are
-- served as JSON only: rendering them with today's template would not be what was published.
CREATE TABLE publication_pdf (
    inspection_id text  NOT NULL,
    number        int   NOT NULL,
    pdf           bytea NOT NULL,
    PRIMARY KEY (inspection_id, number),
    FOREIGN KEY (inspection_id, number) REFERENCES publication
);
CREATE TRIGGER publication_pdf_immutable BEFORE UPDATE OR DELETE ON publication_pdf
    FOR EACH ROW EXECUTE FUNCTION refuse_published_change();
CREATE TRIGGER publication_pdf_not_truncated BEFORE TRUNCATE ON publication_pdf
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_published_change();

-- Idempotency-Key of POST /reports/{id}/publications: the version a caller's key made, so a retry gets it again.
CREATE TABLE publish_request (
    user_name     text NOT NULL,
    key           text NOT NULL,
    inspection_id text NOT NULL,
    number        int  NOT NULL,
    PRIMARY KEY (user_name, key)
);

-- The draft's revision (its ETag): one more for every editorial part written; If-Match compares with it.
CREATE TABLE report_draft (
    inspection_id text   PRIMARY KEY,
    revision      bigint NOT NULL
);
