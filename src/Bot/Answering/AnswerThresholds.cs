namespace Newsdesk.Answering;

/// <summary>The gate probabilities at which a chosen sentence answers (<paramref name="Answer"/>; <paramref name="Tied"/>
/// for one whose span of the asked kind is tied to the question), and the share of the question's terms at which
/// stories without an answer still cover the topic (<paramref name="Topic"/>); and the similarity of the focus to the
/// words around a span at which the span counts as tied to the question although no focus word stands beside it
/// (<paramref name="SpanTie"/>: a paraphrase, "punt tracks for" for "cost"). Fitted by the train verb.</summary>
public sealed record AnswerThresholds(double Answer, double Tied, double Topic, double SpanTie)
{
    /// <summary>The thresholds where retrieval found the topic uncertain (a small dense margin): a sentence answers only
    /// at <paramref name="answer"/> or above, and no reply is partial, since the stories may not be the ones asked
    /// about and their on-topic sentences would be no reply.</summary>
    public AnswerThresholds ForUncertainTopic(double answer) =>
        this with { Answer = Math.Max(Answer, answer), Tied = Math.Max(Tied, answer), Topic = double.PositiveInfinity };
}
