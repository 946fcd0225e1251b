using System.Text.Json;
using Newsdesk.Chat;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Rest;

namespace Newsdesk.Discord.Replies;

/// <summary>Rebuilds the reply to an /ask (or a /story page) from the chat journal after a restart: an edit of the interaction's original
/// message, which is idempotent, so an answer that did land before the crash is only written again, never doubled.</summary>
public sealed class DiscordReplyRestorer(DiscordRestClient rest, IAnswerFeedbackStore feedback, ChatMetrics metrics, DiscordStoryCommand story) : IChatReplyRestorer
{
    public const string Platform = DiscordInteractionResponder.Platform;

    /// <summary>"Interaction tokens are valid for 15 minutes" (docs/protocols.md, "Interactions"); a little less, for the answering.</summary>
    public static readonly TimeSpan TokenLife = TimeSpan.FromMinutes(14);

    string IChatReplyRestorer.Platform => Platform;

    public TimeSpan ReplyWindow => TokenLife;

    public IReplyChannel Restore(string reply)
    {
        var saved = JsonSerializer.Deserialize<Saved>(reply) ?? throw new JsonException("An empty Discord reply in the chat journal.");
        var responder = new DiscordInteractionResponder(rest, feedback, metrics, saved.Token, saved.AnswerKey, saved.IsEphemeral).AlreadyAcknowledged();
        return saved.StoryPage is { } page ? new DiscordStoryReply(responder, story, page) : responder;
    }

    /// <summary>The interaction token is a credential for this one interaction; it lives in the journal only until
    /// the reply is delivered, and is dead 15 minutes after the interaction anyway.</summary>
    /// <param name="storyPage">Set when the journalled work is that page of a story brief rather than a question.</param>
    public static string Save(string token, string answerKey, bool isEphemeral, int? storyPage = null) =>
        JsonSerializer.Serialize(new Saved(token, answerKey, isEphemeral, storyPage));

    private sealed record Saved(string Token, string AnswerKey, bool IsEphemeral, int? StoryPage = null);
}
