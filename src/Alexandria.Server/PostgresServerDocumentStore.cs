using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Server;

/// <summary>
/// The server's documents in PostgreSQL, in the <c>server_documents</c> table the runtime's migrations create
/// (0002): a second server on the same database sees the same runs, handoffs and packets.
/// </summary>
public sealed class PostgresServerDocumentStore(NpgsqlDataSource dataSource) : IServerDocumentStore
{
    /// <inheritdoc/>
    public async Task<bool> TryCreateAsync(string relativePath, byte[] json, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO server_documents (path, body) VALUES (@path, @body) ON CONFLICT (path) DO NOTHING");
        command.Parameters.AddWithValue("path", relativePath);
        command.Parameters.AddWithValue("body", json);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadAsync(string relativePath, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT body FROM server_documents WHERE path = @path");
        command.Parameters.AddWithValue("path", relativePath);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<byte[]>> ReadAllAsync(string relativeDirectory, CancellationToken cancellationToken)
    {
        // A range on the bytewise-sorted key ('0' follows '/'), not LIKE: run ids may contain '_', a LIKE wildcard.
        var prefix = relativeDirectory.TrimEnd('/') + "/";
        await using var command = dataSource.CreateCommand(
            """
            SELECT body FROM server_documents
            WHERE path >= @prefix AND path < @end AND strpos(substr(path, length(@prefix) + 1), '/') = 0
            ORDER BY path
            """);
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("end", prefix[..^1] + "0");
        var documents = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(reader.GetFieldValue<byte[]>(0));
        }
        return documents;
    }
}
