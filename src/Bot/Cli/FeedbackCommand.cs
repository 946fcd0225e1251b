using Newsdesk.Chat;

namespace Newsdesk.Cli;

/// <summary><c>feedback</c>: votes per day over the last 30 days, and the worst-rated answers with their questions.</summary>
public sealed class FeedbackCommand(IAnswerFeedbackStore report, TimeProvider time)
{
    private const int Days = 30;
    private const int Worst = 10;

    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var days = await report.VotesPerDayAsync(Days, time.GetUtcNow(), cancellationToken);
        await output.WriteLineAsync($"Votes per day (last {Days} days, UTC):");
        if (days.Count == 0) await output.WriteLineAsync("  none");
        foreach (var day in days) await output.WriteLineAsync($"  {day.Day}  {day.Platform,-8} 👍 {day.Helpful,4}  👎 {day.Unhelpful,4}");
        var worst = await report.WorstRatedAsync(Worst, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Worst-rated answers (more 👎 than 👍):");
        if (worst.Count == 0) await output.WriteLineAsync("  none");
        foreach (var answer in worst)
        {
            await output.WriteLineAsync($"  👎 {answer.Unhelpful} 👍 {answer.Helpful}  [{answer.Platform}] Q: {answer.Question}");
            await output.WriteLineAsync($"      A: {Cut(answer.Answer.ReplaceLineEndings(" "), 200)}");
        }
        return 0;
    }

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
