using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Storage;

namespace Newsdesk.Hosting;

/// <summary>What <c>serve</c> tells the operator once it listens: the version and addresses, which adapters are on and
/// why, which backend answers, and the store. The document count follows when the corpus is loaded
/// (<see cref="IndexWarmup"/>), since loading runs after the server accepts connections.</summary>
public static class StartupReport
{
    public static void Write(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Newsdesk.Serve");
        var version = Assembly.GetExecutingAssembly().GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        logger.LogInformation("Newsdesk {Version} listening on {Addresses} (content root {ContentRoot})",
            version, string.Join(", ", app.Urls), app.Environment.ContentRootPath);
        var adapters = app.Services.GetServices<ChatAdapterStatus>().ToList();
        foreach (var adapter in adapters)
            logger.LogInformation("{Platform} adapter is {State}: {Reason}", adapter.Platform, adapter.IsEnabled ? "on" : "off", adapter.Reason);
        if (adapters.Count == 0) logger.LogWarning("No chat platform adapters are built into this version; only /healthz and /readyz are served");
        var answering = app.Services.GetRequiredService<IOptions<AnsweringOptions>>().Value;
        logger.LogInformation("Answering backend: {Backend}{Model}", answering.Backend,
            answering.UsesLanguageModel ? $" ({answering.LanguageModel.Model} at {answering.LanguageModel.Endpoint?.GetLeftPart(UriPartial.Authority) ?? "the default endpoint"})" : "");
        var corpus = app.Services.GetRequiredService<IOptions<CorpusOptions>>().Value;
        logger.LogInformation("Store {Database}; corpus folders {Folders}; loading the corpus (/readyz answers 503 until it is loaded)",
            app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Database, string.Join(", ", corpus.Folders));
    }
}
