using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Newsdesk.Http;

namespace Newsdesk.Tests.Hostile;

/// <summary>A connection that drops while its body is awaited is the client's failure, whichever way the read ends:
/// Kestrel may fail the read (an IOException) or cancel the request's token first.</summary>
public sealed class CappedRequestBodyTests
{
    [Fact]
    public async Task AReadCancelledBecauseTheConnectionDroppedIsARequestBodyReadFailure()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("{"u8.ToArray());
        using var aborted = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };
        context.Request.ContentLength = 1024 * 1024;
        context.Features.Set<IRequestBodyPipeFeature>(new BodyPipe(pipe.Reader));

        var reading = CappedRequestBody.ReadAsync(context.Request, 4 * 1024 * 1024, context.RequestAborted);
        await aborted.CancelAsync();

        var failure = await Assert.ThrowsAsync<RequestBodyReadException>(() => reading);
        Assert.Equal(StatusCodes.Status400BadRequest, failure.StatusCode);
    }

    private sealed class BodyPipe(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }
}
