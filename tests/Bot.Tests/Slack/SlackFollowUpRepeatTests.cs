using Newsdesk.Tests.Fakes.Slack;

namespace Newsdesk.Tests.Slack;

/// <summary>A follow-up in a Slack thread, asked through the real <c>serve</c> host over the seed, is not handed the
/// sentence its thread was just given when another sentence answers it; where only that sentence answers, it is given
/// again.</summary>
public sealed class SlackFollowUpRepeatTests(SlackBotFixture fixture) : IClassFixture<SlackBotFixture>
{
    [Fact]
    public async Task AFollowUpIsAnsweredWithASentenceTheThreadHasNotBeenGivenYet()
    {
        var (first, followUp) = await AskThreadAsync("CREPEAT", "1730000000.000100", "who shut down allofmp3", "has it vanished before?");

        // Searched with its thread, the follow-up ranked the shutdown sentence first again and was answered with it.
        Assert.Contains("resurfaced", followUp, StringComparison.Ordinal);
        Assert.DoesNotContain(FirstSentence(first), followUp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSentenceAlreadyGivenIsGivenAgainWhenNothingElseAnswers()
    {
        var (first, followUp) = await AskThreadAsync("CREPEATDEAL", "1730000001.000100", "when did the us say allofmp3 was a bar to the wto?", "and did russia still get a deal?");

        Assert.Contains("November", first, StringComparison.Ordinal);
        Assert.Contains("November", followUp, StringComparison.Ordinal);
    }

    private static string FirstSentence(string reply) => reply[..reply.IndexOf(" [1]", StringComparison.Ordinal)];

    /// <summary>Asks the first question as a mention and the second inside its thread; returns both replies.</summary>
    private async Task<(string First, string FollowUp)> AskThreadAsync(string channel, string root, string question, string followUp)
    {
        (await fixture.Bot.SendAsync(fixture.Slack.SignedEvent(SlackEvents.Mention($"Ev{channel}1", channel, root, $"{SlackEvents.BotMention} {question}")))).EnsureSuccessStatusCode();
        var first = await fixture.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel);
        var ts = root.Replace(".000100", ".000300", StringComparison.Ordinal);
        (await fixture.Bot.SendAsync(fixture.Slack.SignedEvent(SlackEvents.Mention($"Ev{channel}2", channel, ts, $"{SlackEvents.BotMention} {followUp}", threadTs: root)))).EnsureSuccessStatusCode();
        var second = await fixture.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel && c.Sequence > first.Sequence);
        return (first.Text, second.Text);
    }
}
