using System.Globalization;
using System.Text.Json.Nodes;

namespace Newsdesk.Tests.Fakes.Slack;

/// <summary>What the fake Slack's channels hold: every message the bot posted (as Slack shows it, with its metadata),
/// served back by conversations.replies and conversations.history as Slack does: metadata only when the caller asks
/// for it with include_all_metadata. A post may be stored late (<see cref="Post"/>'s commit lag): Slack was seen to
/// list a message seconds after it answered the post, and the look-ups do not show it until then.</summary>
public sealed class FakeSlackMessages(TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly List<JsonObject> messages = [];
    private readonly Dictionary<JsonObject, DateTimeOffset> listedFrom = [];

    /// <summary>Stores a chat.postMessage as posted by the bot under <paramref name="ts"/>, listed by the look-ups
    /// only once <paramref name="commitLag"/> has passed on the fake's clock.</summary>
    public void Post(JsonNode? request, string ts, TimeSpan commitLag = default)
    {
        var message = new JsonObject
        {
            ["type"] = "message",
            ["user"] = FakeSlack.BotUserId,
            ["bot_id"] = "BNEWSDESK",
            ["ts"] = ts,
            ["channel"] = request?["channel"]?.DeepClone(),
            ["text"] = request?["text"]?.DeepClone(),
        };
        if (request?["thread_ts"] is { } thread) message["thread_ts"] = thread.DeepClone();
        if (request?["metadata"] is { } metadata) message["metadata"] = metadata.DeepClone();
        lock (gate)
        {
            messages.Add(message);
            listedFrom[message] = clock.GetUtcNow() + commitLag;
        }
    }

    /// <summary>The bot's messages in a thread, oldest first.</summary>
    public IReadOnlyList<JsonObject> InThread(string channel, string threadTs)
    {
        lock (gate) return [.. messages.Where(m => Is(m, "channel", channel) && Is(m, "thread_ts", threadTs)).Select(m => (JsonObject)m.DeepClone())];
    }

    /// <summary>The bot's top-level messages in a channel (a digest, not a thread reply), oldest first.</summary>
    public IReadOnlyList<JsonObject> TopLevel(string channel)
    {
        lock (gate) return [.. messages.Where(m => Is(m, "channel", channel) && m["thread_ts"] is null).Select(m => (JsonObject)m.DeepClone())];
    }

    /// <summary>conversations.replies: the thread's replies (the parent is the person's, not stored here).</summary>
    public JsonObject Replies(IReadOnlyDictionary<string, string> form)
    {
        var channel = form.GetValueOrDefault("channel") ?? "";
        var thread = form.GetValueOrDefault("ts") ?? "";
        return Listing(m => Is(m, "channel", channel) && Is(m, "thread_ts", thread), newestFirst: false, form);
    }

    /// <summary>conversations.history: top-level messages after <c>oldest</c>, newest first.</summary>
    public JsonObject History(IReadOnlyDictionary<string, string> form)
    {
        var channel = form.GetValueOrDefault("channel") ?? "";
        var oldest = decimal.Parse(form.GetValueOrDefault("oldest") ?? "0", CultureInfo.InvariantCulture);
        return Listing(m => Is(m, "channel", channel) && m["thread_ts"] is null
            && decimal.Parse(m["ts"]!.GetValue<string>(), CultureInfo.InvariantCulture) > oldest, newestFirst: true, form);
    }

    private JsonObject Listing(Func<JsonObject, bool> match, bool newestFirst, IReadOnlyDictionary<string, string> form)
    {
        var withMetadata = form.GetValueOrDefault("include_all_metadata") == "true";
        List<JsonObject> found;
        var now = clock.GetUtcNow();
        lock (gate) found = [.. messages.Where(m => listedFrom[m] <= now).Where(match).Select(m => (JsonObject)m.DeepClone())];
        if (newestFirst) found.Reverse();
        if (!withMetadata) foreach (var m in found) m.Remove("metadata");
        return new JsonObject { ["ok"] = true, ["messages"] = new JsonArray([.. found]), ["has_more"] = false };
    }

    private static bool Is(JsonObject message, string property, string value) =>
        message[property] is JsonValue v && v.GetValue<string>() == value;
}
