using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.Postgres;
using Alexandria.Runtime.Tests.Infrastructure;
using Npgsql;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// The store's pooled connections skip Npgsql's reset on close (a seven-statement query before every append), unless
/// the connection string says otherwise; what the reset would protect — an open transaction — is still rolled back.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPoolingTests : StoreTestBase
{
    public PostgresPoolingTests(PostgresCluster cluster)
        : base(StoreBackend.Postgres(cluster))
    {
    }

    [Fact]
    public async Task Pooled_connections_are_not_reset_unless_the_connection_string_asks_for_it()
    {
        var store = (PostgresRuntimeStore)Store;
        Assert.True(new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString).NoResetOnClose);

        string explicitReset = new NpgsqlConnectionStringBuilder(Options.PostgresConnectionString) { NoResetOnClose = false }.ConnectionString;
        await using var asked = (PostgresRuntimeStore)await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = Root, PostgresConnectionString = explicitReset });
        Assert.False(new NpgsqlConnectionStringBuilder(asked.DataSource.ConnectionString).NoResetOnClose);
    }

    [Fact]
    public async Task A_transaction_left_open_on_a_pooled_connection_is_rolled_back_before_the_next_append()
    {
        var store = (PostgresRuntimeStore)Store;
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 1));
        await using (NpgsqlConnection connection = await store.DataSource.OpenConnectionAsync())
        {
            // Never committed nor disposed: closing the connection must roll it back.
            NpgsqlTransaction abandoned = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("UPDATE event_heads SET last_seq = 99 WHERE run_id = $1", connection, abandoned);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal(new AppendedRange(2, 2), await Store.Events.AppendAsync(run, 1, TestDocuments.Batch(2, 1)));
        Assert.Equal(2, await Store.Events.GetLastSeqAsync(run));
    }
}
