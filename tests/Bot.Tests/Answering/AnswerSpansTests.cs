using Newsdesk.Answering;

namespace Newsdesk.Tests.Answering;

/// <summary>"Who runs Harbour Records?": the lede names the label and the streaming service, the chief executive's
/// sentence names her in apposition to the label. Only the second holds a name tied to what was asked.</summary>
public sealed class AnswerSpansTests
{
    private static readonly HashSet<string> QuestionTerms = ["run", "harbour", "record"];
    private static readonly HashSet<string> Focus = ["run"];
    private static readonly HashSet<string> Entity = ["harbour", "record"];

    private static bool Tied(AnswerKind kind, string sentence, IReadOnlySet<string> terms, IReadOnlySet<string> focus, IReadOnlySet<string> entity) =>
        AnswerSpans.IsTied(sentence, AnswerSpans.Find(kind, sentence, terms), focus, entity);

    [Theory]
    [InlineData("Harbour Records chief executive Maria Okafor said the deal would give the label's artists a fairer share.", true)]
    [InlineData("Maria Okafor, chief executive of Harbour Records, said the deal was fair.", true)]
    [InlineData("The Bristol independent label Harbour Records has signed a three-year licensing deal with the streaming service Tidewave.", false)]
    [InlineData("The label, founded in 2009, is best known for the folk singer Ellen Marsh, whose album Low Tide went gold last year.", false)]
    public void ANameIsTiedToTheAskedEntityOnlyInApposition(string sentence, bool tied) =>
        Assert.Equal(tied, Tied(AnswerKind.Agent, sentence, QuestionTerms, Focus, Entity));

    [Fact]
    public void TheAskedEntityIsNotItsOwnAnswer() =>
        Assert.Empty(AnswerSpans.Find(AnswerKind.Agent, "Harbour Records has signed a deal.", QuestionTerms));

    [Fact]
    public void AFigureBesideTheFocusIsTiedToIt() =>
        Assert.True(Tied(AnswerKind.Money, "The agreement is worth 2.5 million pounds, according to people familiar with the terms.",
            new HashSet<string> { "worth", "deal" }, new HashSet<string> { "worth" }, new HashSet<string> { "deal" }));
}
