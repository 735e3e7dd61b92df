using Alexandria.Testing;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>Every Postgres test class joins this collection and so shares one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
