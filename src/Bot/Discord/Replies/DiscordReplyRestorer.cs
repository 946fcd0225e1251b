using System.Text.Json;
using Newsdesk.Chat;
using Newsdesk.Discord.Rest;

namespace Newsdesk.Discord.Replies;

/// <summary>Rebuilds the reply to an /ask from the chat journal after a restart: an edit of the interaction's original
/// message, which is idempotent, so an answer that did land before the crash is only written again, never doubled.</summary>
public sealed class DiscordReplyRestorer(DiscordRestClient rest, IAnswerFeedbackStore feedback, ChatMetrics metrics) : IChatReplyRestorer
{
    public const string Platform = DiscordInteractionResponder.Platform;

    /// <summary>"Interaction tokens are valid for 15 minutes" (docs/protocols.md, "Interactions"); a little less, for the answering.</summary>
    public static readonly TimeSpan TokenLife = TimeSpan.FromMinutes(14);

    string IChatReplyRestorer.Platform => Platform;

    public TimeSpan ReplyWindow => TokenLife;

    public IReplyChannel Restore(string reply)
    {
        var saved = JsonSerializer.Deserialize<Saved>(reply) ?? throw new JsonException("An empty Discord reply in the chat journal.");
        return new DiscordInteractionResponder(rest, feedback, metrics, saved.Token, saved.AnswerKey, saved.IsEphemeral).AlreadyAcknowledged();
    }

    /// <summary>The interaction token is a credential for this one interaction; it lives in the journal only until
    /// the reply is delivered, and is dead 15 minutes after the interaction anyway.</summary>
    public static string Save(string token, string answerKey, bool isEphemeral) => JsonSerializer.Serialize(new Saved(token, answerKey, isEphemeral));

    private sealed record Saved(string Token, string AnswerKey, bool IsEphemeral);
}
