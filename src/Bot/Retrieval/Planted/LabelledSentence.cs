namespace Newsdesk.Retrieval.Planted;

/// <summary>One example the classifier learns from or is measured on.</summary>
public sealed record LabelledSentence(string Text, bool IsMachineAddressed)
{
    /// <summary>Reads "P&lt;TAB&gt;sentence" (addressed to a machine) and "N&lt;TAB&gt;sentence" (news) lines; '#' starts a
    /// comment line.</summary>
    public static IReadOnlyList<LabelledSentence> Parse(string text) =>
    [
        .. text.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 2 && line[0] != '#')
            .Select(line => line[1] == '\t' && line[0] is 'P' or 'N'
                ? new LabelledSentence(line[2..].Trim(), line[0] == 'P')
                : throw new FormatException($"Not a labelled sentence: {line}")),
    ];

    /// <summary>The training set shipped inside the program.</summary>
    public static IReadOnlyList<LabelledSentence> Training()
    {
        using var stream = typeof(LabelledSentence).Assembly.GetManifestResourceStream(TrainingResource)
            ?? throw new InvalidOperationException($"The resource {TrainingResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private const string TrainingResource = "Newsdesk.Retrieval.Planted.machine-addressed-training.txt";
}
