using Newsdesk.Corpus;

namespace Newsdesk.Retrieval.Planted;

/// <summary>Takes the sentences addressed to a machine reader out of passages before they enter the search index, so
/// nothing downstream can find, quote, compose from or be grounded in them: the offline composer, the language model's
/// prompt, the grounding check and the citation quotes all read the screened text. The store keeps the article as it
/// was; a better classifier changes what is screened at the next load without re-embedding anything.</summary>
public static class PlantedSentenceScreen
{
    public static (IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)> Passages, int Removed) Screen(
        IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)> passages, MachineAddressedSentenceClassifier classifier)
    {
        var screened = new List<(StoredPassage, SentenceSpan[], float[])>(passages.Count);
        var removed = 0;
        var dimensions = classifier.Dimensions;
        foreach (var (passage, spans, vectors) in passages)
        {
            if (spans.Length == 0 || vectors.Length != spans.Length * dimensions)
            {
                screened.Add((passage, spans, vectors));
                continue;
            }
            var planted = Enumerable.Range(0, spans.Length)
                .Where(s => classifier.IsMachineAddressed(vectors.AsSpan(s * dimensions, dimensions))).ToHashSet();
            removed += planted.Count;
            if (planted.Count == 0) screened.Add((passage, spans, vectors));
            else if (planted.Count < spans.Length) screened.Add(Without(passage, spans, vectors, planted, dimensions));
        }
        return (screened, removed);
    }

    // The kept sentences with the text between them as it was, so quotes stay verbatim runs of the screened passage.
    private static (StoredPassage, SentenceSpan[], float[]) Without(StoredPassage passage, SentenceSpan[] spans, float[] vectors, HashSet<int> planted, int dimensions)
    {
        var text = new System.Text.StringBuilder(passage.Text.Length);
        var keptSpans = new List<SentenceSpan>(spans.Length - planted.Count);
        var keptVectors = new List<float>(vectors.Length);
        for (var s = 0; s < spans.Length; s++)
        {
            if (planted.Contains(s)) continue;
            if (keptSpans.Count > 0)
            {
                var previousEnd = spans[s - 1].Start + spans[s - 1].Length;
                text.Append(passage.Text, previousEnd, Math.Max(0, spans[s].Start - previousEnd));
                if (planted.Contains(s - 1) && !char.IsWhiteSpace(text[^1])) text.Append(' ');
            }
            keptSpans.Add(new SentenceSpan(text.Length, spans[s].Length));
            text.Append(passage.Text, spans[s].Start, spans[s].Length);
            keptVectors.AddRange(vectors.AsSpan(s * dimensions, dimensions));
        }
        return (passage with { Text = text.ToString() }, [.. keptSpans], [.. keptVectors]);
    }
}
