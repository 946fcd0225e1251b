using System.Net.Http.Headers;

namespace Newsdesk.Tests.Hostile;

/// <summary>Sends fuzz cases over real HTTP with bounded parallelism and collects every outcome.</summary>
public static class FuzzRunner
{
    public static async Task<IReadOnlyList<FuzzOutcome>> RunAsync(HttpClient http, IEnumerable<FuzzCase> cases, int parallelism)
    {
        using var slots = new SemaphoreSlim(parallelism);
        var running = new List<Task<FuzzOutcome>>();
        foreach (var item in cases)
        {
            await slots.WaitAsync();
            running.Add(SendAsync(http, item, slots));
        }
        return await Task.WhenAll(running);
    }

    private static async Task<FuzzOutcome> SendAsync(HttpClient http, FuzzCase item, SemaphoreSlim slots)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, item.Path)
            {
                Content = item.IsChunked ? new ChunkedContent(item.Body) : new ByteArrayContent(item.Body),
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(item.ContentType);
            foreach (var (name, value) in item.Headers) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(request);
            return new FuzzOutcome(item, (int)response.StatusCode, null);
        }
        catch (HttpRequestException exception)
        {
            return new FuzzOutcome(item, 0, exception.Message);
        }
        finally
        {
            slots.Release();
        }
    }
}
