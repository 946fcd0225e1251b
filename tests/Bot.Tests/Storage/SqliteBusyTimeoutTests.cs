using Microsoft.Extensions.Options;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Storage;

/// <summary>Every connection the stores open waits for another writer's lock as long as <c>Storage:BusyTimeout</c>
/// says (Microsoft.Data.Sqlite retries a busy database for a command's timeout).</summary>
public sealed class SqliteBusyTimeoutTests
{
    [Theory]
    [InlineData(null, 30)]
    [InlineData("00:00:02", 2)]
    [InlineData("00:00:02.5", 3)]
    public async Task AConnectionsCommandsWaitForStorageBusyTimeoutInWholeSeconds(string? setting, int seconds)
    {
        using var folder = new TemporaryFolder();
        var options = new StorageOptions { Database = folder.File("bot.db") };
        if (setting is not null) options.BusyTimeout = TimeSpan.Parse(setting, System.Globalization.CultureInfo.InvariantCulture);
        using var connections = new SqliteConnections(Options.Create(options), []);

        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();

        Assert.Equal(seconds, connection.DefaultTimeout);
        Assert.Equal(seconds, command.CommandTimeout);
    }
}
