using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Tests.Fakes.LanguageModel;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>The language-model backend follows the offline rule for yes/no questions about an outcome: a faithful reply
/// that says only what was ordered ("he was ordered to pay") is partly covered, naming the outcome it does not give,
/// while a reply stating the outcome stays an answer. Through the fake OpenAI-compatible server on loopback.</summary>
public sealed class LanguageModelOutcomeTests : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();
    private FakeLanguageModel model = null!;
    private IHost host = null!;

    private const string Story = """
        Lyrics site founder ordered to pay publishers

        A Leeds student who ran a lyrics website called Versebox has been ordered to pay damages to music publishers by the High Court.

        Tom Harker was a student when he set up Versebox, which let users post and swap song lyrics.

        He was ordered to pay 40,000 pounds to the Music Publishers Association within a month, and he paid the first 10,000 pounds in May.
        """;

    public async Task InitializeAsync()
    {
        model = await FakeLanguageModel.StartAsync();
        var corpus = Directory.CreateDirectory(folder.File("corpus")).FullName;
        File.Copy(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt"), Path.Combine(corpus, "allofmp3-shutdown-2007.txt"));
        File.WriteAllText(Path.Combine(corpus, "versebox.txt"), Story);
        host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [corpus],
            model.BackendSettings(("Answering:TimeoutSeconds", "20"), ("Retrieval:PassagesToCompose", "10")));
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await model.DisposeAsync();
        folder.Dispose();
    }

    private Task<Answer> AskAsync(string question) =>
        host.Services.GetRequiredService<IQuestionAnswerer>().AnswerAsync(new Question(question), CancellationToken.None);

    [Fact]
    public async Task AReplyGivingOnlyTheOrderIsPartlyCovered()
    {
        model.Reply = (prompt, _) => Task.FromResult(FakeLanguageModel.Completion(
            $"The Versebox student was ordered to pay damages to music publishers by the High Court [{prompt.PassageContaining("High Court")}]."));

        var answer = await AskAsync("did the versebox student actually pay up?");

        Assert.Equal(AnswerCoverage.Partial, answer.Coverage);
        Assert.Contains("ordered to pay", answer.Text, StringComparison.Ordinal);
        Assert.Contains("pay", answer.Missing ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplyStatingThePaymentIsAnAnswer()
    {
        model.Reply = (prompt, _) => Task.FromResult(FakeLanguageModel.Completion(
            $"He paid the first 10,000 pounds in May [{prompt.PassageContaining("first 10,000")}]."));

        var answer = await AskAsync("did the versebox student actually pay up?");

        Assert.True(answer.Coverage == AnswerCoverage.Answered, $"{answer.Coverage} {answer.FallbackReason} {answer.Text}");
        Assert.Contains("paid the first 10,000 pounds", answer.Text, StringComparison.Ordinal);
    }
}
