using System.Text.Json;
using System.Text.Json.Nodes;

namespace Newsdesk.Slack.Replies;

/// <summary>Names the one reply a question gets, so it can be found in Slack again: posted as message metadata
/// (docs.slack.dev messaging/message-metadata) and searched for before a recovered or retried post.</summary>
/// <param name="Channel">Where the reply goes.</param>
/// <param name="ThreadTs">The thread it goes in; null for a DM answered outside a thread.</param>
/// <param name="QuestionTs">The question's ts: replies can only come after it.</param>
/// <param name="Key">The question's own key, the event's "message:{channel}:{ts}" claim.</param>
public sealed record SlackReplyKey(string Channel, string? ThreadTs, string QuestionTs, string Key)
{
    /// <summary>A question nobody put to the bot directly (a channel in <c>all</c> mode): its decline is not posted.
    /// Kept in the chat journal with the key, so a question taken over after a crash is still declined silently.</summary>
    public bool IsUnaddressed { get; init; }

    /// <summary>Our event type: alphanumeric and underscores, as Slack asks.</summary>
    public const string EventType = "newsdesk_reply";

    public JsonObject ToMetadata() => new()
    {
        ["event_type"] = EventType,
        ["event_payload"] = new JsonObject { ["key"] = Key },
    };

    /// <summary>True when a message from conversations.replies/history carries this key.</summary>
    public bool IsCarriedBy(JsonElement message) =>
        message.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("event_type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == EventType
        && metadata.TryGetProperty("event_payload", out var payload) && payload.ValueKind == JsonValueKind.Object
        && payload.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() == Key;
}
