using System.Reflection;
using System.Text.RegularExpressions;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Architecture;

/// <summary>One owner per table: every table is declared by exactly one store's <see cref="StoreSchema"/>, and only
/// the owner's source writes it (INSERT, UPDATE, DELETE). A second writer (as Slack's store once deleted chat journal
/// rows with its own SQL) fails here.</summary>
public sealed partial class TableOwnershipTests
{
    private static readonly Assembly Bot = typeof(Answer).Assembly;

    private static IReadOnlyList<(Type Declarer, StoreSchema Schema)> Schemas() =>
        [.. Bot.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(StoreSchema)).Select(p => (t, (StoreSchema)p.GetValue(null)!)))];

    [Fact]
    public void EveryTableIsDeclaredOnceByTheTypeThatOwnsIt()
    {
        var schemas = Schemas();
        Assert.True(schemas.Count >= 6, "the stores' schemas were not found");
        foreach (var (declarer, schema) in schemas) Assert.Equal(declarer.Name, schema.Owner);
        var tables = schemas.SelectMany(s => s.Schema.Tables.Select(t => (Table: t, s.Schema.Owner))).ToList();
        foreach (var group in tables.GroupBy(t => t.Table))
            Assert.True(group.Count() == 1, $"{group.Key} is declared by {string.Join(", ", group.Select(g => g.Owner))}");
        foreach (var (_, schema) in schemas)
            foreach (var table in schema.Tables)
                Assert.Matches($@"CREATE (VIRTUAL )?TABLE IF NOT EXISTS {table}\b", schema.Ddl);
    }

    [Fact]
    public void OnlyATablesOwnerWritesIt()
    {
        var owners = Schemas().SelectMany(s => s.Schema.Tables.Select(t => (Table: t, s.Schema.Owner))).ToDictionary(t => t.Table, t => t.Owner, StringComparer.Ordinal);
        var source = Path.Combine(TestPaths.RepositoryRoot, "src", "Bot");
        var writes = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match write in Write().Matches(File.ReadAllText(file)))
            {
                var table = write.Groups["table"].Value;
                Assert.True(owners.TryGetValue(table, out var owner), $"{Path.GetFileName(file)} writes {table}, which no StoreSchema declares");
                // The same store on the PostgreSQL provider (PostgresChatJournal for ChatJournal) owns the same tables there.
                var writer = Path.GetFileNameWithoutExtension(file);
                Assert.True(owner == writer || "Postgres" + owner == writer, $"{Path.GetFileName(file)} writes {table}, owned by {owner}");
                writes++;
            }
        }
        Assert.True(writes > 10, "no SQL writes were found: the pattern no longer matches the code");
    }

    [GeneratedRegex(@"\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+(?<table>[a-z_]+)\b")]
    private static partial Regex Write();
}
