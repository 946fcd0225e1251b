using Newsdesk.LoadRunner;

// Load and soak runs of the real server against the fake Discord and Slack, all on loopback. Not part of the test
// command. From the repository root, Release build (see docs/reliability.md, "Load"):
//   dotnet run -c Release --project benchmarks/Bot.LoadRunner -- --concurrency 500 --total 5000 --platform both
//   dotnet run -c Release --project benchmarks/Bot.LoadRunner -- --soak 10 --rate 10 --platform both
//   dotnet run -c Release --project benchmarks/Bot.LoadRunner -- --declared-body-attack 1000
// Any --Section:Key=value is passed to the server (for example --Chat:InboxCapacity=200).
// A command line it cannot use (a non-empty --work folder, an unknown --platform) is one line on standard error and
// exit code 2, before anything starts.
if (args.Length > 0 && args[0] == ChildServer.Flag) return await ChildServer.RunAsync(args);
LoadOptions options;
try
{
    options = LoadOptions.Parse(args.Length > 1 && args[0] == DeclaredBodyAttack.Flag ? args[2..] : args);
}
catch (Exception error) when (error is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync($"Bot.LoadRunner: {error.Message}");
    return 2;
}
if (args.Length > 1 && args[0] == DeclaredBodyAttack.Flag)
    return await DeclaredBodyAttack.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), options);
return await LoadRun.RunAsync(options);
