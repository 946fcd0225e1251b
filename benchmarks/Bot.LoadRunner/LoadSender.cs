using System.Diagnostics;
using System.Text.Json;

namespace Newsdesk.LoadRunner;

/// <summary>Sends one request and records its acknowledgement: status, time, and for Discord what the response
/// said (an inline answer or busy notice is that request's reply; a deferral promises an edit).</summary>
public sealed class LoadSender(HttpClient http)
{
    public async Task SendAsync(LoadRequest request)
    {
        request.SentAt = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request.Message);
            var body = await response.Content.ReadAsStringAsync();
            request.AckAt = Stopwatch.GetTimestamp();
            request.Status = (int)response.StatusCode;
            request.AckKind = !response.IsSuccessStatusCode ? $"http {request.Status}"
                : request.Platform == "Discord" ? ReadDiscord(request, body) : "ok";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            request.AckAt = Stopwatch.GetTimestamp();
            request.Status = 0;
            request.AckKind = exception.GetType().Name;
        }
    }

    private static string ReadDiscord(LoadRequest request, string body)
    {
        using var json = JsonDocument.Parse(body);
        var type = json.RootElement.GetProperty("type").GetInt32();
        if (type == 5) return "deferred";
        if (type != 4) return $"type {type}";
        var content = json.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("content", out var c) ? c.GetString() ?? "" : "";
        var isBusy = ReplyWatcher.IsDiscordBusy(content);
        request.AddReply(request.AckAt, isBusy ? ReplyKind.Busy : ReplyKind.Answer);
        return isBusy ? "busy" : "inline";
    }

    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        // One connection per request in flight, as the platforms open them; no pool limit to queue behind.
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    { Timeout = TimeSpan.FromSeconds(30) };
}
