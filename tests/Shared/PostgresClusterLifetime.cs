namespace Alexandria.Testing;

/// <summary>The cluster as an xunit fixture: xunit starts it before the first test and stops it after the last.</summary>
public sealed partial class PostgresCluster : Xunit.IAsyncLifetime
{
}
