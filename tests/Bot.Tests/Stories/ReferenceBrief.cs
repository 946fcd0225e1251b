using System.Text.Json;

namespace Newsdesk.Tests.Stories;

/// <summary>A hand-written reference brief (reference-briefs.json): what a brief of the topic must show.</summary>
public sealed record ReferenceBrief(
    string Topic,
    string Split,
    IReadOnlyList<string> Articles,
    IReadOnlyList<ReferenceParty> Parties,
    IReadOnlyList<string> Acceptable,
    IReadOnlyList<ReferenceClaim> Claims,
    IReadOnlyList<ReferenceContest> Contested,
    IReadOnlyList<ReferenceEvent> Events,
    IReadOnlyList<string> Open)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<ReferenceBrief> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("briefs").Deserialize<List<ReferenceBrief>>(Options)!;
    }
}

public sealed record ReferenceParty(string Name, IReadOnlyList<string> Aliases);

public sealed record ReferenceClaim(string Party, string Contains);

public sealed record ReferenceContest(IReadOnlyList<string> Parties, string Contains);

/// <param name="Date">yyyy, yyyy-MM, yyyy-MM-dd, --MM-dd, or null for undated (no year can be known).</param>
public sealed record ReferenceEvent(string Expression, string? Date);
