using System.Text.RegularExpressions;

namespace Newsdesk.Answering;

/// <summary>Questions that ask a person's age ("how old is simon fuller") and sentences that state one. Any figure
/// is a count, but only an age answers "how old": "Simon Fuller has sold his 19 Entertainment company in a $156m
/// deal" does not say how old he is. An age shows by its shape: "the 34-year-old", "aged 72", "at the age of 79",
/// "25 years old", a figure between commas after a name ("Nogar's son Stephen, 57, said"), "in his 30s".</summary>
public static partial class Ages
{
    public static bool Asked(string lowerQuestion) => AgeQuestion().IsMatch(lowerQuestion);

    public static bool Holds(string sentence) => Age().IsMatch(sentence);

    [GeneratedRegex(@"\b(how old|what age|(what's|whats|what is|what was) (his|her|their|its) age)\b")]
    private static partial Regex AgeQuestion();

    [GeneratedRegex(@"\b\d{1,3}-years?-old\b|\baged\s+\d{1,3}\b|\bage of\s+\d{1,3}\b|\b\d{1,3}\s+years?\s+old\b|,\s*\d{1,3}\s*,|\bin (his|her|their) (early |mid-?|late )?\d0s\b", RegexOptions.IgnoreCase)]
    private static partial Regex Age();
}
