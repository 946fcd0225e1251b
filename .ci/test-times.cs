// Per-class and per-test durations from a TRX log of `dotnet test`, slowest first, to see where the suite's time goes:
//   dotnet test Bot.sln --logger "trx;LogFileName=times.trx" --results-directory TestResults
//   dotnet run .ci/test-times.cs -- TestResults/times.trx [how many rows, 25 by default]
// A class's span runs from its first test's start to its last test's end (tests of one class run one after another,
// classes in parallel, so the span is the wall time the class held a test thread, less its class fixture's set-up);
// its sum adds its tests' own durations (constructor, set-up, test and tear-down of each).
using System.Globalization;
using System.Xml.Linq;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: dotnet run .ci/test-times.cs -- <file.trx> [rows]");
    return 2;
}
var rows = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
var run = XDocument.Load(args[0]);
var classOf = run.Descendants(ns + "UnitTest").ToDictionary(
    test => (string)test.Attribute("id")!,
    test => (string)test.Element(ns + "TestMethod")!.Attribute("className")!);
var results = run.Descendants(ns + "UnitTestResult").Select(result => new
{
    Class = classOf[(string)result.Attribute("testId")!],
    Name = (string)result.Attribute("testName")!,
    Outcome = (string?)result.Attribute("outcome") ?? "",
    Duration = TimeSpan.Parse((string?)result.Attribute("duration") ?? "0:0:0", CultureInfo.InvariantCulture),
    Start = DateTimeOffset.Parse((string)result.Attribute("startTime")!, CultureInfo.InvariantCulture),
    End = DateTimeOffset.Parse((string)result.Attribute("endTime")!, CultureInfo.InvariantCulture),
}).ToList();
if (results.Count == 0)
{
    Console.Error.WriteLine("no test results in " + args[0]);
    return 1;
}

var first = results.Min(r => r.Start);
var last = results.Max(r => r.End);
Console.WriteLine($"{results.Count} tests ({string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key}"))}), " +
    $"first start to last end {Seconds(last - first)}, sum of test durations {Seconds(Sum(results.Select(r => r.Duration)))}");

Console.WriteLine($"\nClasses by span (top {rows}):");
Console.WriteLine($"{"span",9} {"sum",9} {"tests",5} {"from",7} {"to",7}  class");
foreach (var group in results.GroupBy(r => r.Class)
    .Select(g => (Class: g.Key, Start: g.Min(r => r.Start), End: g.Max(r => r.End), Sum: Sum(g.Select(r => r.Duration)), Count: g.Count()))
    .OrderByDescending(g => g.End - g.Start).Take(rows))
{
    Console.WriteLine($"{Seconds(group.End - group.Start),9} {Seconds(group.Sum),9} {group.Count,5} {Seconds(group.Start - first),7} " +
        $"{Seconds(group.End - first),7}  {Short(group.Class)}");
}

Console.WriteLine($"\nTests by duration (top {rows}):");
foreach (var result in results.OrderByDescending(r => r.Duration).Take(rows))
    Console.WriteLine($"{Seconds(result.Duration),9}  {Short(result.Class)}: {(result.Name.StartsWith(result.Class + ".", StringComparison.Ordinal) ? result.Name[(result.Class.Length + 1)..] : result.Name)}");
return 0;

static TimeSpan Sum(IEnumerable<TimeSpan> spans) => spans.Aggregate(TimeSpan.Zero, (total, span) => total + span);

static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

static string Short(string name) => name.StartsWith("Newsdesk.Tests.", StringComparison.Ordinal) ? name["Newsdesk.Tests.".Length..] : name;
