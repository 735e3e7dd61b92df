using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>The <c>artifacts</c> table (DOMAIN §3). Content lives in the object store; rows hold only metadata.</summary>
internal sealed class PostgresArtifactIndex : IArtifactIndex
{
    private const string Columns = "artifact_id, run_id, step_id, path, hash, mime_type, size_bytes, created_at, metadata::text";

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _inlineLimitBytes;

    public PostgresArtifactIndex(NpgsqlDataSource dataSource, int inlineLimitBytes)
    {
        _dataSource = dataSource;
        _inlineLimitBytes = inlineLimitBytes;
    }

    public async Task RegisterAsync(ArtifactMetadata artifact, CancellationToken cancellationToken = default)
    {
        StorageGuards.Artifact(artifact, _inlineLimitBytes);
        await using NpgsqlCommand command = _dataSource.CreateCommand(
            $"INSERT INTO artifacts ({Columns.Replace("::text", string.Empty, StringComparison.Ordinal)}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = artifact.ArtifactId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = artifact.RunId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = artifact.StepId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = artifact.Path });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = artifact.Hash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = artifact.MimeType });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = artifact.SizeBytes });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Normalize(artifact.CreatedAt) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Encoding.UTF8.GetString(artifact.Metadata.Span), NpgsqlDbType = NpgsqlDbType.Jsonb });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            TestKillPoint.Reach(TestKillPoint.PostgresArtifactAfterCommit);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ArtifactAlreadyRegisteredException(artifact.ArtifactId, ex);
        }
    }

    public async Task<ArtifactMetadata?> GetAsync(Guid artifactId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ArtifactMetadata> found = await QueryAsync(
            // artifact_ids names the run, so the lookup reads one partition (runtime pruning) rather than all of them.
            $"SELECT {Columns} FROM artifacts WHERE run_id = (SELECT run_id FROM artifact_ids WHERE artifact_id = $1) AND artifact_id = $1", cancellationToken, new NpgsqlParameter<Guid> { TypedValue = artifactId }).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<ArtifactMetadata>> FindByRunAsync(string runId, long? stepId = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        var run = new NpgsqlParameter<string> { TypedValue = runId };
        return stepId is { } step
            ? QueryAsync($"SELECT {Columns} FROM artifacts WHERE run_id = $1 AND step_id = $2 ORDER BY created_at, artifact_id", cancellationToken, run, new NpgsqlParameter<long> { TypedValue = step })
            : QueryAsync($"SELECT {Columns} FROM artifacts WHERE run_id = $1 ORDER BY step_id, created_at, artifact_id", cancellationToken, run);
    }

    public Task<IReadOnlyList<ArtifactMetadata>> FindByHashAsync(string sha256, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateSha256(sha256);
        return QueryAsync(
            $"SELECT {Columns} FROM artifacts WHERE hash = $1 ORDER BY created_at, artifact_id", cancellationToken, new NpgsqlParameter<string> { TypedValue = sha256 });
    }

    private async Task<IReadOnlyList<ArtifactMetadata>> QueryAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var artifacts = new List<ArtifactMetadata>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            artifacts.Add(new ArtifactMetadata(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt64(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                Encoding.UTF8.GetBytes(reader.GetString(8))));
        }

        return artifacts;
    }
}
