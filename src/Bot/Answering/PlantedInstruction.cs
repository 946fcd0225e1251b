using System.Text.RegularExpressions;

namespace Newsdesk.Answering;

/// <summary>Recognises a sentence that speaks to an AI assistant rather than about the news: "ignore previous
/// instructions", a system prompt, chat-role markup, our own prompt's fence markers. Articles are untrusted; such a
/// sentence is grounded in its article word for word, so the grounding check alone would let a model (or the offline
/// composer) repeat it. Neither quotes one. Deliberately narrow: news prose almost never says these things.</summary>
public static partial class PlantedInstruction
{
    public static bool IsLike(string sentence) => Pattern().IsMatch(sentence);

    [GeneratedRegex("""
        \bignore\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|your)\s+(?:instructions|rules|prompts?|directions)
        |\bsystem\s+prompt
        |</?\s*message\b
        |(?-i:\b(?:SYSTEM|ASSISTANT)\s*:)
        |===\s*(?:BEGIN|END)\b
        |\b(?:reveal|print|repeat|disclose)\s+(?:your|the)\s+(?:hidden\s+|secret\s+|system\s+)?(?:instructions|rules|prompt)
        |\b(?:reply|respond)\s+to\s+(?:every|all|each|any)\s+(?:question|message|user)
        |\btell\s+(?:the\s+)?users?\s+that\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Pattern();
}
