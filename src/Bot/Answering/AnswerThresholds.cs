namespace Newsdesk.Answering;

/// <summary>The gate probabilities at which a chosen sentence answers (<paramref name="Answer"/>; <paramref name="Tied"/>
/// for one whose span of the asked kind is tied to the question), and the share of the question's terms at which
/// stories without an answer still cover the topic (<paramref name="Topic"/>); and the similarity of the focus to the
/// words around a span at which the span counts as tied to the question although no focus word stands beside it
/// (<paramref name="SpanTie"/>: a paraphrase, "punt tracks for" for "cost"). Fitted by the train verb.</summary>
public sealed record AnswerThresholds(double Answer, double Tied, double Topic, double SpanTie);
