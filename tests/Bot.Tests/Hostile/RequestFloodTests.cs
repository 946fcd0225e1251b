using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsdesk.Tests.Support;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Hostile;

/// <summary>Unauthenticated requests that declare a large body and send almost none of it, on the real server over
/// loopback. They cost the memory of what was sent, not of what was declared, and their failure is a counted Debug
/// line, not an Error with a stack trace. Memory is measured as bytes allocated by the whole process while the
/// connections came and went (so the collection runs alone), not by time.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class RequestFloodTests(ITestOutputHelper output)
{
    private const int Connections = 64;
    private const int Declared = 1 << 20;
    private static readonly string[] Endpoints = ["discord/interactions", "slack/events"];

    [Fact]
    public async Task ConnectionsDeclaringAMebibyteAndSendingOneByteCostWhatTheySent()
    {
        var logs = new CapturingLoggerProvider();
        await using var bot = await HostileBot.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        var meters = bot.App.Services.GetRequiredService<IMeterFactory>();
        using var active = new ServerInstrument(meters, "http.server.active_requests");
        using var failures = new ServerInstrument(meters, "newsdesk.server.request_read_failures");
        var port = bot.Http.BaseAddress!.Port;

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clients = new List<TcpClient>();
        foreach (var path in Enumerable.Repeat(Endpoints, Connections / 2).SelectMany(p => p))
        {
            var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /{path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                $"X-Signature-Ed25519: {new string('0', 128)}\r\nX-Signature-Timestamp: 1700000000\r\n" +
                $"X-Slack-Request-Timestamp: 1700000000\r\nX-Slack-Signature: v0={new string('0', 64)}\r\n" +
                $"Content-Length: {Declared}\r\n\r\n{{"));
            clients.Add(client);
        }
        // Every request has reached the application and is waiting for the rest of its body; then all hang up.
        await active.WaitUntilAsync(n => n == Connections, TimeSpan.FromSeconds(60));
        foreach (var client in clients) client.Dispose();
        await active.WaitUntilAsync(n => n == 0, TimeSpan.FromSeconds(60));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"{Connections} connections declaring {Declared} bytes and sending 1: {allocated / 1024.0 / 1024.0:0.0} MiB allocated by the process");
        // Declared-size arrays alone would be 64 MiB.
        Assert.True(allocated < Connections * (long)Declared / 8, $"{allocated} bytes allocated");
        await failures.WaitUntilAsync(n => n == Connections, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(logs.Lines, line => line.Rendered.StartsWith("Error", StringComparison.Ordinal) || line.Rendered.StartsWith("Critical", StringComparison.Ordinal));
        Assert.True(await bot.IsAliveAsync());
    }

    [Fact]
    public async Task ASlowBodyGets408AndACountedDebugLineNotAnError()
    {
        var logs = new CapturingLoggerProvider();
        await using var bot = await HostileBot.StartAsync(["--Server:MinRequestBodyGracePeriod=00:00:02", "--Logging:LogLevel:Newsdesk.Hosting=Debug"], s => s.AddSingleton<ILoggerProvider>(logs));
        using var failures = new ServerInstrument(bot.App.Services.GetRequiredService<IMeterFactory>(), "newsdesk.server.request_read_failures");

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", bot.Http.BaseAddress!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /discord/interactions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n{{"));
        // Nothing more is sent; Kestrel's minimum data rate ends the read after the grace period.
        var reply = new byte[4096];
        var read = await stream.ReadAsync(reply).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.StartsWith("HTTP/1.1 408", Encoding.ASCII.GetString(reply, 0, read), StringComparison.Ordinal);
        await failures.WaitUntilAsync(n => n == 1, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(logs.Lines, line => line.Rendered.StartsWith("Error", StringComparison.Ordinal) || line.Rendered.StartsWith("Warning Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Rendered.StartsWith("Debug Newsdesk.Hosting.RequestReadFailureMiddleware", StringComparison.Ordinal));
    }
}
