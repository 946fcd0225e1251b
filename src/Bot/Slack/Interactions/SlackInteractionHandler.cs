using Microsoft.Extensions.Logging;
using Newsdesk.Chat;
using Newsdesk.Chat.Intake;
using Newsdesk.Slack.Commands;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Interactions;

/// <summary>Button clicks (<c>block_actions</c>): a 👍/👎 is one row write; a digest story's follow-up asks its
/// question, and a brief's "More" shows its next page, through the <see cref="ChatIntake"/>, answered privately through the click's response_url. Both are quick,
/// so the endpoint acknowledges well within Slack's 3 seconds (docs/protocols.md, "Slack interactivity").</summary>
public sealed class SlackInteractionHandler(IAnswerFeedbackStore feedback, ChatIntake intake, ChatMetrics metrics, WorstRatedAnswers worst, SlackWebApiClient client, SlackAnswerFormatter formatter,
    SlackStoryCommand story, TimeProvider time, ILogger<SlackInteractionHandler> logger)
{
    private static readonly TimeSpan NoticeDeadline = TimeSpan.FromSeconds(2);

    /// <summary>False when the payload is not one Slack would send (no type), which the endpoint answers with 400.</summary>
    public async Task<bool> HandleAsync(SlackInteraction interaction, string? correlationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(interaction.Type)) return false;
        // Other kinds (view submissions, shortcuts) are acknowledged and left alone: the bot offers none.
        if (interaction.Type != "block_actions") return true;
        foreach (var action in interaction.Actions ?? [])
        {
            if (action.ActionId?.StartsWith(SlackActionIds.Vote, StringComparison.Ordinal) == true)
            {
                if (interaction.User?.Id is not { Length: > 0 } user || !SlackActionIds.TryParseVote(action.Value, out var key, out var isHelpful)) continue;
                if (await feedback.SaveVoteAsync(SlackEventDispatcher.Platform, key, user, isHelpful, cancellationToken))
                {
                    metrics.VoteRecorded(SlackEventDispatcher.Platform, isHelpful);
                    await worst.RefreshAsync(cancellationToken);
                }
                else logger.LogInformation("A Slack vote on answer {Key} was not recorded: the answer is not on file", key);
            }
            else if (action.ActionId == SlackActionIds.FollowUp && action.Value is { Length: > 0 } question
                && Uri.TryCreate(interaction.ResponseUrl, UriKind.Absolute, out var responseUrl))
            {
                await AskAsync(interaction, question, responseUrl, correlationId, null);
            }
            else if (action.ActionId == SlackActionIds.StoryPage && SlackActionIds.TryParseStoryPage(action.Value, out var page, out var topic)
                && Uri.TryCreate(interaction.ResponseUrl, UriKind.Absolute, out var storyUrl))
            {
                await AskAsync(interaction, $"/newsdesk story {topic}", storyUrl, correlationId, ct => story.PageAsync(topic, page, ct));
            }
        }
        return true;
    }

    /// <param name="compose">Work that makes the reply (a brief's next page) instead of answering the question.</param>
    private async Task AskAsync(SlackInteraction interaction, string question, Uri responseUrl, string? correlationId,
        Func<CancellationToken, Task<SlackMessageContent>>? compose)
    {
        var reply = new SlackResponseUrlReply(client, formatter, responseUrl, isInChannel: false, feedback);
        var platformId = $"followup:{interaction.User?.Id}:{Guid.NewGuid():N}";
        var job = new ChatJob(string.IsNullOrEmpty(correlationId) ? platformId : correlationId, SlackEventDispatcher.Platform, new Question(question), reply)
        {
            PlatformId = platformId,
            Run = compose is null ? null : async ct =>
            {
                var message = await compose(ct);
                return send => reply.SendAsync(message, send);
            },
        };
        var acceptance = await intake.AcceptAsync(new ChatIntakeRequest(interaction.User?.Id, interaction.Channel?.Id, job), CancellationToken.None);
        if (acceptance.IsQueued) return;
        logger.LogInformation("A Slack follow-up click was refused: {Refusal}", acceptance.Refusal);
        // Told privately, as a refused slash command is. A click's acknowledgement cannot carry a message, so the
        // notice goes through the response_url before it, held to a deadline that keeps the ack within Slack's 3 s.
        using var deadline = new CancellationTokenSource(NoticeDeadline, time);
        try
        {
            await reply.SendAsync(formatter.FormatNotice(acceptance.Refusal), deadline.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or SlackApiException)
        {
            logger.LogWarning("The refusal notice for a Slack follow-up click was not delivered: {Error}", exception.Message);
        }
    }
}
