-- Documents the HTTP server keeps beside the runtime's tables (run records, handoffs, packets and their
-- acknowledgements), so every server on one database sees the same ones. Write-once, like the log.
-- The body is the document's bytes as written (jsonb would refuse \u0000 and re-encode); the path sorts
-- bytewise (COLLATE "C") so a folder listing is a range scan of the primary key.
CREATE TABLE server_documents (
    path       text COLLATE "C" PRIMARY KEY CHECK (path <> '' AND path NOT LIKE '/%' AND strpos(path, '..') = 0),
    body       bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER server_documents_append_only BEFORE UPDATE OR DELETE ON server_documents
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
