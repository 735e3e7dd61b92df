-- Events, snapshots and artifacts partitioned by hash of run_id (16 partitions), converting a database written at
-- version 2 in place: every row is copied into the partitioned table, inside the migrator's one transaction.
-- Every per-run query names run_id, so PostgreSQL prunes to one partition; the same column is the distribution
-- column of the Citus path in docs/scale.md. A key of a partitioned table must include the partition column:
-- snapshots are keyed (run_id, snapshot_id) and artifacts (run_id, artifact_id). Artifact ids stay unique across
-- the store (issue 15 item 3) through artifact_ids, a small unpartitioned table every registration inserts into.

ALTER TABLE snapshot_latest DROP CONSTRAINT snapshot_latest_snapshot_id_fkey;
ALTER TABLE events RENAME TO events_v2;
ALTER TABLE snapshots RENAME TO snapshots_v2;
ALTER TABLE artifacts RENAME TO artifacts_v2;
ALTER INDEX events_pkey RENAME TO events_v2_pkey;
ALTER INDEX snapshots_pkey RENAME TO snapshots_v2_pkey;
ALTER INDEX snapshots_run_id_version_key RENAME TO snapshots_v2_run_id_version_key;
ALTER INDEX artifacts_pkey RENAME TO artifacts_v2_pkey;
ALTER INDEX artifacts_run_step_idx RENAME TO artifacts_v2_run_step_idx;
ALTER INDEX artifacts_hash_idx RENAME TO artifacts_v2_hash_idx;

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
) PARTITION BY HASH (run_id);

CREATE TABLE snapshots (
    snapshot_id        uuid        NOT NULL,
    run_id             text        NOT NULL,
    version            bigint      NOT NULL CHECK (version >= 1),
    parent_snapshot_id uuid,
    first_seq          bigint      NOT NULL,
    last_seq           bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    payload            json,
    payload_sha256     text,
    payload_size       integer     NOT NULL,
    PRIMARY KEY (run_id, snapshot_id),
    UNIQUE (run_id, version),
    CHECK ((payload IS NULL) <> (payload_sha256 IS NULL))
) PARTITION BY HASH (run_id);

CREATE TABLE artifacts (
    artifact_id uuid        NOT NULL,
    run_id      text        NOT NULL,
    step_id     bigint      NOT NULL CHECK (step_id >= 0),
    path        text        NOT NULL,
    hash        text        NOT NULL,
    mime_type   text        NOT NULL,
    size_bytes  bigint      NOT NULL CHECK (size_bytes >= 0),
    created_at  timestamptz NOT NULL,
    metadata    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (run_id, artifact_id)
) PARTITION BY HASH (run_id);

CREATE INDEX artifacts_run_step_idx ON artifacts (run_id, step_id);
CREATE INDEX artifacts_hash_idx ON artifacts (hash);

DO $$
BEGIN
    FOR remainder IN 0..15 LOOP
        EXECUTE format('CREATE TABLE events_p%s PARTITION OF events FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(remainder::text, 2, '0'), remainder);
        EXECUTE format('CREATE TABLE snapshots_p%s PARTITION OF snapshots FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(remainder::text, 2, '0'), remainder);
        EXECUTE format('CREATE TABLE artifacts_p%s PARTITION OF artifacts FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(remainder::text, 2, '0'), remainder);
    END LOOP;
END;
$$;

-- Where an artifact id lives: the id's uniqueness across runs, and the run a lookup by id prunes to.
CREATE TABLE artifact_ids (
    artifact_id uuid PRIMARY KEY,
    run_id      text NOT NULL
);

INSERT INTO events SELECT * FROM events_v2;
INSERT INTO snapshots SELECT snapshot_id, run_id, version, parent_snapshot_id, first_seq, last_seq, created_at, payload, payload_sha256, payload_size FROM snapshots_v2;
INSERT INTO artifacts SELECT artifact_id, run_id, step_id, path, hash, mime_type, size_bytes, created_at, metadata FROM artifacts_v2;
INSERT INTO artifact_ids SELECT artifact_id, run_id FROM artifacts_v2;

DROP TABLE events_v2;
DROP TABLE snapshots_v2;
DROP TABLE artifacts_v2;

ALTER TABLE snapshot_latest ADD CONSTRAINT snapshot_latest_snapshot_fkey
    FOREIGN KEY (run_id, snapshot_id) REFERENCES snapshots (run_id, snapshot_id);

CREATE FUNCTION register_artifact_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO artifact_ids (artifact_id, run_id) VALUES (NEW.artifact_id, NEW.run_id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER artifacts_register_id BEFORE INSERT ON artifacts
    FOR EACH ROW EXECUTE FUNCTION register_artifact_id();
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER snapshots_append_only BEFORE UPDATE OR DELETE ON snapshots
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER artifacts_append_only BEFORE UPDATE OR DELETE ON artifacts
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER artifact_ids_append_only BEFORE UPDATE OR DELETE ON artifact_ids
    FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
