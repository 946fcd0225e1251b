using System.Globalization;
using System.Text;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Slack;
using Newsdesk.Slack.Endpoints;

namespace Newsdesk.Tests.Hostile;

/// <summary>Builds the fuzz cases from one seed: the same seed gives the same bytes, headers and order every run.
/// Slack timestamps are read from <paramref name="clock"/> as each case is made, not once for the corpus: the bot
/// checks them against its own clock within five minutes, and a run on a slow machine sends its last signed cases
/// longer than that after its first.</summary>
public sealed class FuzzCorpus(int seed, TimeProvider clock, Uri slackResponseUrl, HostileSigner signer)
{
    public const string Discord = "discord/interactions";
    public const string Events = "slack/events";
    public const string Commands = "slack/commands";
    private static readonly string[] Endpoints = [Discord, Events, Commands];
    private static readonly HashSet<int> Unauthorized = [401];
    private static readonly HashSet<int> TooLarge = [413];
    private static readonly HashSet<int> Handled = [200, 400];
    private const int MaxBodyBytes = SlackEndpoints.MaxBodyBytes;
    private static readonly string[] Splices = ["{", "}", "[", "]", "\"", ":", ",", "null", "-1e999", "\\u0000", "&", "=", "%", "%00", "\u00ff", "\xC3\x28"];

    private readonly Random random = new(seed);
    private OddPayloads Odd => new(random);

    /// <summary>Requests without a valid signature, in a fixed order: every one must get 401 (or 413) and run nothing.</summary>
    public IEnumerable<FuzzCase> WithoutValidSignature()
    {
        for (var i = 0; i < 2400; i++) yield return RandomBytes(Endpoints[i % 3]);
        for (var i = 0; i < 2400; i++) yield return WrongSignature(Endpoints[i % 3]);
        for (var i = 0; i < 1500; i++) yield return Truncated(Endpoints[i % 3]);
        for (var i = 0; i < 600; i++) yield return Stale(Endpoints[1 + i % 2]);
        for (var i = 0; i < 60; i++) yield return Oversized(Endpoints[i % 3], isSigned: i % 4 < 2, isChunked: i % 2 == 0);
        for (var i = 0; i < 1200; i++) yield return OddBody(Endpoints[i % 3], isSigned: false);
    }

    /// <summary>Validly signed but structurally odd bodies: handled (200) or refused (400), never a 5xx.</summary>
    public IEnumerable<FuzzCase> SignedOdd()
    {
        for (var i = 0; i < 2400; i++) yield return OddBody(Endpoints[i % 3], isSigned: true);
    }

    /// <summary>Valid requests with their bytes mutated (flipped, cut, repeated, spliced with JSON and form
    /// syntax), then signed: handled (200) or refused (400), never a 5xx.</summary>
    public IEnumerable<FuzzCase> SignedMutated()
    {
        for (var i = 0; i < 1200; i++) yield return Mutated(Endpoints[i % 3]);
    }

    /// <summary>Failures the fuzzing found, kept as fixed cases.</summary>
    public IEnumerable<FuzzCase> Regressions()
    {
        // Seed 20260601, "mutated, signed": invalid UTF-8 inside the question of a signed /ask was parsed, kept as a
        // JsonElement and threw only when the handler read it (500). Now refused at the edge.
        var json = Interaction("8028142078030880137", (2, new { id = "1160000000000000001", name = "ask", type = 1,
            options = new object[] { new { name = "question", type = 3, value = "Who shut down AllofMP3?" } } }));
        var at = json.IndexOf("Who shut down", StringComparison.Ordinal);
        byte[] body = [.. Encoding.UTF8.GetBytes(json[..at]), 0x9D, .. Encoding.UTF8.GetBytes(json[at..])];
        var (signature, timestamp) = Sign(Discord, body);
        yield return new("regression", Discord, body, "application/json", SignatureHeaders(Discord, signature, timestamp), false, true, new HashSet<int> { 400 });
    }

    private long SlackNow => clock.GetUtcNow().ToUnixTimeSeconds();

