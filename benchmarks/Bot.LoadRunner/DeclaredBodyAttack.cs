using System.Net.Sockets;
using System.Text;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;

namespace Newsdesk.LoadRunner;

/// <summary>The memory-amplification attack, bounded, on loopback: the real server in its own process, then
/// <c>--declared-body-attack N</c> connections that each declare a 1 MiB body to /discord/interactions and send one
/// byte; the server's resident memory before, while they are held, and after they close (docs/reliability.md,
/// "Threat model").</summary>
public static class DeclaredBodyAttack
{
    public const string Flag = "--declared-body-attack";
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(8);
    private const int Waves = 3;

    public static async Task<int> RunAsync(int connections, LoadOptions options)
    {
        Directory.CreateDirectory(options.Work);
        await using var discord = await FakeDiscord.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        var serve = ServeArguments.For(options, discord, slack);
        await using var server = await ServerProcess.StartAsync(250, isLive: false, serve);
        var address = await server.Address;
        using (var http = LoadSender.CreateClient())
            while (!(await http.GetAsync(new Uri(address, "readyz"))).IsSuccessStatusCode) await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var baseline = server.Samples[^1];

        var header = Encoding.ASCII.GetBytes("POST /discord/interactions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            $"X-Signature-Ed25519: {new string('0', 128)}\r\nX-Signature-Timestamp: 1700000000\r\nContent-Length: {1 << 20}\r\n\r\n{{");
        static string Mb(long bytes) => $"{bytes / 1e6:F0} MB";
        Console.WriteLine($"Server resident {Mb(baseline.WorkingSet)}, GC heap {Mb(baseline.GcHeap)} before");
        // Waves, as an attacker would repeat it: memory freed by one wave is reused, and touched, by the next.
        for (var wave = 1; wave <= Waves; wave++)
        {
            var clients = new List<TcpClient>(connections);
            foreach (var batch in Enumerable.Range(0, connections).Chunk(100))
                await Task.WhenAll(batch.Select(async _ =>
                {
                    var client = new TcpClient();
                    try
                    {
                        await client.ConnectAsync(address.Host, address.Port);
                        await client.GetStream().WriteAsync(header);
                        lock (clients) clients.Add(client);
                    }
                    catch (SocketException)
                    {
                        client.Dispose();
                    }
                }));
            var holdStart = server.Samples[^1].Seconds;
            await Task.Delay(Hold);
            var held = server.Samples.Where(s => s.Seconds >= holdStart).MaxBy(s => s.WorkingSet)!;
            foreach (var client in clients) client.Dispose();
            await Task.Delay(Hold);
            var after = server.Samples[^1];
            Console.WriteLine($"Wave {wave}: {clients.Count} connections each declaring 1 MiB and sending 1 byte ({clients.Count * (long)header.Length / 1e6:F2} MB sent); " +
                $"resident {Mb(held.WorkingSet)} peak while held, {Mb(after.WorkingSet)} {Hold.TotalSeconds:0} s after they closed; GC heap {Mb(held.GcHeap)} / {Mb(after.GcHeap)}");
        }
        Console.WriteLine($"Server log lines: {server.LogLineCount}");
        return 0;
    }
}
