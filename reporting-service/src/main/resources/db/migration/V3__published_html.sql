-- A published version keeps the HTML it was rendered as, so a later template change cannot alter it; its PDF is
-- made from that HTML. Versions published before this column existed have none and are rendered from their JSON.
ALTER TABLE publication ADD COLUMN html text;
