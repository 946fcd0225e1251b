using System.Runtime.CompilerServices;
using Newsdesk.Retrieval;

namespace Newsdesk.Beat;

/// <summary>Which stored stories are on the beat, for the digest, <c>/sources</c> and a decline's nearest topics.
/// Each index snapshot is judged once, on first use (every sentence of every story: a few milliseconds per thousand
/// stories), and the verdicts live as long as that snapshot.</summary>
public sealed class BeatJudge(PassageIndexHolder index, BeatClassifier classifier)
{
    private readonly ConditionalWeakTable<PassageIndex, IReadOnlyDictionary<string, double>> margins = new();

    /// <summary>Each story's margin in the current snapshot, by document source.</summary>
    public IReadOnlyDictionary<string, double> Margins(PassageIndex snapshot) =>
        margins.GetValue(snapshot, s => s.Passages.GroupBy(p => p.Source, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => classifier.Margin(s, g), StringComparer.Ordinal));

    public bool IsOnBeat(string source) => IsOnBeat(index.Current, source);

    public bool IsOnBeat(PassageIndex snapshot, string source) =>
        Margins(snapshot).TryGetValue(source, out var margin) && classifier.IsOnBeat(margin);

    public double Margin(PassageIndex snapshot, string source) =>
        Margins(snapshot).TryGetValue(source, out var margin) ? margin : double.NegativeInfinity;
}