    private (byte[] Body, string ContentType) Template(string endpoint)
    {
        var id = random.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        return endpoint switch
        {
            Discord => (Encoding.UTF8.GetBytes(Interaction(id, random.Next(3) switch
            {
                0 => (2, new { id = "1160000000000000001", name = "ask", type = 1, options = new object[] { new { name = "question", type = 3, value = "Who shut down AllofMP3?" } } }),
                1 => (4, new { id = "1160000000000000001", name = "ask", type = 1, options = new object[] { new { name = "question", type = 3, value = "allof", focused = true } } }),
                _ => (3, (object)new { custom_id = "feedback:up:" + id, component_type = 2 }),
            })), "application/json"),
            Events => (Encoding.UTF8.GetBytes(SlackEvents.Mention("Ev" + id, "C" + id, "1700000000.000100", SlackEvents.BotMention + " who shut down allofmp3?")),
                "application/json"),
            _ => (Encoding.UTF8.GetBytes(FormBody(CommandFields(id))), "application/x-www-form-urlencoded"),
        };
    }

    /// <summary>An interaction shaped like FakeInteractions', but with ids from the seeded generator.</summary>
    private static string Interaction(string id, (int Type, object Data) kind) => System.Text.Json.JsonSerializer.Serialize(new
    {
        id, application_id = FakeDiscord.ApplicationId, type = kind.Type, token = "interaction-token-" + id, version = 1, data = kind.Data,
        guild_id = "290926798626357999", channel_id = "6450279066695" + id[..Math.Min(6, id.Length)],
        member = new { user = new { id = "5390823250618" + id[^Math.Min(6, id.Length)..], username = "Mason" }, roles = Array.Empty<string>() },
        locale = "en-US",
    });

    private Dictionary<string, string> CommandFields(string id) => new()
    {
        ["command"] = "/newsdesk", ["text"] = "ask who shut down allofmp3?", ["response_url"] = slackResponseUrl + id,
        ["user_id"] = "U" + id, ["channel_id"] = "C" + id, ["team_id"] = "T1", ["trigger_id"] = id,
    };

