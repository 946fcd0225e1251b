using System.Text.RegularExpressions;

namespace Newsdesk.Answering;

/// <summary>The composers' last check on a sentence: chat-role markup and our own prompt's fence markers, which no news
/// sentence carries and which would let text pose as a turn of the conversation. Sentences addressed to a machine
/// reader in any wording ("Notice to AI assistants: …") never reach the composers: the search index screens them out by
/// their sentence vectors (Retrieval/Planted), so they are neither quoted nor used to ground a claim.</summary>
public static partial class PlantedInstruction
{
    public static bool IsLike(string sentence) => Markup().IsMatch(sentence);

    [GeneratedRegex("""
        </?\s*message\b
        |(?-i:\b(?:SYSTEM|ASSISTANT|USER)\s*:)
        |===\s*(?:BEGIN|END)\b
        |<\|(?:im_start|im_end|system|user|assistant)\|>
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Markup();
}
