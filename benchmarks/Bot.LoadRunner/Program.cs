using Newsdesk.LoadRunner;

// Load and soak runs of the real server against the fake Discord and Slack, all on loopback. Not part of the test
// command. From the repository root, Release build (see docs/reliability.md, "Load"):
//   dotnet run -c Release --project benchmarks/Bot.LoadRunner -- --concurrency 500 --total 5000 --platform both
//   dotnet run -c Release --project benchmarks/Bot.LoadRunner -- --soak 10 --rate 10 --platform both
//   dotnet run -c Release --project benchmarks/Bot.LoadRunner -- --declared-body-attack 1000
// Any --Section:Key=value is passed to the server (for example --Chat:InboxCapacity=200).
if (args.Length > 0 && args[0] == ChildServer.Flag) return await ChildServer.RunAsync(args);
if (args.Length > 1 && args[0] == DeclaredBodyAttack.Flag)
    return await DeclaredBodyAttack.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), LoadOptions.Parse(args[2..]));
return await LoadRun.RunAsync(LoadOptions.Parse(args));
