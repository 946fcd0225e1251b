using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Newsdesk.Stories;

namespace Newsdesk.Answering;

/// <summary>A story brief for chat. Offline it is the <see cref="StoryBriefBuilder"/>'s. With the language-model
/// backend the model writes the one line, who says what and what is still open from the builder's cited sentences
/// (the <c>StoryBrief</c> prompt); each of its lines is kept only when it cites sentences it was given, names a party
/// the builder found, and passes the <see cref="GroundingCheck"/> against them; the timeline and the contested
/// points stay the builder's, whose dates come from the resolver rather than the model. A model that fails, or whose
/// brief keeps no line, gives way to the offline brief, which then says so.</summary>
public sealed partial class StoryBriefComposer(
    StoryBriefBuilder builder, Kernel kernel, PromptLibrary prompts, IOptions<AnsweringOptions> options, TimeProvider time, ILogger<StoryBriefComposer> logger)
{
    public const string Unavailable = "The language model was unavailable, so this brief was built offline from the articles.";
    public const string Ungrounded = "The language model's brief did not pass the grounding check, so this brief was built offline from the articles.";

    public async Task<StoryBrief> BuildAsync(string topic, CancellationToken cancellationToken)
    {
        var brief = await builder.BuildAsync(topic, cancellationToken);
        if (!options.Value.UsesLanguageModel || brief.IsEmpty) return brief;
        var lines = brief.Parties.SelectMany(p => p.Claims.Select(c => c.Line)).Concat(brief.OpenPoints).Prepend(brief.Summary)
            .Concat(brief.Timeline.Select(t => t.Line)).OfType<CitedLine>().DistinctBy(l => l.Text).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string reply;
        try
        {
            var parties = string.Join("\n", brief.Parties.Select(p => $"{p.Name}: " + string.Join(", ", p.Claims.Select(c => $"[{lines.FindIndex(l => l.Text == c.Line.Text) + 1}]"))));
            var arguments = new KernelArguments
            {
                ["topic"] = Defuse(topic),
                ["parties"] = Defuse(parties),
                ["lines"] = string.Join("\n", lines.Select((l, i) => $"[{i + 1}] {Defuse(l.Text)}")),
            };
            reply = (await kernel.InvokeAsync(prompts.StoryBrief, arguments, linked.Token)).GetValue<string>() ?? "";
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception text can echo request details; log its type only.
            logger.LogWarning("The language model failed on a story brief ({Error}); building it offline", exception.GetType().Name);
            return brief with { FallbackReason = Unavailable };
        }
        return Check(brief, reply, lines) ?? (brief with { FallbackReason = Ungrounded });
    }

    /// <summary>The model's brief with only its grounded lines, or null when none is left.</summary>
    private StoryBrief? Check(StoryBrief brief, string reply, IReadOnlyList<CitedLine> lines)
    {
        CitedLine? summary = null;
        var claims = new List<AttributedClaim>();
        var open = new List<CitedLine>();
        foreach (Match line in ReplyLine().Matches(reply))
        {
            var numbers = Citation().Matches(line.Groups["cites"].Value).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (numbers.Count == 0 || numbers.Any(n => n < 1 || n > lines.Count)) continue;
            var cited = numbers.Select(n => lines[n - 1]).ToList();
            var text = line.Groups["text"].Value.Trim();
            if (!GroundingCheck.IsSupported(text, cited.Select(c => c.Text))) continue;
            var kept = new CitedLine(text, cited[0].Source);
            switch (line.Groups["kind"].Value)
            {
                case "SUMMARY": summary ??= kept; break;
                case "OPEN": open.Add(kept); break;
                case "CLAIM" when brief.Parties.FirstOrDefault(p => p.Mentions.Contains(line.Groups["party"].Value.Trim(), StringComparer.OrdinalIgnoreCase)) is { } party:
                    var verb = party.Claims.FirstOrDefault(c => cited.Any(l => l.Text == c.Line.Text))?.Verb ?? "says";
                    claims.Add(new AttributedClaim(party.Name, verb, kept));
                    break;
            }
        }
        if (summary is null && claims.Count == 0 && open.Count == 0) return null;
        var backend = options.Value.LanguageModel.Model ?? options.Value.Backend;
        return brief with
        {
            Summary = summary ?? brief.Summary,
            Parties = brief.Parties.Select(p => p with { Claims = claims.Where(c => c.Party == p.Name).ToList() }).ToList(),
            OpenPoints = open.Count > 0 ? open : brief.OpenPoints,
            ComposedBy = backend,
        };
    }

    private static string Defuse(string data) => data.Replace("===", "= = =", StringComparison.Ordinal);

    [GeneratedRegex(@"(?m)^\s*(?<kind>SUMMARY|CLAIM|OPEN)\s*:\s*(?:(?<party>[^|\n]+)\|)?(?<text>[^\n]*?)\s*(?<cites>(?:\[\d+\]\s*[.]?\s*)+)$")]
    private static partial Regex ReplyLine();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Citation();
}
