using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Discord;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Rest;
using Newsdesk.Discord.Wire;
using Newsdesk.Storage;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Chat;

/// <summary>Two "processes" (each its own journal instance, inbox, worker and recovery) over one real SQLite journal,
/// replying through the real Discord responder to the fake Discord on loopback, on one fake clock. A process that
/// took over a story brief left by a stopped one, then stalled past its lease while a second process took the brief
/// over and delivered it, must send nothing when it wakes: not the brief (its worker ran recovered work with no lease
/// check, so the original message was edited twice), and not an apology over the other process's reply.</summary>
public sealed class TakenOverWorkTests : IAsyncLifetime
{
    private const string Token = "interaction-token-taken-over";
    private const string Key = "Discord:1150999999999999992";
    private static readonly TimeSpan Lease = new ChatOptions().JournalLease;

    private readonly TemporaryFolder folder = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));
    private FakeDiscord discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscord.StartAsync();

    [Fact]
    public async Task AProcessThatStalledBeforeRunningARecoveredBriefSendsNothingOnceAnotherProcessHasDeliveredIt()
    {
        await JournalFromAStoppedProcessAsync(rerunnable: true);
        await using var stalled = Process(new Composing());
        await stalled.Recovery.TakeOverAsync(default);
        Assert.Equal(1, stalled.Inbox.Depth);

        // The first process does not run (its worker and its lease renewal are stalled) until its lease has passed and
        // the second process has taken the brief over and delivered it.
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await using var successor = Process(new Composing());
        await successor.Worker.StartAsync(default);
        await successor.Recovery.TakeOverAsync(default);
        await discord.WaitForAsync(IsEdit);
        await successor.Worker.StopAsync(default);

        await stalled.Worker.StartAsync(default);
        await stalled.Worker.StopAsync(default);

        Assert.Single(discord.Requests, IsEdit);
        Assert.Contains("Story: AllofMP3", discord.OriginalMessage(Token), StringComparison.Ordinal);
        Assert.Contains(stalled.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message == $"Another process took over {Key}; not replying from this one");
        Assert.Empty(await successor.Journal.LoadAsync(default));
    }

    [Fact]
    public async Task AProcessThatStalledWhileComposingARecoveredBriefSendsNothingOnceAnotherProcessHasTakenItOver()
    {
        await JournalFromAStoppedProcessAsync(rerunnable: true);
        var slow = new Composing(isHeld: true);
        await using var stalled = Process(slow);
        await stalled.Worker.StartAsync(default);
        await stalled.Recovery.TakeOverAsync(default);
        await slow.Started.WaitAsync(TimeSpan.FromSeconds(30));

        // It stalls mid-work past its lease; the second process takes the brief over but has not sent it yet.
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await using var successor = Process(new Composing());
        Assert.Equal([Key], (await successor.Journal.TakeOverExpiredAsync(default)).Select(e => e.Key));

        slow.Release();
        await stalled.Worker.StopAsync(default);

        Assert.DoesNotContain(discord.Requests, IsEdit);
        Assert.Contains(stalled.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message == $"Another process took over {Key}; not replying from this one");
        // Still the second process's: the first neither removed nor released it.
        Assert.True(await successor.Journal.HoldsAsync(Key, default));
    }

    [Fact]
    public async Task AProcessWhoseRecoveredQuestionFailsAfterAnotherTookItOverSendsNoApologyOverTheOtherAnswer()
    {
        await JournalFromAStoppedProcessAsync(rerunnable: false);
        var failing = new FailingAnswerer();
        await using var stalled = Process(new Composing(), failing);
        await stalled.Worker.StartAsync(default);
        await stalled.Recovery.TakeOverAsync(default);
        await failing.Started.WaitAsync(TimeSpan.FromSeconds(30));

        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await using var successor = Process(new Composing());
        Assert.Equal([Key], (await successor.Journal.TakeOverExpiredAsync(default)).Select(e => e.Key));

        failing.Fail();
        await stalled.Worker.StopAsync(default);

        Assert.DoesNotContain(discord.Requests, IsEdit);
        Assert.True(await successor.Journal.HoldsAsync(Key, default));
    }

    private static bool IsEdit(FakeDiscordRequest request) => request.Method == "PATCH" && request.Path.Contains(Token, StringComparison.Ordinal);

    /// <summary>A /story brief (or, not rerunnable, an /ask) journalled by a process that then died: its lease lapses.</summary>
    private async Task JournalFromAStoppedProcessAsync(bool rerunnable)
    {
        await using (var stopped = Process(new Composing()))
        {
            var reply = DiscordReplyRestorer.Save(Token, "1150999999999999992", isEphemeral: false, storyPage: rerunnable ? 1 : null);
            Assert.True(await stopped.Journal.TryAddAsync(new ChatJournalEntry(Key, DiscordReplyRestorer.Platform, "corr-taken-over", new Question("AllofMP3"), reply, clock.GetUtcNow()), default));
        }
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
    }

    /// <summary>One process: its own connections and instance id over the shared file, and one worker.</summary>
    private BotProcess Process(Composing composing, IQuestionAnswerer? answerer = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:BotToken"] = FakeDiscord.BotToken,
        }).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(logs))
            .AddSingleton(logs)
            .AddMetrics()
            .AddSingleton(Options.Create(new StorageOptions { Database = folder.File("bot.db") }))
            .AddSingleton(Options.Create(new ChatOptions { Workers = 1 }))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(StoreInstance.New())
            .AddSingleton<SqliteConnections>()
            .AddStoreSchema(ChatJournal.Schema)
            .AddStoreSchema(AnswerFeedbackStore.Schema)
            .AddSingleton<ChatMetrics>()
            .AddSingleton<ChatInbox>()
            .AddSingleton<StoreWriteHealth>()
            .AddSingleton<ChatJournal>()
            .AddSingleton<IChatJournal>(provider => provider.GetRequiredService<ChatJournal>())
            .AddSingleton<IAnswerFeedbackStore, AnswerFeedbackStore>()
            .AddDiscordRegistration(configuration)
            .AddSingleton(composing)
            .AddSingleton<IChatReplyRestorer, BriefRestorer>()
            .AddSingleton<IQuestionAnswerer>(answerer ?? new FailingAnswerer())
            .AddSingleton<ChatWorker>()
            .AddSingleton<ChatRecovery>()
            .BuildServiceProvider();
        return new BotProcess(services);
    }

    private sealed class BotProcess(ServiceProvider services) : IAsyncDisposable
    {
        public ChatJournal Journal => services.GetRequiredService<ChatJournal>();

        public ChatInbox Inbox => services.GetRequiredService<ChatInbox>();

        public ChatWorker Worker => services.GetRequiredService<ChatWorker>();

        public ChatRecovery Recovery => services.GetRequiredService<ChatRecovery>();

        public CapturingLoggerProvider Logs => services.GetRequiredService<CapturingLoggerProvider>();

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    /// <summary>Discord's restorer as the bot has it (the journalled reply read back into the real responder, which
    /// edits the interaction's original message on the fake Discord), but the brief is composed here, not from a store.</summary>
    private sealed class BriefRestorer(DiscordRestClient rest, IAnswerFeedbackStore feedback, ChatMetrics metrics, Composing composing) : IChatReplyRestorer
    {
        public string Platform => DiscordReplyRestorer.Platform;

        public TimeSpan ReplyWindow => DiscordReplyRestorer.TokenLife;

        public IReplyChannel Restore(string reply)
        {
            var saved = JsonDocument.Parse(reply).RootElement;
            var responder = new DiscordInteractionResponder(rest, feedback, metrics, saved.GetProperty("Token").GetString()!,
                saved.GetProperty("AnswerKey").GetString()!, saved.GetProperty("IsEphemeral").GetBoolean()).AlreadyAcknowledged();
            return saved.GetProperty("StoryPage").ValueKind == JsonValueKind.Number ? new BriefReply(responder, composing) : responder;
        }
    }

    private sealed class BriefReply(DiscordInteractionResponder responder, Composing composing) : IRerunnableReply
    {
        public async Task<Func<CancellationToken, Task>> ComposeAgainAsync(Question question, CancellationToken cancellationToken)
        {
            await composing.WaitAsync(cancellationToken);
            var brief = DiscordMessagePayload.Text($"Story: {question.Text}");
            return send => responder.DeliverAsync(brief, send);
        }

        public Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken) => responder.SendAnswerAsync(answer, cancellationToken);

        public Task SendFailureAsync(CancellationToken cancellationToken) => responder.SendFailureAsync(cancellationToken);
    }

    /// <summary>Composing a brief: at once, or held until the test lets it go (a process stalled mid-work).</summary>
    private sealed class Composing(bool isHeld = false)
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => started.Task;

        public void Release() => released.TrySetResult();

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            started.TrySetResult();
            if (isHeld) await released.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Answering that fails once the test says so (the process stalled in it and then broke).</summary>
    private sealed class FailingAnswerer : IQuestionAnswerer
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => started.Task;

        public void Fail() => failed.TrySetResult();

        public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
        {
            started.TrySetResult();
            await failed.Task.WaitAsync(cancellationToken);
            throw new InvalidOperationException("the model broke");
        }
    }

    public async Task DisposeAsync()
    {
        await discord.DisposeAsync();
        folder.Dispose();
    }
}
