using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Corpus;

public sealed class CorpusOptions
{
    public const string Section = "Corpus";

    /// <summary>Folders whose .txt, .md and .html files make up the corpus, searched recursively. <c>--corpus DIR</c>
    /// on the command line replaces them.</summary>
    /// <remarks>Empty means <see cref="DefaultFolder"/>. Not pre-filled, because configuration binding appends to a
    /// list instead of replacing it.</remarks>
    public List<string> Folders { get; set; } = [];

    public const string DefaultFolder = "seeds";

    /// <summary>Largest passage, in words. Chosen by measurement on the evaluation set (tests/Bot.Tests/Evaluation).</summary>
    [Range(20, 400)]
    public int PassageWords { get; set; } = 80;

    /// <summary>Which packaged sentence-embedding model to use: ArcticXs or MiniLM.</summary>
    [Required, RegularExpression("^(ArcticXs|MiniLM)$")]
    public string EmbeddingModel { get; set; } = "ArcticXs";
}
