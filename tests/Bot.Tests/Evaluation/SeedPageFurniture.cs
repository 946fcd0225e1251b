namespace Newsdesk.Tests.Evaluation;

/// <summary>Everything on the seed page that is not the article: site navigation, the standfirst's neighbour teaser,
/// an advert, "More from The Register", other stories' headlines and the white-paper list. None of it may ever be
/// retrieved or cited.</summary>
public static class SeedPageFurniture
{
    public static readonly IReadOnlyList<string> Fragments =
    [
        "Remote control for virtualized desktops", "Top 5 reasons to deploy VMware", "Tegile", "More from The Register",
        "next story", "prev story", "BIG FAT Lies", "shortens lives", "Assange", "Ecuador", "WikiLeaker",
        "UK.GOV's DATA CENTRES", "Maude", "NSA mass spying", "Democrats needed", "Whitepapers", "cloud vendor",
        "cloud-based storage", "identity relationship", "ForgeRock", "Forrester", "APM", "wire data", "cloud backup",
        "technical feasibility", "High Performance for All", "HPC",
    ];

    public static string? FoundIn(string text) =>
        Fragments.FirstOrDefault(f => text.Contains(f, StringComparison.OrdinalIgnoreCase));
}
