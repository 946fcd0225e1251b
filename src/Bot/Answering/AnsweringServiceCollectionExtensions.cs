using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Newsdesk.Chat;
using Newsdesk.Settings;
using Newsdesk.Storage;

namespace Newsdesk.Answering;

public static class AnsweringServiceCollectionExtensions
{
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AnsweringOptions>(configuration, AnsweringOptions.Section);

        // Semantic Kernel logs a failed function with the exception's message, which carries the provider's error
        // body, and OpenAI's 401 body quotes the API key. KernelLoggingFilter and GroundedAnswerer log the same
        // failures (type and duration) without it, so Kernel's own logs are off at every level. Added after the
        // configuration's rules, so a Logging:LogLevel setting cannot turn them back on.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, "Microsoft.SemanticKernel", LogLevel.None, null)));
        var kernel = services.AddKernel();
        services.AddSingleton<IFunctionInvocationFilter, KernelLoggingFilter>();
        var settings = configuration.GetSection(AnsweringOptions.Section).Get<AnsweringOptions>() ?? new AnsweringOptions();
        var model = settings.LanguageModel;
        if (settings.Backend == "OpenAI" && !string.IsNullOrWhiteSpace(model.Model))
        {
            // Local servers (Ollama, vLLM) need no key, but the connector wants a non-empty one.
            var apiKey = string.IsNullOrWhiteSpace(model.ApiKey) ? "not-needed" : model.ApiKey;
            if (model.Endpoint is null) kernel.AddOpenAIChatCompletion(model.Model, apiKey);
#pragma warning disable SKEXP0010 // Custom endpoints are how OpenAI-compatible servers are reached.
            else kernel.AddOpenAIChatCompletion(model.Model, model.Endpoint, apiKey);
#pragma warning restore SKEXP0010
        }
        else if (settings.Backend == "AzureOpenAI" && model is { Model: not null, Endpoint: not null, ApiKey: not null })
        {
            kernel.AddAzureOpenAIChatCompletion(model.Model, model.Endpoint.ToString(), model.ApiKey);
        }

        services.AddSingleton<PromptLibrary>();
        services.AddSingleton<OfflineComposer>();
        services.AddSingleton<ComposerFunctions>();
        services.AddSingleton<KnownSpanWindows>();
        services.AddSingleton<FocusScorer>();
        services.AddSingleton<FollowUpRetriever>();
        // A thread's answered sentences live in the store, so a restart or another replica finds them (ThreadAnswers).
        services.AddStore<IThreadAnswerStore, ThreadAnswerStore, PostgresThreadAnswerStore>(configuration, ThreadAnswerStore.Schema, PostgresThreadAnswerStore.Schema);
        services.AddSingleton<ThreadAnswers>();
        services.AddSingleton<PublicationDates>();
        services.AddSingleton<GroundedAnswerer>();
        services.AddSingleton<StoryBriefComposer>();
        services.AddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<GroundedAnswerer>());
        return services;
    }
}
