using Newsdesk.Chat;
using Newsdesk.Retrieval;

namespace Newsdesk.Cli;

/// <summary><c>ask "question"</c>, <c>ask --json "question"</c>, <c>ask --jsonl</c> (questions on standard input).
/// Answers go to standard output; logs go to standard error.</summary>
public sealed class AskCommand(SearchIndexLoader loader, IQuestionAnswerer answerer)
{
    public async Task<int> RunAsync(CommandLine command, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (command.Has("--jsonl"))
        {
            await loader.LoadAsync(cancellationToken);
            // One question per line, answered in order; the model and store are loaded once for all of them.
            while (await input.ReadLineAsync(cancellationToken) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                var answer = await answerer.AnswerAsync(new Question(line.Trim()), cancellationToken);
                await output.WriteLineAsync(AnswerFormatter.ForMachine(answer));
                await output.FlushAsync(cancellationToken);
            }
            return 0;
        }

        var question = string.Join(' ', command.Arguments).Trim();
        if (question.Length == 0)
        {
            await Console.Error.WriteLineAsync("ask needs a question: ask \"Who shut down AllofMP3?\" (or --jsonl to read questions from standard input)");
            return 2;
        }
        await loader.LoadAsync(cancellationToken);
        var reply = await answerer.AnswerAsync(new Question(question), cancellationToken);
        await output.WriteLineAsync(command.Has("--json") ? AnswerFormatter.ForMachine(reply) : AnswerFormatter.ForPerson(reply));
        return 0;
    }
}
