using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Newsdesk.Tests.Fakes;

/// <summary>How every fake peer (Discord, Slack, a language model, feeds, a trace collector) is hosted: a slim
/// Kestrel app on a port of loopback the kernel picks, silent, so a fake's own logs never mix with the bot's.</summary>
public static class LoopbackApp
{
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Starts the app and returns its address with a trailing slash, ready for relative paths.</summary>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return new Uri(app.Urls.First() + "/");
    }
}
