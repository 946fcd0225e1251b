namespace Newsdesk.Cli;

/// <summary>"Did you mean": the known names closest to a mistyped one by edit distance, close meaning at most a third
/// of the name's letters changed (so "--jsn" finds "--json" and "aks" finds "ask", but "--x" finds nothing).</summary>
public static class Suggestion
{
    public static IReadOnlyList<string> For(string typed, IEnumerable<string> known)
    {
        var budget = Math.Max(1, typed.TrimStart('-').Length / 3);
        var scored = known.Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(s => s.Distance <= budget)
            .ToList();
        if (scored.Count == 0) return [];
        var best = scored.Min(s => s.Distance);
        return scored.Where(s => s.Distance == best).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
