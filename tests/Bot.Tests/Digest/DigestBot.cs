using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Hosting;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Digest;

/// <summary>The real bot as <c>serve</c> builds it (Slack on, feeds and digest destinations pointed at fakes, a fake
/// clock), not started unless a test starts it: tests drive polls and digest runs step by step.</summary>
public sealed class DigestBot(WebApplication app) : IAsyncDisposable
{
    public const string SlackChannel = "C0DIGEST01";

    public WebApplication App => app;

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public static async Task<DigestBot> CreateAsync(string database, string corpus, TimeProvider clock, FakeSlack slack, Uri? webhook,
        IEnumerable<Uri> feeds, params string[] settings)
    {
        string[] args =
        [
            "serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={database}", "--corpus", corpus,
            "--Logging:LogLevel:Default=Warning",
            $"--Slack:BotToken={FakeSlack.BotToken}", $"--Slack:SigningSecret={FakeSlack.SigningSecret}", $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
            "--Digest:Schedule=0 8 * * *", "--Digest:TimeZone=Europe/London", "--Digest:CatchUpWindow=06:00:00", "--Digest:ClaimLease=00:05:00",
            $"--Digest:Destinations:0=slack:{SlackChannel}",
            .. webhook is null ? Array.Empty<string>() : [$"--Digest:Destinations:1={webhook}"],
            "--Corpus:FeedAllowLoopback=true", "--Corpus:FeedPollInterval=01:00:00", "--Corpus:FeedFetchTimeout=00:00:05",
            .. feeds.SelectMany((url, i) => new[] { $"--Corpus:Feeds:{i}:Url={url}", $"--Corpus:Feeds:{i}:Name=feed{i}" }),
            .. settings,
        ];
        var bot = new DigestBot(ServeCommand.Build(CommandLine.Parse(args), SharedEmbeddingModel.With(services => services.AddSingleton(clock))));
        await bot.Get<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        return bot;
    }

    /// <summary>One step of simulated time: the clock moves, the feeds are polled, due digests are posted.</summary>
    public async Task StepAsync()
    {
        await Get<FeedPoller>().PollOnceAsync(CancellationToken.None);
        await Get<DigestScheduler>().RunDueAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
