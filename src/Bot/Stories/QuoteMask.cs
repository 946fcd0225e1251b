namespace Newsdesk.Stories;

/// <summary>Blanks out quoted words (keeping every offset), so analyses of who says what see only the narration.</summary>
public static class QuoteMask
{
    public static string Mask(string sentence)
    {
        var chars = sentence.ToCharArray();
        var inside = false;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var isOpen = c is '“' || (c is '"' && !inside);
            var isClose = c is '”' || (c is '"' && inside);
            if (isOpen && !inside) { inside = true; continue; }
            if (isClose && inside) { inside = false; continue; }
            if (inside && c != ' ') chars[i] = '_';
        }
        // An unclosed quotation (a quote running on into the next sentence) hides nothing: better a missed mask than
        // a masked narration.
        return inside ? MaskClosedOnly(sentence, chars) : new string(chars);
    }

    private static string MaskClosedOnly(string sentence, char[] chars)
    {
        var lastOpen = Math.Max(sentence.LastIndexOf('"'), sentence.LastIndexOf('“'));
        for (var i = lastOpen + 1; i < chars.Length; i++) chars[i] = sentence[i];
        return new string(chars);
    }
}
