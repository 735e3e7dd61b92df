-- The cluster's durable work queue of agent runs (src/Alexandria.Cluster, docs/cluster.md): one row per run a
-- grain must drive to its end. A silo's sweeper wakes the grain of every unfinished run whose owner is not an
-- active silo, so a loop survives its silo's death and any deactivation.
CREATE TABLE cluster_agent_runs (
    run_id      text        PRIMARY KEY,
    objective   text        NOT NULL,
    profile     text        NOT NULL,
    status      text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'finished')),
    owner_silo  text        NULL,
    outcome     text        NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX cluster_agent_runs_unfinished ON cluster_agent_runs (owner_silo) WHERE status <> 'finished';
