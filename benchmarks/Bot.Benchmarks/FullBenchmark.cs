namespace Newsdesk.Benchmarks;

public static class FullBenchmark
{
    public static Task<int> RunAsync(BenchmarkOptions options) => Task.FromResult(0);
}
