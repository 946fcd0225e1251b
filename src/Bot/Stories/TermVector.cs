using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Stories;

/// <summary>A text as TF-IDF weights over its stemmed content terms, for cosine similarity between texts.</summary>
public sealed class TermVector
{
    private readonly Dictionary<string, double> weights;
    private readonly double norm;

    private TermVector(Dictionary<string, double> weights)
    {
        this.weights = weights;
        norm = Math.Sqrt(weights.Values.Sum(w => w * w));
    }

    public static TermVector Of(string text, TermStatistics terms)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in TextAnalyzer.Terms(text)) weights[term] = weights.GetValueOrDefault(term) + terms.Idf(term);
        return new TermVector(weights);
    }

    public double Cosine(TermVector other)
    {
        if (norm == 0 || other.norm == 0) return 0;
        var (small, large) = weights.Count <= other.weights.Count ? (weights, other.weights) : (other.weights, weights);
        var dot = small.Sum(w => w.Value * large.GetValueOrDefault(w.Key));
        return dot / (norm * other.norm);
    }
}
