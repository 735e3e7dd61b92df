-- Documents the HTTP server keeps beside the runtime's tables (run records, handoffs, packets and their
-- acknowledgements), so every server on one database sees the same ones. Write-once, like the log.
CREATE TABLE server_documents (
    path       text        PRIMARY KEY CHECK (path <> '' AND path NOT LIKE '/%' AND strpos(path, '..') = 0),
    body       jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER server_documents_append_only BEFORE UPDATE OR DELETE ON server_documents
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
