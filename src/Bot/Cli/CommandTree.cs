using System.CommandLine;

namespace Newsdesk.Cli;

/// <summary>The verbs, their arguments and options, as System.CommandLine symbols: it writes each verb's
/// <c>--help</c>, answers <c>--version</c> and rejects what no verb takes. Settings are split off first
/// (<see cref="SettingArguments"/>) and passed through to configuration untouched.</summary>
public static class CommandTree
{
    public const string Serve = "serve", Ask = "ask", Discord = "discord", Register = "register", Ingest = "ingest",
        Digest = "digest", Feeds = "feeds", Feedback = "feedback", Story = "story";

    private static readonly string[] Flags = ["--json", "--jsonl", "--preview", "--post-now"];
    private static readonly string[] ValueOptions = ["--urls", "--guild"];

    public static ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        string[] settings, rest;
        try
        {
            (settings, rest) = SettingArguments.Split(args);
        }
        catch (CommandLineException error)
        {
            return new ParsedCommandLine(null, null, [error.Message], null);
        }
        var root = Build();
        // "@file" would otherwise read arguments from a file: a question may well start with "@".
        var result = root.Parse(rest, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var command = result.CommandResult.Command;
        // An unknown option in front of a free-text argument is taken as a word of it; it is a mistake all the same.
        var unknown = result.UnmatchedTokens
            .Concat(result.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>()
                .SelectMany(a => a.Tokens).Select(t => t.Value).Where(v => v.StartsWith('-') && v.Length > 1))
            .Distinct(StringComparer.Ordinal).ToList();
        var errors = result.Errors.Select(e => e.Message)
            .Where(message => !unknown.Any(u => message.Contains($"'{u}'", StringComparison.Ordinal)))
            .Concat(unknown.Select(u => Unrecognized(u, command)))
            .ToList();
        var isVerbAction = result.Action is not null && ReferenceEquals(result.Action, command.Action);
        if (errors.Count > 0 || !isVerbAction) return new ParsedCommandLine(null, result, errors, command);
        return new ParsedCommandLine(ToCommandLine(result, settings), result, [], command);
    }

    private static string Unrecognized(string token, Command command)
    {
        var known = command.Subcommands.Select(c => c.Name)
            .Concat(command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive)))
                .SelectMany(o => o.Aliases.Append(o.Name)));
        var kind = token.StartsWith('-') ? "option" : "command or argument";
        var suggestions = Suggestion.For(token, known);
        return suggestions.Count == 0
            ? $"Unrecognized {kind} '{token}'."
            : $"Unrecognized {kind} '{token}'. Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
    }

    private static CommandLine ToCommandLine(ParseResult result, string[] settings)
    {
        var command = result.CommandResult.Command;
        var verb = command is RootCommand ? Serve : command.Parents.OfType<Command>().FirstOrDefault(p => p is not RootCommand)?.Name ?? command.Name;
        var words = new List<string>();
        if (verb != command.Name && command is not RootCommand) words.Add(command.Name);
        foreach (var argument in result.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>())
            words.AddRange(argument.Tokens.Select(t => t.Value));
        var flags = Flags.Where(f => result.GetResult(f) is System.CommandLine.Parsing.OptionResult { Implicit: false }).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ValueOptions)
            if (result.GetResult(name) is System.CommandLine.Parsing.OptionResult { Implicit: false } option && option.Tokens.Count > 0)
                values[name] = option.Tokens[^1].Value;
        // A folder typed on the command line is where the person is, unlike a relative path in a setting.
        var corpus = result.GetResult("--corpus") is System.CommandLine.Parsing.OptionResult c ? c.Tokens.Select(t => Path.GetFullPath(t.Value)).ToList() : [];
        // Kestrel reads --urls from configuration like any other setting.
        string[] configuration = values.TryGetValue("--urls", out var urls) ? [.. settings, "--urls", urls] : settings;
        return new CommandLine(verb, words, flags, values, corpus, configuration);
    }

    private static RootCommand Build()
    {
        var root = new RootCommand("""
            Newsdesk: grounded answers about music-industry news. Without a verb it serves the bot.

            Every verb also takes any setting as --Section:Key value (with the colon), for example
            --Storage:Database /var/lib/newsdesk/newsdesk.db or --Answering:Backend OpenAI.
            Exit codes: 0 done, 1 the work failed, 2 the command line or a setting is wrong, 3 the store cannot be used.
            """);
        root.Options.Add(new Option<string[]>("--corpus")
        {
            Description = "Use DIR (repeatable) instead of the configured corpus folders",
            HelpName = "DIR",
            Recursive = true,
        });
        root.Options.Add(Urls());
        root.SetAction(_ => 0);

        var serve = new Command(Serve, "Run the bot service (the default verb): Discord and Slack endpoints, /healthz, /readyz, /metrics");
        serve.Options.Add(Urls());
        var ask = new Command(Ask, "Answer one question with numbered citations and sources");
        ask.Arguments.Add(new Argument<string[]>("question") { Arity = ArgumentArity.ZeroOrMore, Description = "The question, e.g. \"Who shut down AllofMP3?\"" });
        ask.Options.Add(Flag("--json", "Print the answer as one JSON object"));
        ask.Options.Add(Flag("--jsonl", "Read one question per line on standard input, print one JSON object per line"));
        var discord = new Command(Discord, "Discord set-up");
        var register = new Command(Register, "Register the slash commands (a bulk overwrite: running it twice changes nothing) and check the bot's permissions in the digest channels");
        register.Options.Add(new Option<string>("--guild") { Description = "Register in this server only (appears at once)", HelpName = "ID" });
        discord.Subcommands.Add(register);
        var ingest = new Command(Ingest, "Add files, folders or RSS/Atom feed URLs to the store now");
        ingest.Arguments.Add(new Argument<string[]>("target") { Arity = ArgumentArity.OneOrMore, Description = "A file, a folder or an http(s) feed URL", HelpName = "PATH|URL" });
        var digest = new Command(Digest, "Print or post today's digest");
        digest.Options.Add(Flag("--preview", "Print today's digest (Markdown) as it would be posted, without posting"));
        digest.Options.Add(Flag("--post-now", "Post today's digest to Digest:Destinations now (once per destination per day)"));
        var story = new Command(Story, "Print the brief of a story: who says what, contested points, timeline, what is still open, every line cited");
        story.Arguments.Add(new Argument<string[]>("topic") { Arity = ArgumentArity.ZeroOrMore, Description = "The story, e.g. \"AllofMP3\"" });
        story.Options.Add(Flag("--json", "Print the brief as one JSON object"));
        var feeds = new Command(Feeds, "List the configured feeds and their health: last success, last error, failures in a row, items stored");
        var feedback = new Command(Feedback, "Votes on answers per day, and the worst-rated answers with their questions");
        foreach (var verb in new[] { serve, ask, register, ingest, digest, feeds, feedback, story })
        {
            verb.SetAction(_ => 0);
            if (verb != register) root.Subcommands.Add(verb);
        }
        root.Subcommands.Add(discord);
        return root;
    }

    private static Option<string> Urls() => new("--urls") { Description = "Addresses to listen on, e.g. http://0.0.0.0:8080", HelpName = "URLS" };

    private static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };
}
