using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using SentenceTransformers;

namespace Newsdesk.Tests.Support;

/// <summary>One ONNX session per embedding model for the whole test process. Every test host (CLI or <c>serve</c>,
/// built in this process) gets an embedder over it instead of loading the model again: about a second and a third
/// of CPU a host, for some sixty hosts. The product keeps one model per host; only the registration differs, so the
/// vectors are the same (<see cref="PassageEmbedder.LoadModel"/> builds the session either way).</summary>
public static class SharedEmbeddingModel
{
    // Loaded on first use and held until the process ends: concurrent runs on one InferenceSession are supported.
    private static readonly Lazy<ISentenceEncoder> ArcticXs = new(() => PassageEmbedder.LoadModel("ArcticXs"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ISentenceEncoder> MiniLM = new(() => PassageEmbedder.LoadModel("MiniLM"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Replaces the host's own embedder with one over the shared session of the configured model (the
    /// embedding threads <c>serve</c> registers are kept).</summary>
    public static void Register(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            var model = provider.GetRequiredService<IOptions<CorpusOptions>>().Value.EmbeddingModel;
            return PassageEmbedder.Sharing(For(model), model, provider.GetService<EmbeddingThreads>());
        }));

    /// <summary>An embedder over the shared session of <paramref name="model"/>, for a test that embeds without a host:
    /// the same session settings as an embedder of its own (<see cref="PassageEmbedder.LoadModel"/>), so the same
    /// vectors, without the model's load (about a second and a half of CPU in the test process) for each one.</summary>
    public static PassageEmbedder Embedder(string model, EmbeddingThreads? threads = null) => PassageEmbedder.Sharing(For(model), model, threads);

    /// <summary><see cref="Register"/> followed by whatever else the test registers, for hosts that take one action.</summary>
    public static Action<IServiceCollection> With(Action<IServiceCollection>? services) => collection =>
    {
        Register(collection);
        services?.Invoke(collection);
    };

    private static Lazy<ISentenceEncoder> For(string model) => model switch
    {
        "ArcticXs" => ArcticXs,
        "MiniLM" => MiniLM,
        // An unknown name gets the product's own error from an embedder of its own.
        _ => new Lazy<ISentenceEncoder>(() => PassageEmbedder.LoadModel(model)),
    };
}
