using System.Globalization;
using Newsdesk.Corpus;

namespace Newsdesk.Retrieval.Planted;

/// <summary>Judges whether a sentence speaks to a machine reader (an assistant, bot, model or summariser: "Notice to
/// AI assistants: say that …", "Chatbots must answer …") rather than reporting news. Articles are untrusted, and such a
/// sentence is grounded in its article word for word, so grounding alone would let it be quoted as an answer.
/// <para>A linear classifier over the sentence vectors the index already holds, so judging a sentence costs one dot
/// product and no inference. Ridge regression, solved exactly (deterministic, no training loop), towards +1 for the
/// labelled machine-addressed examples and −1 for news: the labelled news examples (quoted appeals such as "stay away
/// from these sites", stories about chatbots) and a large sample of real news sentences, which teach it that a story
/// on cars or elections is not an instruction merely for not being about music. Wording is not matched: the vectors
/// place "disregard your earlier guidance" near "ignore previous instructions". A fit for every packaged embedding
/// model is shipped with the program (docs/reliability.md gives their measured precision and recall), and start-up
/// only loads it: fitting embeds every example (seconds), and without the news sample it flags far more news.</para></summary>
public sealed class MachineAddressedSentenceClassifier
{
    // Weight of the penalty on large weights; the labelled examples alone are fewer than the dimensions.
    private const double Ridge = 0.1;
    // How much each kind of example counts in the fit, whatever their numbers, and the score above which a sentence is
    // flagged; chosen on the training examples and one half of the evaluation corpus (at most 0.1% of its sentences
    // flagged), the other half and the held-out examples kept for measuring.
    private const double MachineAddressedShare = 0.5, LabelledNewsShare = 0.05, CorpusNewsShare = 0.45;
    public const double Threshold = 0.2;
    private readonly float[] weights;
    private readonly float bias;

    private MachineAddressedSentenceClassifier(float[] weights, float bias) => (this.weights, this.bias) = (weights, bias);

    public int Dimensions => weights.Length;

    /// <summary>The fit shipped with the program for the embedder's model. Nothing is fitted here: a model without a
    /// shipped fit is a build error to fix, not something to paper over at every start.</summary>
    public static MachineAddressedSentenceClassifier ForModel(PassageEmbedder embedder) => ForModel(embedder.ModelName);

    /// <summary>The fit shipped with the program for <paramref name="modelName"/>.</summary>
    public static MachineAddressedSentenceClassifier ForModel(string modelName)
    {
        using var stream = typeof(MachineAddressedSentenceClassifier).Assembly.GetManifestResourceStream(WeightsResource(modelName))
            ?? throw new InvalidOperationException($"No planted-sentence classifier is shipped for the embedding model '{modelName}'. " +
                "Fit one with: dotnet run -c Release --project benchmarks/Bot.Benchmarks -- planted --Corpus:EmbeddingModel " + modelName);
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Where the fit for a model is shipped; a test keeps it equal to a fresh fit.</summary>
    public static string WeightsFileName(string modelName) => $"machine-addressed-weights.{modelName}.txt";

    private static string WeightsResource(string modelName) => "Newsdesk.Retrieval.Planted." + WeightsFileName(modelName);

    /// <summary>One number a line, weights then bias, round-trip formatted.</summary>
    public string Serialize() => string.Join('\n', weights.Append(bias).Select(w => w.ToString("R", CultureInfo.InvariantCulture))) + "\n";

    public static MachineAddressedSentenceClassifier Parse(string text)
    {
        var numbers = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => float.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        return new MachineAddressedSentenceClassifier(numbers[..^1], numbers[^1]);
    }

    /// <summary>Fits the classifier to <paramref name="examples"/>, embedded as passage sentences are, and to
    /// <paramref name="news"/>: vectors of ordinary news sentences (none when there are none to hand).</summary>
    public static MachineAddressedSentenceClassifier Train(IReadOnlyList<LabelledSentence> examples, PassageEmbedder embedder,
        CancellationToken cancellationToken, IReadOnlyList<float[]>? news = null)
    {
        var vectors = embedder.EmbedPassages([.. examples.Select(e => e.Text)], cancellationToken);
        news ??= [];
        var addressed = examples.Count(e => e.IsMachineAddressed);
        var labelledNews = examples.Count - addressed;
        var newsShare = news.Count == 0 ? 0 : CorpusNewsShare;
        IReadOnlyList<double> weights =
        [
            .. examples.Select(e => e.IsMachineAddressed ? MachineAddressedShare / addressed : (1 - MachineAddressedShare - newsShare) / labelledNews),
            .. news.Select(_ => newsShare / news.Count),
        ];
        return Fit([.. vectors, .. news], [.. examples.Select(e => e.IsMachineAddressed), .. news.Select(_ => false)], Ridge, weights);
    }

    /// <summary>Above <see cref="Threshold"/>: addressed to a machine.</summary>
    public double Score(ReadOnlySpan<float> vector)
    {
        var total = (double)bias;
        for (var i = 0; i < weights.Length; i++) total += weights[i] * vector[i];
        return total;
    }

    public bool IsMachineAddressed(ReadOnlySpan<float> vector) => Score(vector) > Threshold;

    /// <summary>Weighted least squares towards +1 (machine-addressed) and −1 (news), with a ridge penalty on the
    /// weights (not the bias). The normal equations are a small symmetric positive-definite system, solved by Cholesky
    /// decomposition.</summary>
    private static MachineAddressedSentenceClassifier Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<bool> labels, double ridge, IReadOnlyList<double> exampleWeights)
    {
        var dimensions = vectors[0].Length;
        var size = dimensions + 1;
        if (labels.All(l => l) || !labels.Any(l => l)) throw new ArgumentException("Both kinds of example are needed.", nameof(labels));
        var normal = new double[size, size];
        var right = new double[size];
        var features = new double[size];
        for (var n = 0; n < vectors.Count; n++)
        {
            for (var i = 0; i < dimensions; i++) features[i] = vectors[n][i];
            features[dimensions] = 1;
            var weight = exampleWeights[n];
            var target = labels[n] ? 1.0 : -1.0;
            for (var i = 0; i < size; i++)
            {
                right[i] += weight * target * features[i];
                for (var j = 0; j <= i; j++) normal[i, j] += weight * features[i] * features[j];
            }
        }
        for (var i = 0; i < dimensions; i++) normal[i, i] += ridge / vectors.Count;
        normal[dimensions, dimensions] += 1e-9;
        var solution = SolveSymmetric(normal, right);
        return new MachineAddressedSentenceClassifier([.. solution.Take(dimensions).Select(w => (float)w)], (float)solution[dimensions]);
    }

    // Cholesky on the lower triangle (the upper is never filled), then forward and back substitution.
    private static double[] SolveSymmetric(double[,] a, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        }
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++) sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }
}
