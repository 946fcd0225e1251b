using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary>The real <c>serve</c> host pointed at a fake Slack, on loopback, over the seed corpus. One worker, so
/// questions are answered in arrival order: a later "sentinel" answer proves earlier events produced nothing more.</summary>
public sealed class SlackBot : IAsyncDisposable
{
    private SlackBot(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public ControllableAnswerer Answerer => App.Services.GetRequiredService<ControllableAnswerer>();

    public static async Task<SlackBot> StartAsync(FakeSlack slack, string database, bool isHttp = true, bool isSocketMode = false,
        Action<IServiceCollection>? services = null, IEnumerable<string>? settings = null)
    {
        var (app, address) = await RunningServer.StartAsync([
            $"--Storage:Database={database}", "--corpus", TestPaths.Seeds,
            // Other tests ask many questions as one user; the rate limits have their own tests (Hostile/).
            "--Chat:Workers=1", "--Logging:LogLevel:Default=Warning", "--Chat:RateLimits:IsEnabled=false",
            $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}", $"--Slack:BotToken={FakeSlack.BotToken}",
            .. isHttp ? [$"--Slack:SigningSecret={FakeSlack.SigningSecret}"] : Array.Empty<string>(),
            .. isSocketMode ? [$"--Slack:AppToken={FakeSlack.AppToken}"] : Array.Empty<string>(),
            .. settings ?? [],
        ], s =>
        {
            s.AddSingleton(sp => new ControllableAnswerer(sp.GetRequiredService<GroundedAnswerer>()));
            s.AddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<ControllableAnswerer>());
            services?.Invoke(s);
        });
        return new SlackBot(app, new HttpClient { BaseAddress = address });
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await Http.SendAsync(request);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
