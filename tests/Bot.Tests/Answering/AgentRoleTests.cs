using Newsdesk.Answering;

namespace Newsdesk.Tests.Answering;

/// <summary>The verb a "who" question asks about, and whether a sentence holds the asked entity as its agent instead.</summary>
public sealed class AgentRoleTests
{
    // The progressive and the perfect ask about the same verb as the simple form; stop 18's "who's suing mick mars?"
    // and "who is suing snoop dogg?" had no asked verb.
    [Theory]
    [InlineData("who owns regiontorg?", "own")]
    [InlineData("who earned the most in pop in 2004?", "earn")]
    [InlineData("who's suing mick mars?", "su")]
    [InlineData("who is suing snoop dogg?", "su")]
    [InlineData("who has signed the band?", "sign")]
    [InlineData("who is the manager?", null)]
    [InlineData("who is being sued?", null)]
    public void TheAskedVerbIsFoundInEveryTense(string question, string? verb) => Assert.Equal(verb, AgentRole.AskedVerb(question));

    // The question's progressive meets the sentence's participle: "suing" and "sued" share a root the stemmer splits.
    [Theory]
    [InlineData("Regiontorg is being sued by Harbour Records for $10m.", false)]
    [InlineData("Harbour Records is being sued by Regiontorg for $10m.", true)]
    [InlineData("MP3Sparks.com, which says it is owned by a firm called Regiontorg, denies it.", false)]
    public void ASentenceWithTheAskedEntityAfterByHasItTheWrongWayRound(string sentence, bool reversed) =>
        Assert.Equal(reversed, AgentRole.IsReversed(sentence, AgentRole.AskedVerb("who is suing regiontorg?"), ["regiontorg"]));

    [Fact]
    public void AnOwnerAfterByIsNotWhatItOwns() =>
        Assert.True(AgentRole.IsReversed("MP3Sparks.com, which says it is owned by a firm called Regiontorg, denies it.", AgentRole.AskedVerb("who owns regiontorg?"), ["regiontorg"]));
}
