using System.Text.RegularExpressions;

namespace Newsdesk.Stories;

/// <summary>Sentences about what is pending, expected or uncertain: "is set to continue", "was unsure how", "will be
/// heard on 20 December", "is due to be sentenced", "is seeking damages".</summary>
public static partial class OpenPointFinder
{
    public static bool IsOpen(string maskedSentence) => Pending().IsMatch(maskedSentence);

    [GeneratedRegex(@"\b(?:(?:is|are|was|were)\s+(?:surely\s+)?set\s+to|will\s+be\s+heard|(?:is|are)\s+(?:expected|due)\s+to|due\s+to\s+be|(?:is|are|was|were)\s+unsure|unclear|remains?\s+to\s+be\s+seen|yet\s+to|(?:is|are)\s+to\s+be|pending|(?:is|are|was|were)\s+(?:considering|seeking|investigating)|looking\s+at\s+ways|hopes?\s+that|will\s+(?:now\s+)?(?:continue|appeal|decide|rule)|plans?\s+to|(?:is|are)\s+planning|appeal(?:ing)?\s+against|seeks\s+to|could\s+face|face\s+(?:jail|a\s+fine|charges))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pending();
}
