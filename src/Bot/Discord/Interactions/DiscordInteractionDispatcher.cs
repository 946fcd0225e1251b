using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Chat.Intake;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Rest;
using Newsdesk.Discord.Threads;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Interactions;

/// <summary>Routes a verified interaction. Every command (<c>/ask</c>, <c>/story</c> and its "more" button, <c>/sources</c>, <c>/about</c>, <c>/digest</c>,
/// <c>/feeds</c>, <c>/help</c>, the message command) is planned by the <see cref="DiscordCommandRouter"/> and goes through the <see cref="ChatIntake"/> as inbox work with a <see cref="DiscordInteractionResponder"/>
/// as its reply; autocomplete and feedback buttons are answered here at once. Returns null when the payload is not one
/// Discord would send (no id, no token, no data), which the endpoint answers with 400.</summary>
public sealed class DiscordInteractionDispatcher(
    ChatIntake intake,
    ChatMetrics metrics,
    WorstRatedAnswers worst,
    DiscordRestClient rest,
    DiscordCommandRouter router,
    DiscordAutocompleteProvider autocomplete,
    IAnswerFeedbackStore feedback,
    DiscordThreadTurns threads,
    IOptions<DiscordOptions> options,
    TimeProvider time)
{
    public const string Unknown = DiscordCommandRouter.Unknown;
    public const string Thanks = "Thanks for the feedback!";
    public const string UnknownAnswer = "Thanks! I no longer have that answer on file, so the feedback could not be recorded.";

    /// <param name="correlationId">The HTTP request's id, put on a queued job.</param>
    public async Task<DiscordInteractionResponse?> DispatchAsync(DiscordInteraction interaction, string? correlationId, CancellationToken cancellationToken)
    {
        if (interaction.Type == DiscordInteraction.Ping) return new DiscordInteractionResponse(DiscordInteractionResponse.Pong);
        if (interaction is not { Id.Length: > 0, Token.Length: > 0, Data: { } data }) return null;
        return interaction.Type switch
        {
            DiscordInteraction.ApplicationCommand => await CommandAsync(interaction, data, correlationId),
            DiscordInteraction.Autocomplete => await SuggestAsync(data, cancellationToken),
            // A digest story's follow-up button asks its question privately, through the same intake as /ask.
            DiscordInteraction.MessageComponent => DiscordFollowUpId.TryParse(data.CustomId, out var question)
                ? await CommandAsync(interaction, DiscordFollowUpId.AsAskData(question), correlationId)
                : DiscordStoryId.TryParse(data.CustomId, out var page, out var topic)
                ? await AcceptAsync(interaction, data, router.Story(topic, page, isEphemeral: true), correlationId)
                : await FeedbackAsync(interaction, data, cancellationToken),
            DiscordInteraction.ModalSubmit => Say(Unknown),
            _ => null,
        };
    }

    private Task<DiscordInteractionResponse> CommandAsync(DiscordInteraction interaction, DiscordInteractionData data, string? correlationId) =>
        AcceptAsync(interaction, data, router.Route(interaction, data), correlationId);

    private async Task<DiscordInteractionResponse> AcceptAsync(DiscordInteraction interaction, DiscordInteractionData data, DiscordCommandPlan plan, string? correlationId)
    {
        if (plan.Refusal is not null) return Say(plan.Refusal);

        // The budget counts from the request; questions already waiting mean no answer can come within it, so the
        // acknowledgement never waits on answering under load (benchmarks/Bot.LoadRunner, docs/reliability.md, "Load").
        var deadline = intake.IsBacklogged ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(options.Value.AnswerBudgetMilliseconds), time);
        var responder = new DiscordInteractionResponder(rest, feedback, metrics, interaction.Token!, interaction.Id!, plan.IsEphemeral);
        var work = plan.Work;
        // An /ask in a thread follows up on the ones asked there before it (a message command's question is the
        // message's own text, which stands alone).
        var isQuestion = plan.Question is not null && work is null && data.Name == DiscordCommandCatalog.Ask;
        IReadOnlyList<string> earlier = isQuestion ? await threads.EarlierTurnsAsync(interaction, CancellationToken.None) : [];
        // A thread's question carries the thread (within its guild), under which what it was answered with is kept. A
        // private ask follows up on the thread's public turns too, so it finds what they were given; its own answer is
        // kept under its own turn, which no public follow-up names (it is not one of the thread's turns).
        var thread = isQuestion && interaction.ThreadId is { } threadId ? $"discord:{interaction.GuildId}:{threadId}" : null;
        var job = new ChatJob(correlationId ?? interaction.Id!, DiscordInteractionResponder.Platform, new Question(plan.Question ?? $"/{data.Name}", earlier) { Thread = thread }, responder)
        {
            PlatformId = interaction.Id,
            Run = work is null ? null : async ct =>
            {
                var message = await work(ct);
                return send => responder.DeliverAsync(message, send);
            },
        };
        // A question or a story brief is journalled, so a crash before its reply loses nothing; the other commands are
        // cheap to ask again.
        var journal = work is not null && plan.StoryPage is null ? null : new ChatJournalEntry($"{DiscordInteractionResponder.Platform}:{interaction.Id}", job.Platform,
            job.CorrelationId, job.Question, DiscordReplyRestorer.Save(interaction.Token!, interaction.Id!, plan.IsEphemeral, plan.StoryPage), time.GetUtcNow());
        // Refusals are the ephemeral HTTP response itself, so they cost no extra call.
        var acceptance = await intake.AcceptAsync(new ChatIntakeRequest(interaction.UserId, interaction.ChannelId, job) { Journal = journal }, CancellationToken.None);
        if (!acceptance.IsQueued) return Say(acceptance.Refusal);
        // Only what the thread can see becomes its turn: a private answer is the asker's alone.
        if (isQuestion && !plan.IsEphemeral) await threads.RememberAsync(interaction, plan.Question!, CancellationToken.None);
        return await responder.RespondAsync(acceptance.QueuedBehind > 0 ? Task.CompletedTask : deadline);
    }

    private async Task<DiscordInteractionResponse> SuggestAsync(DiscordInteractionData data, CancellationToken cancellationToken)
    {
        var focused = data.Focused;
        IReadOnlyList<DiscordAutocompleteChoice> choices = (data.Name, focused?.Name) switch
        {
            (DiscordCommandCatalog.Ask, "question") => await autocomplete.SuggestAsync(focused!.Value?.ToString(), cancellationToken),
            (DiscordCommandCatalog.Story, "topic") => await autocomplete.SuggestStoriesAsync(focused!.Value?.ToString(), cancellationToken),
            _ => [],
        };
        return new DiscordInteractionResponse(DiscordInteractionResponse.AutocompleteResult, new DiscordAutocompleteData(choices));
    }

    private async Task<DiscordInteractionResponse?> FeedbackAsync(DiscordInteraction interaction, DiscordInteractionData data, CancellationToken cancellationToken)
    {
        if (!DiscordFeedbackId.TryParse(data.CustomId, out var key, out var isHelpful)) return Say(Unknown);
        if (interaction.UserId is not { Length: > 0 } user) return null;
        var isSaved = await feedback.SaveVoteAsync(DiscordInteractionResponder.Platform, key, user, isHelpful, cancellationToken);
        if (isSaved)
        {
            metrics.VoteRecorded(DiscordInteractionResponder.Platform, isHelpful);
            await worst.RefreshAsync(cancellationToken);
        }
        return Say(isSaved ? Thanks : UnknownAnswer);
    }

    private static DiscordInteractionResponse Say(string text) => DiscordInteractionResponse.Message(DiscordMessagePayload.Text(text, isEphemeral: true));
}
