namespace Newsdesk.Chat;

/// <summary>What the bot says back. A decline is an answer too: <see cref="IsAnswered"/> is false and
/// <see cref="Text"/> explains politely what the news it follows does cover.</summary>
/// <param name="Question">The question as asked.</param>
/// <param name="IsAnswered">True only when a cited sentence holds what was asked (<see cref="AnswerCoverage.Answered"/>).</param>
/// <param name="Text">The answer with numbered citations such as "[1]".</param>
/// <param name="Citations">The sources the numbers in <see cref="Text"/> refer to.</param>
/// <param name="Backend">Which composer produced the text ("offline" or the model's name).</param>
/// <param name="FallbackReason">Set when the configured language model failed and the offline composer answered instead.</param>
/// <param name="NearbyTopics">For a decline: titles of the closest stories the bot does follow.</param>
public sealed record Answer(
    string Question,
    bool IsAnswered,
    string Text,
    IReadOnlyList<Citation> Citations,
    string Backend,
    string? FallbackReason,
    IReadOnlyList<string> NearbyTopics)
{
    private readonly AnswerCoverage? coverage;

    /// <summary>Answered, partly covered (the stories cover the topic, not the asked fact; <see cref="IsAnswered"/> is
    /// false but <see cref="Citations"/> back what they do say) or not covered. Unless set, it follows
    /// <see cref="IsAnswered"/>.</summary>
    public AnswerCoverage Coverage
    {
        get => coverage ?? (IsAnswered ? AnswerCoverage.Answered : AnswerCoverage.NotCovered);
        init => coverage = value;
    }

    /// <summary>For a partly covered question: what the stories do not say, in words ("how much it costs").</summary>
    public string? Missing { get; init; }
}
