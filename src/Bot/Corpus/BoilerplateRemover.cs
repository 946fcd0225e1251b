using Newsdesk.Text;

namespace Newsdesk.Corpus;

/// <summary>Finds an article's title and body among the blocks of a page, for text and HTML alike.
/// <para>The method follows jusText (Pomikálek, 2011) and boilerpipe: classify each block by its own shape
/// (length, whether it reads as sentences, how much of it is links), let context decide the doubtful ones, then keep
/// the single densest run of content as the body. Navigation, adverts, "more from…" lists, other stories' headlines
/// and white-paper blurbs fail on shape (short, not sentences, linked) or on context (a lone blurb between
/// headlines), whatever site they come from.</para></summary>
public static class BoilerplateRemover
{
    // A block of this many words that reads as sentences is body text on its own. jusText's length_high is 200
    // characters; news sites that write one- and two-sentence paragraphs need a little less.
    private const int GoodWords = 20;
    // Below this many words a block is a label, a headline or a button, unless context says otherwise.
    private const int ShortWords = 9;
    private const double MaxLinkDensity = 0.35;
    // What a boilerplate block costs a candidate body region, in words of content.
    private const int BoilerplatePenalty = 12;

    private enum Shape { Good, NearGood, Short, Bad }

    public static CleanDocument Clean(IReadOnlyList<TextBlock> blocks, string? declaredTitle)
    {
        var initial = blocks.Select(ShapeOf).ToArray();
        // A short article of middling paragraphs has no block that is sure of itself; then its sentences lead.
        if (!initial.Contains(Shape.Good))
            initial = initial.Select(s => s == Shape.NearGood ? Shape.Good : s).ToArray();
        var shapes = ResolveByContext(initial);
        var (start, end) = DensestRun(blocks, shapes);
        if (start < 0) return new CleanDocument(declaredTitle?.Trim() ?? "", []);

        var body = new List<string>();
        for (var i = start; i <= end; i++)
        {
            if (shapes[i] == Shape.Good && !blocks[i].IsHeading) body.Add(blocks[i].Text);
        }
        var title = !string.IsNullOrWhiteSpace(declaredTitle) ? declaredTitle.Trim() : ChooseTitle(blocks, start, body);
        return new CleanDocument(title, body);
    }

    private static Shape ShapeOf(TextBlock block)
    {
        if (block.LinkDensity > MaxLinkDensity) return Shape.Bad;
        var words = TextAnalyzer.Words(block.Text).Count();
        if (block.IsHeading) return Shape.Short;
        var readsAsSentences = ReadsAsSentences(block.Text);
        if (words >= GoodWords && readsAsSentences) return Shape.Good;
        if (words >= ShortWords && readsAsSentences) return Shape.NearGood;
        return words >= ShortWords * 3 ? Shape.NearGood : Shape.Short;
    }

    // Body paragraphs end like sentences; headlines, labels and teasers usually do not.
    private static bool ReadsAsSentences(string text)
    {
        var trimmed = text.TrimEnd();
        if (trimmed.Length == 0) return false;
        var last = trimmed[^1];
        if (last is '.' or '!' or '?' or ':' or '"' or '”' or '\'' or '’' or ')' or '®' or '…') return true;
        return false;
    }

    /// <summary>jusText's context pass: a doubtful block takes the class of its confident neighbours.</summary>
    private static Shape[] ResolveByContext(Shape[] shapes)
    {
        var resolved = (Shape[])shapes.Clone();
        for (var i = 0; i < shapes.Length; i++)
        {
            if (shapes[i] is Shape.Good or Shape.Bad) continue;
            var before = NearestConfident(shapes, i, -1);
            var after = NearestConfident(shapes, i, +1);
            resolved[i] = shapes[i] switch
            {
                // A sentence-like block of middling length is content when it touches content on either side.
                Shape.NearGood => before == Shape.Good || after == Shape.Good ? Shape.Good : Shape.Bad,
                // A short block is content only inside content (a one-line quote in the middle of an article).
                _ => before == Shape.Good && after == Shape.Good ? Shape.Good : Shape.Bad,
            };
        }
        return resolved;
    }

    private static Shape? NearestConfident(Shape[] shapes, int from, int step)
    {
        for (var i = from + step; i >= 0 && i < shapes.Length; i += step)
        {
            if (shapes[i] is Shape.Good) return Shape.Good;
            // Near-good neighbours vouch for each other: a run of medium paragraphs next to a long one is an article.
            if (shapes[i] is Shape.Bad or Shape.Short) return Shape.Bad;
        }
        return null;
    }

    /// <summary>The contiguous run of blocks with the most content words net of boilerplate (maximum subarray).</summary>
    private static (int Start, int End) DensestRun(IReadOnlyList<TextBlock> blocks, Shape[] shapes)
    {
        int bestStart = -1, bestEnd = -1, runStart = 0;
        double best = 0, run = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var gain = shapes[i] == Shape.Good && !blocks[i].IsHeading
                ? TextAnalyzer.Words(blocks[i].Text).Count()
                : -BoilerplatePenalty;
            if (run <= 0) { run = 0; runStart = i; }
            run += gain;
            if (run > best) { best = run; bestStart = runStart; bestEnd = i; }
        }
        return (bestStart, bestEnd);
    }

    /// <summary>The title is the headline-like block before the body that the body is most about: a site's section
    /// label or a teaser for another story shares few words with the article.</summary>
    private static string ChooseTitle(IReadOnlyList<TextBlock> blocks, int bodyStart, List<string> body)
    {
        var bodyTerms = TextAnalyzer.TermSet(string.Join(' ', body));
        string? best = null;
        var bestScore = 0.0;
        for (var i = Math.Max(0, bodyStart - 8); i < bodyStart; i++)
        {
            var text = blocks[i].Text;
            var words = TextAnalyzer.Words(text).Count();
            if (words < 2 || words > 25) continue;
            var terms = TextAnalyzer.TermSet(text);
            if (terms.Count == 0) continue;
            var score = terms.Count(bodyTerms.Contains) / (double)terms.Count + (blocks[i].IsHeading ? 0.25 : 0);
            if (score > bestScore) { bestScore = score; best = text; }
        }
        return best ?? (body.Count > 0 ? FirstWords(body[0], 10) : "");
    }

    private static string FirstWords(string text, int count)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= count ? text : string.Join(' ', words.Take(count)) + "…";
    }
}