    private static string FormBody(Dictionary<string, string> fields) =>
        string.Join("&", fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));

    private FuzzCase RandomBytes(string endpoint)
    {
        var body = new byte[random.Next(0, 2049)];
        random.NextBytes(body);
        var headers = random.Next(3) switch
        {
            0 => [],
            1 => SignatureHeaders(endpoint, Garbage(random.Next(1, 200)), Garbage(random.Next(1, 20))),
            _ => SignatureHeaders(endpoint, endpoint == Discord ? Hex(64) : "v0=" + Hex(32), SlackNow.ToString(CultureInfo.InvariantCulture)),
        };
        return new("random bytes", endpoint, body, random.Next(2) == 0 ? "application/json" : "application/octet-stream", headers, false, false, Unauthorized);
    }

    private FuzzCase WrongSignature(string endpoint)
    {
        var (body, type) = Template(endpoint);
        var (signature, timestamp) = Sign(endpoint, body);
        var other = Sign(endpoint, [.. body, (byte)' ']).Signature;
        var headers = random.Next(10) switch
        {
            0 => SignatureHeaders(endpoint, other, timestamp),
            1 => SignatureHeaders(endpoint, signature[..^2], timestamp),
            2 => SignatureHeaders(endpoint, signature[..^1] + (signature[^1] == '0' ? '1' : '0'), timestamp),
            3 => SignatureHeaders(endpoint, signature.ToUpperInvariant().Replace("V0=", "v0=", StringComparison.Ordinal) + "00", timestamp),
            4 => SignatureHeaders(endpoint, "", timestamp),
            5 => SignatureHeaders(endpoint, signature, (long.Parse(timestamp, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture)),
            6 => SignatureHeaders(endpoint, signature, timestamp + "x"),
            7 => SignatureHeaders(endpoint, endpoint == Discord ? signature : "v1=" + signature[3..], timestamp + (endpoint == Discord ? "0" : "")),
            8 => [new(endpoint == Discord ? "X-Signature-Ed25519" : "X-Slack-Signature", signature)],
            _ => endpoint == Discord
                ? SignatureHeaders(endpoint, Hex(64), timestamp)
                : SignatureHeaders(endpoint, HostileSigner.SignSlack(long.Parse(timestamp, CultureInfo.InvariantCulture), body, "another-workspace-secret"), timestamp),
        };
        return new("wrong signature", endpoint, body, type, headers, false, false, Unauthorized);
    }

    private FuzzCase Truncated(string endpoint)
    {
        var (body, type) = Template(endpoint);
        var (signature, timestamp) = Sign(endpoint, body);
        return new("truncated", endpoint, body[..random.Next(0, body.Length)], type, SignatureHeaders(endpoint, signature, timestamp), false, false, Unauthorized);
    }

    /// <summary>Correctly signed, but more than five minutes from the bot's clock either way (a replay, or a forgery
    /// that guessed a timestamp).</summary>
    private FuzzCase Stale(string endpoint)
    {
        var (body, type) = Template(endpoint);
        var offset = random.Next(301, 10 * 365 * 86_400) * (random.Next(4) == 0 ? 1 : -1);
        var timestamp = SlackNow + offset;
        return new("stale timestamp", endpoint, body, type, SignatureHeaders(endpoint, HostileSigner.SignSlack(timestamp, body), timestamp.ToString(CultureInfo.InvariantCulture)),
            false, false, Unauthorized);
    }

    private FuzzCase Oversized(string endpoint, bool isSigned, bool isChunked)
    {
        var (template, type) = Template(endpoint);
        var body = new byte[(1 << 20) + 1 + random.Next(0, 1 << 20)];
        Array.Fill(body, (byte)' ');
        template.CopyTo(body, 0);
        var (signature, timestamp) = isSigned ? Sign(endpoint, body) : (Hex(64), SlackNow.ToString(CultureInfo.InvariantCulture));
        return new("oversized", endpoint, body, type, SignatureHeaders(endpoint, signature, timestamp), isChunked, false, TooLarge);
    }

    private FuzzCase OddBody(string endpoint, bool isSigned)
    {
        var (template, type) = Template(endpoint);
        var body = endpoint == Commands
            ? Odd.Form(CommandFields(random.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture)))
            : Odd.Json(Encoding.UTF8.GetString(template));
        var (signature, timestamp) = Sign(endpoint, body);
        if (!isSigned) signature = Sign(endpoint, [.. body, (byte)'\n']).Signature;
        // A form of escaped huge strings can pass the 1 MiB cap; that is refused unread (413) before any check.
        var allowed = body.Length > MaxBodyBytes ? TooLarge : isSigned ? Handled : Unauthorized;
        return new(isSigned ? "odd structure, signed" : "odd structure, bad signature", endpoint, body, type,
            SignatureHeaders(endpoint, signature, timestamp), false, isSigned, allowed);
    }

    private FuzzCase Mutated(string endpoint)
    {
        var (template, type) = Template(endpoint);
        var body = new List<byte>(template);
        for (var edits = random.Next(1, 8); edits > 0 && body.Count > 0; edits--)
        {
            var at = random.Next(body.Count);
            switch (random.Next(5))
            {
                case 0: body[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: body.RemoveRange(at, Math.Min(body.Count - at, random.Next(1, 16))); break;
                case 2: body.InsertRange(at, body.GetRange(at, Math.Min(body.Count - at, random.Next(1, 64)))); break;
                case 3: body.InsertRange(at, Encoding.UTF8.GetBytes(Splices[random.Next(Splices.Length)])); break;
                default: body[at] = (byte)random.Next(256); break;
            }
        }
        var bytes = body.ToArray();
        var (signature, timestamp) = Sign(endpoint, bytes);
        return new("mutated, signed", endpoint, bytes, type, SignatureHeaders(endpoint, signature, timestamp), false, true, Handled);
    }

    private (string Signature, string Timestamp) Sign(string endpoint, byte[] body)
    {
        if (endpoint == Discord) return (signer.SignDiscord(FakeDiscord.Timestamp, body), FakeDiscord.Timestamp);
        // One reading of the clock for both: read twice, a second could pass between them and the signature would
        // not match the timestamp sent.
        var now = SlackNow;
        return (HostileSigner.SignSlack(now, body), now.ToString(CultureInfo.InvariantCulture));
    }

    private static List<KeyValuePair<string, string>> SignatureHeaders(string endpoint, string signature, string timestamp) => endpoint == Discord
        ? [new("X-Signature-Ed25519", signature), new("X-Signature-Timestamp", timestamp)]
        : [new("X-Slack-Signature", signature), new("X-Slack-Request-Timestamp", timestamp)];

    private string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private string Garbage(int length) => new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x21, 0x7F)).ToArray());
}
