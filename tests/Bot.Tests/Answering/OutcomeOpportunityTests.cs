using Newsdesk.Answering;

namespace Newsdesk.Tests.Answering;

/// <summary>An opportunity to do a thing, like a right or a chance, is not the thing done. Stop 19: once "richey" held
/// in a sentence naming Edwards by surname, "did richey's parents sign the death certificate?" was answered with
/// "police offer Edwards' parents the opportunity to sign a death certificate", which does not say whether they did.</summary>
public sealed class OutcomeOpportunityTests
{
    [Theory]
    [InlineData("On the seventh anniversary of his disappearance, police offer Edwards' parents the opportunity to sign a death certificate.", false)]
    [InlineData("They were given the chance to sign the papers.", false)]
    [InlineData("His parents signed the death certificate in 2008.", true)]
    public void AnOpportunityToActIsShortOfTheOutcome(string sentence, bool states) =>
        Assert.Equal(states, OutcomeStatement.States(sentence, ["sign"]));
}
