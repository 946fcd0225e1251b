using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Hosting;

namespace Newsdesk.Tests.Support;

/// <summary>Starts the real <c>serve</c> host on loopback, as the platform tests drive it, and waits for
/// <c>/readyz</c> while the corpus and model load.</summary>
public static class RunningServer
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(
        string[] arguments, Action<IServiceCollection>? services = null, bool waitUntilReady = true)
    {
        var app = ServeCommand.Build(CommandLine.Parse(["serve", "--urls", "http://127.0.0.1:0", .. arguments]), SharedEmbeddingModel.With(services));
        await app.StartAsync();
        var address = new Uri(app.Urls.First() + "/");
        if (waitUntilReady) await WaitUntilReadyAsync(address);
        return (app, address);
    }

    /// <summary>Readiness only: a bounded poll of short awaits, never a wait for time itself.</summary>
    public static async Task WaitUntilReadyAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            using var response = await http.GetAsync("readyz");
            if (response.IsSuccessStatusCode) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The bot did not become ready in two minutes.");
    }
}
