using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Newsdesk.Tests.Fakes.Slack;

/// <summary>The server side of one Socket Mode connection: the test sends envelopes and reads the bot's acks.</summary>
public sealed class FakeSlackSocket(WebSocket socket, long openedAt, Func<long> clock) : IDisposable
{
    private readonly Channel<JsonNode> received = Channel.CreateUnbounded<JsonNode>();
    private readonly TaskCompletionSource<long> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim sending = new(1, 1);

    /// <summary>When the socket opened and closed, on the fake's own sequence, to check ordering.</summary>
    public long OpenedAt { get; } = openedAt;

    public Task<long> ClosedAt => closed.Task;

    public async Task SendAsync(JsonObject message)
    {
        await sending.WaitAsync();
        try { await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { sending.Release(); }
    }

    /// <summary>Closes the connection from Slack's side without a disconnect notice, as a dropped connection looks.</summary>
    public async Task CloseAsync()
    {
        await sending.WaitAsync();
        try { await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "gone", CancellationToken.None); }
        finally { sending.Release(); }
    }

    public async Task<JsonNode> ReceiveAsync(TimeSpan timeout) => await received.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    /// <summary>Reads until the bot closes the socket; the fake's request handler awaits this.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
                received.Writer.TryWrite(JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            closed.TrySetResult(clock());
        }
    }

    public void Dispose() => sending.Dispose();
}
