using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Evaluation;

/// <summary>The evaluation set's threads asked turn by turn through the real Slack path (signed events to the real
/// <c>serve</c> host, replies read from the fake Slack's chat.postMessage calls), over the seed: each later turn is a
/// mention inside the thread, so the earlier turns it leans on are the ones the Slack adapter itself remembers, and the
/// reply scored is the text a Slack user sees. <see cref="DiscordThreadEvaluationTests"/> asks them through Discord threads.</summary>
public sealed class SlackThreadEvaluationTests(SlackBotFixture fixture, ITestOutputHelper output) : IClassFixture<SlackBotFixture>
{
    // Just under what was measured on 2026-11-30 at 16:06 UTC on the test part, with follow-ups searched with the story
    // their thread is about: 25/28, the same as the core path's seed thread turns (24/28 before); with a lowercase name
    // no article holds declined as well, 26/28 on the merged tree at 16:45 UTC, again the same as the core path; 25/28
    // on 2026-12-01 (03:35 UTC) with the answer thresholds refitted on the tuning part (see EvaluationTests).
    private const double TestPartFloor = 0.88;

    [Fact]
    public async Task ThreadTurnsAreAnsweredThroughSlackAsWellAsThroughTheCorePath()
    {
        var questions = EvaluationSet.Load(Path.Combine(AppContext.BaseDirectory, "Evaluation", "questions.jsonl"));
        var outcomes = new List<EvaluationOutcome>();
        var threads = questions.Where(q => q.Thread is not null).GroupBy(q => q.Thread!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        for (var t = 0; t < threads.Count; t++)
        {
            var channel = $"CEVALTHREAD{t}";
            var root = $"1710000{t:D3}.000100";
            long last = -1;
            foreach (var turn in threads[t].OrderBy(q => q.Turn))
            {
                // The first turn starts the thread: its ts is the thread's root.
                var ts = turn.Turn == 1 ? root : $"1710000{t:D3}.{100 * turn.Turn + 100:D6}";
                var body = SlackEvents.Mention($"EvEval{t}-{turn.Turn}", channel, ts, $"{SlackEvents.BotMention} {turn.Question}", threadTs: turn.Turn == 1 ? null : root);
                (await fixture.Bot.SendAsync(fixture.Slack.SignedEvent(body))).EnsureSuccessStatusCode();
                var reply = await fixture.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel && c.Sequence > last);
                last = reply.Sequence;
                var asked = fixture.Bot.Answerer.Questions.Last(q => q.Text == turn.Question);
                Assert.Equal(EvaluationSet.EarlierTurns(questions, turn), asked.EarlierTurns);
                outcomes.Add(EvaluationSet.Score(turn, ReplyAsSeen.Read(turn.Question, reply.Text), withBbc: false));
            }
        }

        output.WriteLine(EvaluationTable.Format("seed, threads through Slack", outcomes, withBbc: false));
        output.WriteLine(EvaluationTable.Details(outcomes));
        var (right, total) = EvaluationTable.Rate(outcomes, withBbc: false, "thread turns: right", test: true);
        Assert.True(right >= TestPartFloor * total, $"thread turns through Slack (test part): {right}/{total}\n{EvaluationTable.Details(outcomes)}");
    }
}
