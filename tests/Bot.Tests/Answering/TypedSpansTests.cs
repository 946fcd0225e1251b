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

    // A reason is a causal link to the event and the clause it opens (stop 19): "for" before a gerund, "because", a
    // report ("saying …"), a purpose "to" after a finished phrase; "since" dates in news, "plans to" is no purpose.
    [Theory]
    [InlineData("The rapper has been jailed in Miami for swearing on stage.", "for swearing on stage")]
    [InlineData("Because the label does not own the master tapes, the songs cannot be sold.", "Because the label does not own the master tapes")]
    [InlineData("The drummer has quit the band, saying he wants to spend time with his family.", "saying he wants to spend time with his family")]
    [InlineData("The launch has been put back to 3 May to give small labels time.", "to give small labels time")]
    [InlineData("A fan is suing the firm over DRM on its players.", "over DRM on its players")]
    [InlineData("The chart has been a great success since its launch.", "")]
    [InlineData("The band plans to tour the US next year.", "")]
    [InlineData("He was saying that the album was finished.", "")]
    [InlineData("The studio has played host to many stars over the years.", "")]
    public void AReasonIsACausalLinkAndItsClause(string sentence, string reasons) =>
        Assert.Equal(reasons, string.Join("|", TypedSpans.Find(AnswerKind.Reason, sentence).Select(s => sentence.Substring(s.Start, s.Length))));

    // The name inside a run of capitalised words, not the opener or function word before it: "In April" is no name.
    [Theory]
    [InlineData("Some of Elvis Presley's earliest recordings are going under the hammer.", "Elvis Presley's")]
    [InlineData("But Pop Idol mogul Simon Fuller has seen his wealth plummet.", "Pop Idol|Simon Fuller")]
    [InlineData("In April, the firm began encouraging users to switch to another site.", "")]
    [InlineData("Producer Judy Craymer is the highest new entry on the list.", "Producer Judy Craymer")]
    public void ANameIsTheNameAlone(string sentence, string names) =>
        Assert.Equal(names, string.Join("|", TypedSpans.Find(AnswerKind.Agent, sentence).Select(s => sentence.Substring(s.Start, s.Length))));
}
