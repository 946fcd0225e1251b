using Newsdesk.Chat;

namespace Newsdesk.Answering;

/// <summary>A composer's raw output: answer sentences, each citing passages by their 1-based position in the list
/// the composer was given. A partial composition's sentences say what the stories do say; <see cref="Missing"/>
/// names the asked fact they do not give.</summary>
public sealed record Composition(IReadOnlyList<ComposedSentence> Sentences, string Backend)
{
    public AnswerCoverage Coverage { get; init; } = AnswerCoverage.Answered;

    public string? Missing { get; init; }

    /// <summary>For a "when" answer dated relative to its article ("last October"): the date that means, and the
    /// article's publication date it was resolved against.</summary>
    public string? DateNote { get; init; }
}

public sealed record ComposedSentence(string Text, IReadOnlyList<int> PassageNumbers);
