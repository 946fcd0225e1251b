namespace Newsdesk.Cli;

public static class Usage
{
    public const string Text = """
        Newsdesk: grounded answers about music-industry news.

        Usage: dotnet run --project src/Bot -- <verb> [options]

          serve                 run the bot service (the default verb): --urls http://0.0.0.0:8080
          ask "question"        answer one question, with numbered citations and sources
          ask --json "question" the same as one JSON object
          ask --jsonl           read one question per line on standard input, print one JSON object per line
          discord register [--guild ID]
                                register the slash commands (bulk overwrite: running it twice changes nothing)
          ingest PATH|URL       add a file, a folder or an RSS/Atom feed URL to the store now
          digest --preview      print today's digest (Markdown) as it would be posted, without posting
          digest --post-now     post today's digest to Digest:Destinations now (once per destination per day)

        Options for every verb:
          --corpus DIR          use DIR (repeatable) instead of the configured corpus folders
          --Section:Key value   any setting, e.g. --Storage:Database /tmp/news.db --Answering:Backend OpenAI
        """;

    public static async Task<int> UnknownAsync(string verb)
    {
        await Console.Error.WriteLineAsync($"Unknown verb '{verb}'.\n\n{Text}");
        return 2;
    }
}
