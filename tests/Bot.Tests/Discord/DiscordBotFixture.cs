using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Discord;

/// <summary>One bot and one fake Discord shared by a test class: the clock is fake (so the answer budget only runs
/// out when a test advances it) and the real answerer sits behind a gate the tests control.</summary>
public sealed class DiscordBotFixture : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public FakeDiscord Discord { get; private set; } = null!;

    public DiscordBotHost Bot { get; private set; } = null!;

    public WatchedClock Time { get; } = new(WatchedClock.FixedStart);

    public ControllableAnswerer Answerer { get; private set; } = null!;

    public string Database => folder.File("bot.db");

    public async Task InitializeAsync()
    {
        Discord = await FakeDiscord.StartAsync();
        Bot = await DiscordBotHost.StartAsync(Discord, Database, services: services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IQuestionAnswerer>(sp => new ControllableAnswerer(sp.GetRequiredService<GroundedAnswerer>()));
        });
        Answerer = (ControllableAnswerer)Bot.App.Services.GetRequiredService<IQuestionAnswerer>();
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Discord.DisposeAsync();
    }

    public void Dispose() => folder.Dispose();
}
