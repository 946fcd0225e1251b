using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsdesk.Chat.Intake;
using Newsdesk.Chat.RateLimiting;
using Newsdesk.Storage;
using Newsdesk.Settings;

namespace Newsdesk.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The inbox and its workers; used by <c>serve</c>, where adapters enqueue questions.</summary>
    public static IServiceCollection AddChatInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ChatOptions>(configuration, ChatOptions.Section);
        services.AddMetrics();
        services.AddSingleton<ChatMetrics>();
        services.AddValidatedOptions<ChatRateLimitOptions>(configuration, ChatRateLimitOptions.Section);
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<ChatInbox>();
        services.AddSingleton<ChatIntake>();
        services.AddChatJournal(configuration);
        services.AddAnswerFeedback(configuration);
        services.AddSingleton<WorstRatedAnswers>();
        services.AddHostedService(provider => provider.GetRequiredService<WorstRatedAnswers>());
        // Before the workers, so recovered questions are queued ahead of new ones.
        services.AddHostedService<ChatRecovery>();
        services.AddHostedService<ChatWorker>();
        return services;
    }

    /// <summary>The crash journal alone; adapters that write it inside their own transactions (Slack) add it too.</summary>
    public static IServiceCollection AddChatJournal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ChatOptions>(configuration, ChatOptions.Section);
        services.AddStore<IChatJournal, ChatJournal, PostgresChatJournal>(configuration, ChatJournal.Schema, PostgresChatJournal.Schema);
        return services;
    }

    /// <summary>Answers and their 👍/👎, one store for every adapter.</summary>
    public static IServiceCollection AddAnswerFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStore<IAnswerFeedbackStore, AnswerFeedbackStore, PostgresAnswerFeedbackStore>(configuration, AnswerFeedbackStore.Schema, PostgresAnswerFeedbackStore.Schema);
        return services;
    }

    /// <summary>The replay guard shared by every process on the store; adapters that refuse replays add it.</summary>
    public static IServiceCollection AddChatReplayGuard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStore<IChatReplayGuard, ChatReplayGuard, PostgresChatReplayGuard>(configuration, ChatReplayGuard.Schema, PostgresChatReplayGuard.Schema);
        return services;
    }
}
