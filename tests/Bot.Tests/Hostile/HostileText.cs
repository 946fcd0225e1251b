using System.Text;

namespace Newsdesk.Tests.Hostile;

/// <summary>Seeded generators of what outsiders control: article text full of markup, mentions and links, and feeds
/// and pages mutated from valid ones or stuffed with entity tricks.</summary>
public sealed class HostileText(int seed)
{
    private static readonly string[] Pieces =
    [
        "@everyone", "@here", "<@123456789012345678>", "<@&42>", "<#C024BE91L>", "<!channel>", "<!here>", "<!subteam^S1>", "<@U024BE7LH|bob>",
        "[the Harbourline site](http://evil.example/phish)", "[x](<https://evil.example>)", "http://evil.example/a", "https://evil.example",
        "<https://evil.example|click>", "www.evil.example", "discord.gg/evil", "&", "&amp;", "&lt;", "&gt", "<", ">", "*", "**", "_", "`", "```",
        "~~", "||", "#", "# ", "-# ", "> ", "\\", "\n", "\r\n", "[1]", "[12]", " [3]", "💥", "ñ", "\u200b", "\u2060", "\u202e", "\t", ".", ". ",
        "! ", "? ", "\"", "'", "(", ")", "|", ":", "word", "Harbour", "Records", "label", " ", " ", " ",
    ];

    private readonly Random random = new(seed);

    public int Next(int max) => random.Next(max);

    /// <summary>Up to <paramref name="maxPieces"/> hostile pieces run together.</summary>
    public string Markup(int maxPieces)
    {
        var text = new StringBuilder();
        for (var n = random.Next(maxPieces + 1); n > 0; n--) text.Append(Pieces[random.Next(Pieces.Length)]);
        return text.ToString();
    }

    /// <summary><paramref name="valid"/> with a few bytes flipped, cut, repeated or replaced by markup.</summary>
    public byte[] Mutate(byte[] valid)
    {
        var bytes = new List<byte>(valid);
        for (var edits = random.Next(1, 10); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 32))); break;
                case 2: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 128)))); break;
                case 3: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Markup(3))); break;
                default: bytes[at] = (byte)random.Next(256); break;
            }
        }
        return [.. bytes];
    }

    public byte[] RandomBytes(int max)
    {
        var bytes = new byte[random.Next(max + 1)];
        random.NextBytes(bytes);
        return bytes;
    }
}
