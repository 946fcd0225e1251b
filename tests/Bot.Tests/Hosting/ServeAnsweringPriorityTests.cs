using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Corpus;
using Newsdesk.Hosting;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Hosting;

/// <summary>How <c>serve</c> wires inference: on low-priority threads unless Chat:AnsweringNiceness is 0.</summary>
public sealed class ServeAnsweringPriorityTests
{
    [Fact]
    public async Task ServeRunsInferenceOnLowPriorityThreadsByDefault()
    {
        using var folder = new TemporaryFolder();
        await using var app = ServeCommand.Build(CommandLine.Parse(["serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={folder.File("bot.db")}", "--corpus", TestPaths.Seeds]));

        Assert.NotNull(app.Services.GetService<EmbeddingThreads>());
    }

    [Fact]
    public async Task NicenessZeroRunsInferenceOnTheCallersThread()
    {
        using var folder = new TemporaryFolder();
        await using var app = ServeCommand.Build(CommandLine.Parse(["serve", "--urls", "http://127.0.0.1:0", $"--Storage:Database={folder.File("bot.db")}",
            "--corpus", TestPaths.Seeds, "--Chat:AnsweringNiceness=0"]));

        Assert.Null(app.Services.GetService<EmbeddingThreads>());
    }
}
