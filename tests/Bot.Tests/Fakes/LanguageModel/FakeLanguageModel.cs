using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Newsdesk.Tests.Fakes.LanguageModel;

/// <summary>An OpenAI-compatible chat-completions server on loopback. Each test sets how it replies; every request
/// body is recorded, and tests can await the next request instead of sleeping.</summary>
public sealed partial class FakeLanguageModel : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<JsonDocument> requests = Channel.CreateUnbounded<JsonDocument>();

    private FakeLanguageModel(WebApplication app) => this.app = app;

    /// <summary>How to answer a request: given its user message, return the assistant's reply text, or throw/hang.</summary>
    public Func<RecordedPrompt, CancellationToken, Task<IResult>> Reply { get; set; } = (_, _) => Task.FromResult(Results.StatusCode(500));

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeLanguageModel> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeLanguageModel(app);
        app.MapPost("/v1/chat/completions", async (HttpRequest request, CancellationToken aborted) =>
        {
            var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: aborted);
            await fake.requests.Writer.WriteAsync(body, aborted);
            return await fake.Reply(new RecordedPrompt(body), aborted);
        });
        fake.BaseUrl = new Uri(await LoopbackApp.StartAsync(app), "v1");
        return fake;
    }

    /// <summary>The settings that point the bot's OpenAI-compatible backend at this fake, plus <paramref name="more"/>.</summary>
    public Dictionary<string, string?> BackendSettings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Answering:Backend"] = "OpenAI",
            ["Answering:LanguageModel:Endpoint"] = BaseUrl.ToString(),
            ["Answering:LanguageModel:Model"] = "fake-model",
            ["Answering:LanguageModel:ApiKey"] = "sk-test-secret",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    public async Task<RecordedPrompt> NextRequestAsync(CancellationToken cancellationToken) =>
        new(await requests.Reader.ReadAsync(cancellationToken));

    /// <summary>A well-formed chat.completion response carrying <paramref name="content"/>.</summary>
    public static IResult Completion(string content) => Results.Json(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "fake-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    });

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    /// <summary>One recorded request, with helpers to read the prompt the bot sent.</summary>
    public sealed partial record RecordedPrompt(JsonDocument Body)
    {
        public IReadOnlyList<(string Role, string Content)> Messages =>
            Body.RootElement.GetProperty("messages").EnumerateArray()
                .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString() ?? ""))
                .ToList();

        public string UserMessage => Messages.Last(m => m.Role == "user").Content;

        /// <summary>The number the bot gave the first passage containing <paramref name="text"/>.</summary>
        public int PassageContaining(string text)
        {
            foreach (Match passage in PassageHeader().Matches(UserMessage))
            {
                var start = passage.Index;
                var next = PassageHeader().Match(UserMessage, start + passage.Length);
                var end = next.Success ? next.Index : UserMessage.Length;
                if (UserMessage[start..end].Contains(text, StringComparison.Ordinal)) return int.Parse(passage.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            throw new InvalidOperationException($"No passage contains \"{text}\".");
        }

        [GeneratedRegex(@"(?m)^\[(\d+)\] ")]
        private static partial Regex PassageHeader();
    }
}
