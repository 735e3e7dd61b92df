using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

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
            "INSERT INTO server_documents (path, body) VALUES (@path, @body::jsonb) ON CONFLICT (path) DO NOTHING");
        command.Parameters.AddWithValue("path", relativePath);
        command.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Text) { Value = Encoding.UTF8.GetString(json) });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadAsync(string relativePath, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT body::text FROM server_documents WHERE path = @path");
        command.Parameters.AddWithValue("path", relativePath);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string body ? Encoding.UTF8.GetBytes(body) : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<byte[]>> ReadAllAsync(string relativeDirectory, CancellationToken cancellationToken)
    {
        // starts_with rather than LIKE: run ids may contain '_', a LIKE wildcard.
        await using var command = dataSource.CreateCommand(
            """
            SELECT body::text FROM server_documents
            WHERE starts_with(path, @prefix) AND strpos(substr(path, length(@prefix) + 1), '/') = 0
            ORDER BY path
            """);
        command.Parameters.AddWithValue("prefix", relativeDirectory.TrimEnd('/') + "/");
        var documents = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(Encoding.UTF8.GetBytes(reader.GetString(0)));
        }
        return documents;
    }
}
