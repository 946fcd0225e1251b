using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Newsdesk.Answering;

/// <summary>Logs every Kernel function call (offline or model) with its duration; arguments are user text and
/// article text, so they are not logged.</summary>
public sealed class KernelLoggingFilter(ILogger<KernelLoggingFilter> logger) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
            logger.LogDebug("Kernel function {Plugin}.{Function} finished in {Elapsed} ms",
                context.Function.PluginName, context.Function.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception)
        {
            logger.LogWarning("Kernel function {Plugin}.{Function} failed after {Elapsed} ms: {Error}",
                context.Function.PluginName, context.Function.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }
}
