using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Stories;

/// <summary>The story in one line: the sentence closest to the centroid of all the story's sentences (TF-IDF, as in
/// centroid-based multi-document summarisation), with a small lead bonus because news puts the gist first.</summary>
public static class CentralSentencePicker
{
    private const int MinimumWords = 8;
    private const int LeadSentences = 3;
    private const double LeadBonus = 1.15;

    public static (int Article, int Sentence)? Pick(IReadOnlyList<StoryArticle> articles, TermStatistics terms)
    {
        var vectors = articles.Select(a => a.Sentences.Select(s => Weigh(s, terms)).ToList()).ToList();
        var centroid = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var vector in vectors.SelectMany(v => v))
            foreach (var (term, weight) in vector) centroid[term] = centroid.GetValueOrDefault(term) + weight;

        (int, int)? best = null;
        var bestScore = double.MinValue;
        for (var a = 0; a < articles.Count; a++)
        {
            for (var s = 0; s < articles[a].Sentences.Count; s++)
            {
                var sentence = articles[a].Sentences[s];
                if (sentence.Split(' ').Length < MinimumWords || sentence.TrimStart().StartsWith('"') || sentence.TrimStart().StartsWith('“')) continue;
                var score = Cosine(vectors[a][s], centroid) * (s < LeadSentences ? LeadBonus : 1.0);
                if (score > bestScore) { bestScore = score; best = (a, s); }
            }
        }
        return best;
    }

    private static Dictionary<string, double> Weigh(string sentence, TermStatistics terms)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in TextAnalyzer.Terms(sentence)) weights[term] = weights.GetValueOrDefault(term) + terms.Idf(term);
        return weights;
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        double dot = 0, normA = 0, normB = 0;
        foreach (var (term, weight) in a) { dot += weight * b.GetValueOrDefault(term); normA += weight * weight; }
        foreach (var weight in b.Values) normB += weight * weight;
        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }
}
