using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;

namespace Newsdesk.LoadRunner;

/// <summary>The <c>serve</c> command line every run starts the real server with: loopback on a free port, a store in
/// the work folder, both adapters pointed at the fakes, quiet logs, then the run's own settings and the user's.</summary>
public static class ServeArguments
{
    public static string[] For(LoadOptions options, FakeDiscord discord, FakeSlack slack, params string[] runSettings) =>
    [
        "--urls", "http://127.0.0.1:0", $"--Storage:Database={Path.Combine(options.Work, "newsdesk.db")}", "--corpus", options.Corpus,
        $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
        $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}", $"--Discord:BotToken={FakeDiscord.BotToken}",
        $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}", $"--Slack:BotToken={FakeSlack.BotToken}", $"--Slack:SigningSecret={FakeSlack.SigningSecret}",
        .. runSettings,
        "--Logging:LogLevel:Default=Warning", .. options.ServerSettings,
    ];
}
