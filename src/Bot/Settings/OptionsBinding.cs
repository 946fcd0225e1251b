using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Chat.RateLimiting;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Discord;
using Newsdesk.Hosting;
using Newsdesk.Retrieval;
using Newsdesk.Slack;
using Newsdesk.Storage;
using Newsdesk.Stories;

namespace Newsdesk.Settings;

/// <summary>Binds an options class from its section through the configuration-binding source generator
/// (<c>EnableConfigurationBindingGenerator</c> in Bot.csproj). The generator replaces a <c>Bind</c> call with
/// generated code only where the options type is known at compile time, never inside a generic method such as
/// <see cref="ValidatedOptionsExtensions.AddValidatedOptions{TOptions}"/>, so each options class gets its own arm
/// here with its concrete type. Without it the runtime binder sets every property by reflection, and each property
/// setter costs a new process a compiled invoke stub (125 of them in <c>ask</c>; docs/performance.md, "Start-up").
/// An options class without an arm fails when it is registered, at start-up, naming itself.</summary>
internal static class OptionsBinding
{
    public static OptionsBuilder<TOptions> BindGenerated<TOptions>(this OptionsBuilder<TOptions> builder, IConfiguration section)
        where TOptions : class
    {
        switch (builder)
        {
            case OptionsBuilder<AnsweringOptions> answering: answering.Bind(section); break;
            case OptionsBuilder<ChatOptions> chat: chat.Bind(section); break;
            case OptionsBuilder<ChatRateLimitOptions> rateLimits: rateLimits.Bind(section); break;
            case OptionsBuilder<CorpusOptions> corpus: corpus.Bind(section); break;
            case OptionsBuilder<DigestOptions> digest: digest.Bind(section); break;
            case OptionsBuilder<DiscordOptions> discord: discord.Bind(section); break;
            case OptionsBuilder<FeedOptions> feeds: feeds.Bind(section); break;
            case OptionsBuilder<RetrievalOptions> retrieval: retrieval.Bind(section); break;
            case OptionsBuilder<ServerLimitsOptions> server: server.Bind(section); break;
            case OptionsBuilder<SlackOptions> slack: slack.Bind(section); break;
            case OptionsBuilder<StorageOptions> storage: storage.Bind(section); break;
            case OptionsBuilder<StoryOptions> stories: stories.Bind(section); break;
            case OptionsBuilder<TelemetryOptions> telemetry: telemetry.Bind(section); break;
            default:
                throw new InvalidOperationException(
                    $"{typeof(TOptions).Name} has no arm in {nameof(OptionsBinding)}: add one so the source generator binds it.");
        }
        return builder;
    }
}
