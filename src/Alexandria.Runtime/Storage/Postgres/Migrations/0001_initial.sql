-- Alexandria runtime storage, version 1.
-- Events, snapshots and artifacts are append-only: triggers reject UPDATE and DELETE so history
-- cannot be rewritten by accident. Documents over the inline limit live in the object store; the
-- row then holds only the SHA-256 pointer (payload IS NULL, payload_sha256 IS NOT NULL).

CREATE TABLE event_heads (
    run_id   text   PRIMARY KEY,
    last_seq bigint NOT NULL CHECK (last_seq >= 1)
);

CREATE TABLE events (
    run_id         text        NOT NULL,
    seq            bigint      NOT NULL CHECK (seq >= 1),
    step_id        bigint      NOT NULL CHECK (step_id >= 0),
    kind           text        NOT NULL,
    counted        boolean     NOT NULL,
    occurred_at    timestamptz NOT NULL,
    payload        json,
    payload_sha256 text,
    payload_size   integer     NOT NULL,
    PRIMARY KEY (run_id, seq),
    CHECK ((payload IS NULL) <> (payload_sha256 IS NULL))
);

CREATE TABLE snapshots (
    snapshot_id        uuid        PRIMARY KEY,
    run_id             text        NOT NULL,
    version            bigint      NOT NULL CHECK (version >= 1),
    parent_snapshot_id uuid,
    first_seq          bigint      NOT NULL,
    last_seq           bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    payload            json,
    payload_sha256     text,
    payload_size       integer     NOT NULL,
    UNIQUE (run_id, version),
    CHECK ((payload IS NULL) <> (payload_sha256 IS NULL))
);

CREATE TABLE snapshot_latest (
    run_id      text   PRIMARY KEY,
    snapshot_id uuid   NOT NULL REFERENCES snapshots (snapshot_id),
    version     bigint NOT NULL
);

CREATE TABLE artifacts (
    artifact_id uuid        PRIMARY KEY,
    run_id      text        NOT NULL,
    step_id     bigint      NOT NULL CHECK (step_id >= 0),
    path        text        NOT NULL,
    hash        text        NOT NULL,
    mime_type   text        NOT NULL,
    size_bytes  bigint      NOT NULL CHECK (size_bytes >= 0),
    created_at  timestamptz NOT NULL,
    metadata    jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX artifacts_run_step_idx ON artifacts (run_id, step_id);
CREATE INDEX artifacts_hash_idx ON artifacts (hash);

CREATE FUNCTION reject_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER snapshots_append_only BEFORE UPDATE OR DELETE ON snapshots
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER artifacts_append_only BEFORE UPDATE OR DELETE ON artifacts
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
