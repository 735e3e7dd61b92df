using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>
/// Production backend: events, snapshots and the artifact index in PostgreSQL (one
/// <see cref="NpgsqlDataSource"/>), blobs in the filesystem object store under the root directory.
/// </summary>
public sealed class PostgresRuntimeStore : IRuntimeStore, IRunOpeningReader
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresEventLog _events;
    private readonly PostgresSnapshotStore _snapshots;

    private PostgresRuntimeStore(NpgsqlDataSource dataSource, RuntimeStoreOptions options)
    {
        _dataSource = dataSource;
        var objects = new FileSystemObjectStore(options.RootDirectory);
        Objects = objects;
        _events = new PostgresEventLog(dataSource, objects, options.InlinePayloadLimitBytes);
        _snapshots = new PostgresSnapshotStore(dataSource, objects, options.InlinePayloadLimitBytes);
        Artifacts = new PostgresArtifactIndex(dataSource, options.InlinePayloadLimitBytes);
    }

    /// <inheritdoc />
    public RuntimeStoreBackend Backend => RuntimeStoreBackend.Postgres;

    /// <inheritdoc />
    public IEventLog Events => _events;

    /// <inheritdoc />
    public ISnapshotStore Snapshots => _snapshots;

    /// <inheritdoc />
    public IArtifactIndex Artifacts { get; }

    /// <inheritdoc />
    public IObjectStore Objects { get; }

    /// <summary>The data source every connection comes from.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <inheritdoc />
    Task<RunOpening> IRunOpeningReader.ReadOpeningAsync(string runId, int historyCount, CancellationToken cancellationToken)
        => PostgresRunOpening.ReadAsync(_dataSource, Objects, runId, historyCount, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// One transaction, two round trips: the event head move, the event insert, the snapshot insert
    /// and the <c>latest</c> move go as one batch, then the commit — or a rollback when the head or
    /// the latest snapshot was not where the writer expected it.
    /// </remarks>
    public async Task<AppendedRange> CommitCompactionAsync(
        StoredSnapshot snapshot, Guid? expectedLatest, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        StorageGuards.Snapshot(snapshot);
        string runId = snapshot.RunId;
        StorageGuards.EventBatch(runId, expectedLastSeq, events);
        PostgresPayload snapshotPayload = await _snapshots.PreparePayloadAsync(snapshot, cancellationToken).ConfigureAwait(false);
        PostgresPayload[] eventPayloads = await _events.PreparePayloadsAsync(runId, events, cancellationToken).ConfigureAwait(false);
        long newLastSeq = expectedLastSeq + events.Count;

        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            NpgsqlBatchCommand head = PostgresEventLog.MoveHeadCommand(runId, expectedLastSeq, newLastSeq);
            batch.BatchCommands.Add(head);
            batch.BatchCommands.Add(PostgresEventLog.InsertCommand(runId, expectedLastSeq + 1, events, eventPayloads));
            PostgresSnapshotStore.AppendCommands appended = PostgresSnapshotStore.AddAppendCommands(batch, snapshot, snapshotPayload, expectedLatest);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            if (head.RecordsAffected != 1 || !appended.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                if (head.RecordsAffected != 1)
                {
                    throw new SequenceConflictException(runId, expectedLastSeq, await PostgresEventLog.ReadLastSeqAsync(connection, runId, cancellationToken).ConfigureAwait(false));
                }

                throw new SnapshotConflictException(runId, expectedLatest, await PostgresSnapshotStore.ReadLatestIdAsync(connection, runId, cancellationToken).ConfigureAwait(false));
            }

            TestKillPoint.Reach(TestKillPoint.PostgresCompactionBeforeCommit);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            TestKillPoint.Reach(TestKillPoint.PostgresCompactionAfterCommit);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // events is partitioned (migration 0003): a violation names the partition, events_pNN.
            if (ex.TableName is { } table && table.StartsWith("events", StringComparison.Ordinal))
            {
                throw new SequenceConflictException(runId, expectedLastSeq, await PostgresEventLog.ReadLastSeqAsync(connection, runId, cancellationToken).ConfigureAwait(false), ex);
            }

            throw await PostgresSnapshotStore.ConflictAsync(connection, snapshot, expectedLatest, ex, cancellationToken).ConfigureAwait(false);
        }

        return new AppendedRange(expectedLastSeq + 1, newLastSeq);
    }

    /// <summary>Connects, applies pending migrations and returns the store.</summary>
    public static async Task<PostgresRuntimeStore> OpenAsync(RuntimeStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.PostgresConnectionString);
        var builder = new NpgsqlDataSourceBuilder(options.PostgresConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The store runs a handful of statements over and over: prepared once per connection, each later
            // execution skips parse and plan on the server.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        if (!NamesSetting(options.PostgresConnectionString, "No Reset On Close", "NoResetOnClose"))
        {
            // Npgsql otherwise resets a pooled connection on its next use (with prepared statements kept: a
            // seven-statement query, SET SESSION AUTHORIZATION .. DISCARD TEMP) — pipelined, so no extra round trip,
            // but the server runs it before every append (docs/benchmarks.runtime.md, "Against Marten"). This data
            // source is the store's own and its statements leave no session state behind (no SET, LISTEN, temp
            // tables or session advisory locks); an open transaction is still rolled back on close.
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        NpgsqlDataSource dataSource = builder.Build();
        try
        {
            await PostgresMigrator.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return new PostgresRuntimeStore(dataSource, options);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>True when the connection string itself names the setting (under any of <paramref name="keys"/>), whatever its value.</summary>
    private static bool NamesSetting(string connectionString, params string[] keys)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return Array.Exists(keys, given.ContainsKey);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
