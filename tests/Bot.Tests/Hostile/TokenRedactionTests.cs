using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hostile;

/// <summary>Discord's error bodies echo the request path, and for an interaction reply the path carries the
/// interaction token (a capability to post as the bot for 15 minutes). It used to reach a Warning line; the bot token,
/// cut by value, did not. Now every token in a path is cut wherever an error body becomes a log line.</summary>
public sealed class TokenRedactionTests
{
    [Fact]
    public async Task AnInteractionTokenEchoedInDiscordsErrorBodyNeverReachesALogLine()
    {
        var logs = new CapturingLoggerProvider();
        await using var bot = await HostileBot.StartAsync(["--Discord:AnswerBudgetMilliseconds=0", "--Chat:RateLimits:IsEnabled=false"],
            s => s.AddSingleton<ILoggerProvider>(logs));
        var ask = FakeInteractions.Ask("Who shut down AllofMP3?");
        var echo = $$"""{"message":"Unknown Webhook for /api/v10/webhooks/{{FakeDiscord.ApplicationId}}/{{ask.Token}}/messages/@original","code":10015}""";
        for (var i = 0; i < 4; i++) bot.Discord.Script(new FakeDiscordResponse(404, echo));

        using (var response = await bot.Http.SendAsync(bot.SignedInteraction(ask.Body))) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failure = await logs.WaitForLineAsync(line => line.Rendered.Contains("Unknown Webhook", StringComparison.Ordinal));

        Assert.Contains("[redacted]", failure.Rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, line => line.Rendered.Contains(ask.Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("POST /api/v10/interactions/1100000000000000001/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpfX3Rva2Vu/callback", "aW50ZXJhY3Rpb246")]
    [InlineData("https://discord.com/api/webhooks/1234567890/AbCdEf-GhIjKl_MnOpQr.StUv", "AbCdEf-GhIjKl")]
    [InlineData("https://hooks.slack.com/commands/T0001/1234567890/q7cBnBSm2vcVM3TnKyOuGvN2", "q7cBnBSm2vcVM3TnKyOuGvN2")]
    [InlineData("https://hooks.slack.com/services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX", "XXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("invalid_auth for xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy", "pdFZKVeTuE8sk7oOcBrzbqgy")]
    [InlineData("token aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpfX3Rva2Vu expired", "aW50ZXJhY3Rpb246")]
    public void TokensInUrlsAndErrorBodiesAreCut(string text, string secret)
    {
        var redacted = Newsdesk.Http.TokenRedaction.Redact(text);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains("[redacted]", redacted, StringComparison.Ordinal);
    }
}
