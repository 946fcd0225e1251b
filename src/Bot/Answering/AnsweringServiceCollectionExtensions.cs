using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Newsdesk.Chat;

namespace Newsdesk.Answering;

public static class AnsweringServiceCollectionExtensions
{
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AnsweringOptions.Section);
        services.AddOptions<AnsweringOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        var kernel = services.AddKernel();
        services.AddSingleton<IFunctionInvocationFilter, KernelLoggingFilter>();
        var settings = section.Get<AnsweringOptions>() ?? new AnsweringOptions();
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
        services.AddSingleton<GroundedAnswerer>();
        services.AddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<GroundedAnswerer>());
        return services;
    }
}
