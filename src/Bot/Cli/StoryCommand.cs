using Newsdesk.Retrieval;
using Newsdesk.Stories;

namespace Newsdesk.Cli;

/// <summary><c>story "topic"</c> and <c>story --json "topic"</c>: the brief of a story. The brief goes to standard
/// output; logs go to standard error.</summary>
public sealed class StoryCommand(SearchIndexLoader loader, StoryBriefBuilder builder)
{
    public async Task<int> RunAsync(CommandLine command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var topic = string.Join(' ', command.Arguments).Trim();
        if (topic.Length == 0)
        {
            await error.WriteLineAsync("story needs a topic: story \"AllofMP3\" (add --json for one JSON object)");
            return 2;
        }
        await loader.LoadAsync(cancellationToken);
        var brief = await builder.BuildAsync(topic, cancellationToken);
        await output.WriteLineAsync(command.Has("--json") ? StoryBriefFormatter.ForMachine(brief) : StoryBriefFormatter.ForPerson(brief));
        return 0;
    }
}
