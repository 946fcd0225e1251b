using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsdesk.Tests.Support;

/// <summary>The port the program bound, from its start-up line ("Newsdesk … listening on http://127.0.0.1:40123"):
/// started on port 0, it binds one the kernel picks and says which, so no other listener of the test run can hold it
/// (a port picked free by the test and released could be handed to another listener before the program bound it).</summary>
public static partial class ListeningPort
{
    /// <summary>The port of the first start-up line in <paramref name="output"/>; null while there is none.</summary>
    public static int? In(string output) =>
        StartupLine().Match(output) is { Success: true } line ? int.Parse(line.Groups["port"].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"listening on http://\S+?:(?<port>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex StartupLine();
}
