namespace Newsdesk.Tests.Support;

/// <summary>One PostgreSQL server for every test class in the collection, started once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
