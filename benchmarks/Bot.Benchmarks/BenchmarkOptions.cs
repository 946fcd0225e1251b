namespace Newsdesk.Benchmarks;

/// <summary>Command line of the benchmark runner. Unknown <c>--Key value</c> pairs are passed to the bot's configuration.</summary>
public sealed record BenchmarkOptions(string Mode, string Shared, string WorkFolder, IReadOnlyList<string> Settings)
{
    /// <summary>BBC sections to use (<c>--sections entertainment,tech</c>); empty means the whole set.</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];

    /// <summary>For <c>train</c>: fit on the hand-written set only and skip the self-supervised report (<c>--hand-written-only</c>).</summary>
    public bool HandWrittenOnly { get; init; }

    /// <summary>Sentences per model call per core (<c>--batch N</c>).</summary>
    public int Batch { get; init; } = 32;

    public IEnumerable<string> BbcFolders => Sections.Count == 0 ? [Bbc] : Sections.Select(s => Path.Combine(Bbc, s));

    public string Seeds => Path.GetFullPath("seeds");
    public string Bbc => Path.Combine(Shared, "corpus", "bbc");
    public string Questions => Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Evaluation", "questions.jsonl"));
    public string PlantedQuestions => Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Evaluation", "planted-questions.jsonl"));
    public string PlantedCorpus => Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Hostile", "Corpus"));

    public static BenchmarkOptions Parse(string[] args)
    {
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        var shared = Path.GetFullPath(Environment.GetEnvironmentVariable("NEWSDESK_SHARED") ?? Path.Combine("..", "shared"));
        var work = Path.Combine(Path.GetTempPath(), "newsdesk-bench");
        var settings = new List<string>();
        IReadOnlyList<string> sections = [];
        var batch = 32;
        var handWrittenOnly = false;
        for (var i = mode == args.FirstOrDefault() ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--shared": shared = Path.GetFullPath(args[++i]); break;
                case "--work": work = Path.GetFullPath(args[++i]); break;
                case "--sections": sections = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--hand-written-only": handWrittenOnly = true; break;
                case "--batch": batch = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default: settings.Add(args[i]); break;
            }
        }
        Directory.CreateDirectory(work);
        return new BenchmarkOptions(mode, shared, work, settings) { Sections = sections, Batch = batch, HandWrittenOnly = handWrittenOnly };
    }
}
