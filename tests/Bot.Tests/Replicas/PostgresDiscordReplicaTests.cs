using System.Text.Json;
using Newsdesk.Discord.Interactions;
using Newsdesk.Tests.Faults;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Replicas;

/// <summary>Two real <c>serve</c> processes on one PostgreSQL database with the fake Discord: a signed <c>/ask</c> and
/// its replay (a captured request sent again, or Discord's own retry) landing on different replicas run once, so the
/// person's "thinking…" message is edited once and nothing else carries the interaction's token.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDiscordReplicaTests(PostgresServer server)
{
    [PostgresFact]
    public async Task ASignedAskAndItsReplaySentToTwoReplicasGetOneDeferralAndOneEdit()
    {
        using var folder = new TemporaryFolder();
        await using var discord = await FakeDiscord.StartAsync();
        // No answer budget: every /ask is deferred (type 5) and its answer edited into the original message.
        string[] settings = ["--Discord:AnswerBudgetMilliseconds=0", "--Chat:JournalLease=00:00:06", "--Storage:Provider=PostgreSQL",
            $"--Storage:ConnectionString={await server.DatabaseAsync(GetType())}"];
        await using var first = await ServeProcess.StartAsync(discord, folder.File("first.db"), settings);
        await using var second = await ServeProcess.StartAsync(discord, folder.File("second.db"), settings);
        var (_, token, body) = FakeInteractions.Ask("Who shut down AllofMP3?");

        var responses = await Task.WhenAll(new[] { first, second }.Select(async replica =>
        {
            using var request = discord.SignedInteraction(replica.Address, body);
            using var response = await replica.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }));

        Assert.Single(responses, r => r.GetProperty("type").GetInt32() == 5);
        var refused = Assert.Single(responses, r => r.GetProperty("type").GetInt32() == 4);
        Assert.Equal(DiscordInteractionEndpoint.AlreadyHandled, refused.GetProperty("data").GetProperty("content").GetString());
        await discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal));

        // A question through each replica (one worker each, answered in order) is answered: nothing more is queued.
        foreach (var replica in new[] { first, second })
        {
            var (_, sentinel, sentinelBody) = FakeInteractions.Ask("Who shut down AllofMP3?");
            using var request = discord.SignedInteraction(replica.Address, sentinelBody);
            (await replica.Http.SendAsync(request)).EnsureSuccessStatusCode();
            await discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(sentinel, StringComparison.Ordinal));
        }
        var carrying = discord.Requests.Where(r => r.Path.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(carrying.Count == 1, $"requests carrying the token: {string.Join(", ", carrying.Select(r => $"{r.Method} {r.Path}"))}");
        Assert.Equal("PATCH", carrying[0].Method);
        Assert.Contains("[1]", discord.OriginalMessage(token)!, StringComparison.Ordinal);
    }
}
