namespace Newsdesk.Cli;

/// <summary>Separates settings (<c>--Section:Key value</c> or <c>--Section:Key=value</c>, the colon is what marks them)
/// from the verb's own words and options, so a setting never needs declaring and a mistyped option is never
/// mistaken for one.</summary>
public static class SettingArguments
{
    public static (string[] Settings, string[] Others) Split(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsSetting(arg))
            {
                rest.Add(arg);
                continue;
            }
            settings.Add(arg);
            if (arg.Contains('=', StringComparison.Ordinal)) continue;
            if (i + 1 >= args.Count) throw new CommandLineException($"{arg} needs a value: {arg} VALUE (or {arg}=VALUE)");
            settings.Add(args[++i]);
        }
        return ([.. settings], [.. rest]);
    }

    private static bool IsSetting(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal)) return false;
        var name = arg.AsSpan(2);
        var equals = name.IndexOf('=');
        if (equals >= 0) name = name[..equals];
        var colon = name.IndexOf(':');
        return colon > 0 && colon < name.Length - 1;
    }
}
