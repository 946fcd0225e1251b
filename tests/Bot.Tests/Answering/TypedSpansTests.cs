using Newsdesk.Answering;

namespace Newsdesk.Tests.Answering;

public sealed class TypedSpansTests
{
    [Theory]
    [InlineData(AnswerKind.Money, "All three sites punt tracks for between about $0.10 and $0.20 each.", true)]
    [InlineData(AnswerKind.Money, "Fans will have to pay five pounds for a ticket.", true)]
    [InlineData(AnswerKind.Money, "The deal is worth 2.5 million pounds, according to people familiar with the terms.", true)]
    [InlineData(AnswerKind.Money, "The phone may be launched later this year.", false)]
    [InlineData(AnswerKind.Date, "The case is set to be heard in the High Court on 20 December.", true)]
    [InlineData(AnswerKind.Date, "MediaServices is still selling cut-price music.", false)]
    [InlineData(AnswerKind.Count, "The album has sold more than 600,000 copies.", true)]
    [InlineData(AnswerKind.Agent, "The injunction was granted to Kevin Campbell.", true)]
    [InlineData(AnswerKind.Agent, "It has disappeared and resurfaced several times before.", false)]
    // A name may open the sentence; its inner capital tells it from any capitalised first word.
    [InlineData(AnswerKind.Agent, "MediaServices, the combative firm behind the site, is still selling cut-price music.", true)]
    [InlineData(AnswerKind.Agent, "Taxes, the firm said, were paid.", false)]
    public void ASentenceHoldsASpanOfTheAskedKindOrNot(AnswerKind kind, string sentence, bool holds) =>
        Assert.Equal(holds, TypedSpans.Find(kind, sentence).Count > 0);

    // The name inside a run of capitalised words, not the opener or function word before it: "In April" is no name.
    [Theory]
    [InlineData("Some of Elvis Presley's earliest recordings are going under the hammer.", "Elvis Presley's")]
    [InlineData("But Pop Idol mogul Simon Fuller has seen his wealth plummet.", "Pop Idol|Simon Fuller")]
    [InlineData("In April, the firm began encouraging users to switch to another site.", "")]
    [InlineData("Producer Judy Craymer is the highest new entry on the list.", "Producer Judy Craymer")]
    public void ANameIsTheNameAlone(string sentence, string names) =>
        Assert.Equal(names, string.Join("|", TypedSpans.Find(AnswerKind.Agent, sentence).Select(s => sentence.Substring(s.Start, s.Length))));
}
