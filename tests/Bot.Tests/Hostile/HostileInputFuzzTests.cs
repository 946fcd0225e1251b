using System.Diagnostics;
using Newsdesk.Chat;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Hostile;

/// <summary>Over ten thousand hostile requests to the three webhook endpoints of the real server on loopback, from
/// one seed: random bytes, wrong signatures, truncated, stale, oversized, and structurally odd bodies (unsigned, then
/// validly signed), and valid requests mutated byte by byte then signed. None may get a 5xx or break the server; none without a valid signature may run anything.</summary>
public sealed class HostileInputFuzzTests(ITestOutputHelper output)
{
    /// <summary>Change it to explore; the figures in docs/reliability-hostile.md are for this one.</summary>
    public const int Seed = 20260601;

    private const int Parallelism = 8;

    [Fact]
    public async Task HostileRequestsGetNoServerErrorAndOnlyValidlySignedOnesRunAnything()
    {
        // A tiny inbox: signed odd questions that do get queued must not keep the one worker busy for long.
        await using var bot = await HostileBot.StartAsync(["--Chat:InboxCapacity=4"]);
        using var signer = new HostileSigner();
        var corpus = new FuzzCorpus(Seed, TimeProvider.System, bot.Slack.ResponseUrl("fuzz-"), signer);

        var clock = Stopwatch.StartNew();
        var unsigned = await FuzzRunner.RunAsync(bot.Http, corpus.WithoutValidSignature(), Parallelism);
        var unsignedTime = clock.Elapsed;

        // Nothing without a valid signature reached the inbox, the answerer, Discord or Slack.
        Assert.Equal(0, bot.Answerer.Calls);
        Assert.Equal(0, bot.App.Services.GetRequiredService<ChatInbox>().Depth);
        Assert.Empty(bot.Discord.Requests);
        Assert.Empty(bot.Slack.Calls(_ => true));
        Assert.True(await bot.IsAliveAsync());

        clock.Restart();
        var signed = await FuzzRunner.RunAsync(bot.Http, corpus.SignedOdd().Concat(corpus.SignedMutated()).Concat(corpus.Regressions()), Parallelism);
        var signedTime = clock.Elapsed;
        Assert.True(await bot.IsAliveAsync());

        var all = unsigned.Concat(signed).ToList();
        Report(all, unsignedTime, signedTime);
        Assert.True(all.Count >= 10_000, $"only {all.Count} cases");
        var wrong = all.Where(o => !o.Case.Allowed.Contains(o.Status)).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(10).Select(o =>
            $"{o.Case.Category} {o.Case.Path}: {o.Status} {o.Error} (allowed {string.Join('/', o.Case.Allowed)}) body {Convert.ToBase64String(o.Case.Body[..Math.Min(300, o.Case.Body.Length)])}")));
    }

    private void Report(IReadOnlyList<FuzzOutcome> all, TimeSpan unsignedTime, TimeSpan signedTime)
    {
        output.WriteLine($"seed {Seed}, {all.Count} cases, parallelism {Parallelism}: unsigned {unsignedTime.TotalSeconds:F1} s, signed {signedTime.TotalSeconds:F1} s");
        foreach (var group in all.GroupBy(o => (o.Case.Category, o.Case.Path)).OrderBy(g => g.Key.Category).ThenBy(g => g.Key.Path))
            output.WriteLine($"| {group.Key.Category} | {group.Key.Path} | {group.Count()} | " +
                string.Join(", ", group.GroupBy(o => o.Status).OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Count()}")) + " |");
        output.WriteLine("by status: " + string.Join(", ", all.GroupBy(o => o.Status).OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Count()}")));
    }
}
