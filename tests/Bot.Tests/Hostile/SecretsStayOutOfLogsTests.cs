using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.LanguageModel;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hostile;

/// <summary>The real server with every secret configured, driven through failures of every kind (bad signatures,
/// platform 401/429/500 whose bodies echo the secret back, a failing language model that does the same), with every
/// log line at every level recorded: no secret may appear in a log line, a response, or a message sent out.</summary>
public sealed class SecretsStayOutOfLogsTests
{
    private const string DiscordToken = "discord-bot-token-S3CRET-d1a7";
    private const string SlackToken = "xoxb-slack-bot-token-S3CRET-b07";
    private const string SigningSecret = "slack-signing-secret-S3CRET-5ig";
    private const string AppToken = "xapp-slack-app-token-S3CRET-a99";
    private const string ApiKey = "sk-llm-api-key-S3CRET-k3y";
    private static readonly string[] Secrets = [DiscordToken, SlackToken, SigningSecret, AppToken, ApiKey];

    [Fact]
    public async Task NoSecretReachesALogLineAResponseOrAnOutgoingMessage()
    {
        var logs = new CapturingLoggerProvider();
        await using var model = await FakeLanguageModel.StartAsync();
        var failures = 0;
        // Like OpenAI's own 401 ("Incorrect API key provided: sk-…"), each failure echoes the key it was sent.
        model.Reply = (_, _) => Task.FromResult(Interlocked.Increment(ref failures) % 2 == 0
            ? Results.Text($$$"""{"error":{"message":"Incorrect API key provided: {{{ApiKey}}}","code":"invalid_api_key"}}""", "application/json", statusCode: 401)
            // 400 rather than 500: the OpenAI client retries 5xx with backoff, which only makes the test slower.
            : Results.Text($"bad request for key {ApiKey}", statusCode: 400));
        await using var bot = await HostileBot.StartAsync([
                "--Answering:Backend=OpenAI", $"--Answering:LanguageModel:Endpoint={model.BaseUrl}", "--Answering:LanguageModel:Model=fake-model",
                $"--Answering:LanguageModel:ApiKey={ApiKey}", $"--Slack:AppToken={AppToken}", "--Slack:MaxAttempts=2",
                "--Discord:AnswerBudgetMilliseconds=0", "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.SemanticKernel=Trace",
                "--Chat:RateLimits:IsEnabled=false",
            ],
            // Default=Trace: the recorder sees every line the console would print, under the host's own filters.
            services => services.AddSingleton<ILoggerProvider>(logs),
            discordBotToken: DiscordToken, slackBotToken: SlackToken, signingSecret: SigningSecret);
        var responses = new List<string>();

        // Forged and wrongly signed requests.
        foreach (var secret in new[] { "wrong", SigningSecret + "x" })
            responses.Add(await SendAsync(bot, bot.Slack.SignedEvent(SlackEvents.Mention("EvBad", "CBAD", "1.1", "hi"), secret: secret)));
        var forged = bot.SignedInteraction(FakeInteractions.Ask("x").Body);
        forged.Headers.Remove("X-Signature-Ed25519");
        forged.Headers.Add("X-Signature-Ed25519", new string('0', 128));
        responses.Add(await SendAsync(bot, forged));

        // Discord: the deferred answer's edit meets 401, 429 and 500, each echoing the bot token.
        foreach (var status in new[] { 401, 429, 500 })
        {
            bot.Discord.Script(new FakeDiscordResponse(status, $$"""{"message":"bad token {{DiscordToken}}","code":0,"retry_after":0.01}"""));
            responses.Add(await SendAsync(bot, bot.SignedInteraction(FakeInteractions.Ask("Who shut down AllofMP3?").Body)));
        }

        // Slack: chat.postMessage fails in each way, then a slash command's response_url fails.
        bot.Slack.Script("chat.postMessage", new SlackResponse(500, $"oops {SlackToken}"));
        bot.Slack.Script("chat.postMessage", new SlackResponse(500, $"oops {SlackToken}"));
        bot.Slack.Script("chat.postMessage", new SlackResponse(429, $"slow down {SlackToken}", TimeSpan.Zero));
        bot.Slack.Script("chat.postMessage", new SlackResponse(200, $$"""{"ok":false,"error":"invalid_auth","token":"{{SlackToken}}"}"""));
        bot.Slack.Script("response_url", new SlackResponse(500, $"oops {SlackToken}"));
        bot.Slack.Script("response_url", new SlackResponse(500, $"oops {SlackToken}"));
        for (var i = 0; i < 3; i++)
            responses.Add(await SendAsync(bot, bot.Slack.SignedEvent(SlackEvents.Mention($"EvSecret{i}", $"CSECRET{i}", "1700000000.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}"), secret: SigningSecret)));
        responses.Add(await SendAsync(bot, bot.Slack.SignRequest("slack/commands",
            $"command=%2Fnewsdesk&text=ask+who+shut+down+allofmp3&user_id=U1&channel_id=C1&response_url={Uri.EscapeDataString(bot.Slack.ResponseUrl("secret").ToString())}",
            "application/x-www-form-urlencoded", secret: SigningSecret)));

        // Wait until every question has been through the model, its fallback and its reply (or apology).
        await bot.Discord.WaitForAsync(r => r.Method == "PATCH", count: 3);
        await bot.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CSECRET2", TimeSpan.FromSeconds(90));
        await bot.Slack.WaitForCallAsync(c => c.Method == "response_url" && bot.Slack.Calls(x => x.Method == "response_url").Count >= 2, TimeSpan.FromSeconds(90));
        await bot.Slack.WaitForCallAsync(c => c.Method == "apps.connections.open");

        Assert.True(failures >= 3, $"the model was asked {failures} times");
        Assert.NotEmpty(logs.Lines);
        var outgoing = bot.Discord.Requests.Select(r => r.Body).Concat(bot.Slack.Calls(_ => true).Select(c => c.Json?.ToJsonString() ?? "")).ToList();
        foreach (var secret in Secrets)
        {
            Assert.True(!logs.Lines.Any(line => line.Rendered.Contains(secret, StringComparison.Ordinal)),
                string.Join("\n", logs.Lines.Where(line => line.Rendered.Contains(secret, StringComparison.Ordinal)).Select(line => line.Rendered).Take(3)));
            Assert.DoesNotContain(responses, body => body.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(outgoing, body => body.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static async Task<string> SendAsync(HostileBot bot, HttpRequestMessage request)
    {
        using var response = await bot.Http.SendAsync(request);
        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}");
        return $"{response.StatusCode} {response.Headers} {await response.Content.ReadAsStringAsync()}";
    }
}
