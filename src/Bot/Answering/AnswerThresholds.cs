namespace Newsdesk.Answering;

/// <summary>The gate probabilities at which a chosen sentence answers (<paramref name="Answer"/>; <paramref name="Tied"/>
/// for one whose span of the asked kind is tied to the question), and the share of the question's terms at which
/// stories without an answer still cover the topic (<paramref name="Topic"/>). Fitted by the train verb.</summary>
public sealed record AnswerThresholds(double Answer, double Tied, double Topic);
