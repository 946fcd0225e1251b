using System.Globalization;

namespace Newsdesk.Benchmarks;

/// <summary>Command line of the benchmark runner. Unknown <c>--Key value</c> pairs are passed to the bot's configuration.</summary>
public sealed record BenchmarkOptions(string Mode, string Shared, string WorkFolder, IReadOnlyList<string> Settings)
{
    /// <summary>The work folder when <c>--work</c> is not given; shared by every verb and run (see <see cref="WorkFolderClaim"/>).</summary>
    public static string DefaultWorkFolder => Path.Combine(Path.GetTempPath(), "newsdesk-bench");

    /// <summary>True when no <c>--work</c> was given: the run works in the shared <see cref="DefaultWorkFolder"/>.</summary>
    public bool IsDefaultWorkFolder { get; init; }

    /// <summary>BBC sections to use (<c>--sections entertainment,tech</c>); empty means the whole set.</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];

    /// <summary>For <c>train</c>: fit on the hand-written set only and skip the self-supervised report (<c>--hand-written-only</c>).</summary>
    public bool HandWrittenOnly { get; init; }

    /// <summary>For <c>train</c>: also print the hand-written TEST part's figures (<c>--report-test</c>). Off by default so
    /// that tuning never shows the held-out part by accident; read it once, after every value is chosen.</summary>
    public bool ReportTest { get; init; }

    /// <summary>Sentences per model call per core (<c>--batch N</c>).</summary>
    public int Batch { get; init; } = 32;

    /// <summary>The scale verb's sizes, as multiples of the store's sentences (<c>--scales 1,10,100</c>).</summary>
    public IReadOnlyList<int> Scales { get; init; } = [1, 10, 100];

    /// <summary>The scale verb's sizes for the lexical ranker (<c>--lexical-scales 1,10</c>).</summary>
    public IReadOnlyList<int> LexicalScales { get; init; } = [1, 10, 100];

    /// <summary>The norm of the noise added to each perturbed copy of a sentence vector (<c>--noise 0.6</c>).</summary>
    public double Noise { get; init; } = 0.6;

    /// <summary>Sentences the int8 first pass hands to float rescoring, one run each (<c>--candidates 400,1000</c>).</summary>
    public IReadOnlyList<int> Candidates { get; init; } = [400, 1000];

    /// <summary>Sentences the binary first pass hands to rescoring from the file, one run each (<c>--binary-candidates 2000,8000</c>).</summary>
    public IReadOnlyList<int> BinaryCandidates { get; init; } = [2000, 8000];

    /// <summary>Hamming shortlists re-ranked down to each of <see cref="BinaryCandidates"/>, one run each; 0 runs Hamming
    /// distance alone (<c>--binary-shortlists 0,16000</c>).</summary>
    public IReadOnlyList<int> BinaryShortlists { get; init; } = [0, 16000];

    /// <summary>Threads reading and rescoring candidate passages from the row file, one run each (<c>--readers 1,4</c>).</summary>
    public IReadOnlyList<int> Readers { get; init; } = [1, 4];

    /// <summary>The scale verb's sizes at which exact search and the int8 pass also run with every float in memory
    /// (<c>--in-memory-scales 1,10</c>); at 100× that needs 7.5 GiB and ten minutes of copying.</summary>
    public IReadOnlyList<int> InMemoryScales { get; init; } = [1, 10];

    /// <summary>How many evaluation questions the scale verb times (<c>--queries 200</c>).</summary>
    public int Queries { get; init; } = 270;

    /// <summary>startup-variants: how many rounds of one run per variant.</summary>
    public int Rounds { get; init; } = 5;

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
        string? work = null;
        var settings = new List<string>();
        IReadOnlyList<string> sections = [];
        var batch = 32;
        var parsed = new BenchmarkOptions("", "", "", []);
        var handWrittenOnly = false;
        var reportTest = false;
        for (var i = mode == args.FirstOrDefault() ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--shared": shared = Path.GetFullPath(args[++i]); break;
                case "--work": work = Path.GetFullPath(args[++i]); break;
                case "--sections": sections = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--hand-written-only": handWrittenOnly = true; break;
                case "--report-test": reportTest = true; break;
                case "--batch": batch = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--scales": parsed = parsed with { Scales = Integers(args[++i]) }; break;
                case "--lexical-scales": parsed = parsed with { LexicalScales = Integers(args[++i]) }; break;
                case "--noise": parsed = parsed with { Noise = double.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--candidates": parsed = parsed with { Candidates = Integers(args[++i]) }; break;
                case "--binary-candidates": parsed = parsed with { BinaryCandidates = Integers(args[++i]) }; break;
                case "--binary-shortlists": parsed = parsed with { BinaryShortlists = Integers(args[++i], allowZero: true) }; break;
                case "--readers": parsed = parsed with { Readers = Integers(args[++i]) }; break;
                case "--in-memory-scales": parsed = parsed with { InMemoryScales = Integers(args[++i]) }; break;
                case "--rounds": parsed = parsed with { Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--queries": parsed = parsed with { Queries = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                default: settings.Add(args[i]); break;
            }
        }
        Directory.CreateDirectory(work ?? DefaultWorkFolder);
        return parsed with { Mode = mode, Shared = shared, WorkFolder = work ?? DefaultWorkFolder, IsDefaultWorkFolder = work is null, Settings = settings, Sections = sections, Batch = batch, HandWrittenOnly = handWrittenOnly, ReportTest = reportTest };
    }

    private static int[] Integers(string list, bool allowZero = false) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            .Select(n => n >= (allowZero ? 0 : 1) ? n : throw new ArgumentException($"'{list}': every size and count must be at least {(allowZero ? 0 : 1)}.")).ToArray();
}
