using Microsoft.SemanticKernel;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>Runs both composers through the Kernel, so its filters (logging, telemetry) see every answer whatever the
/// backend: the offline composer as a native Kernel function, the model through the <c>Answer</c> prompt.</summary>
public sealed class ComposerFunctions(Kernel kernel, PromptLibrary prompts, OfflineComposer offline)
{
    private readonly KernelFunction offlineFunction = KernelFunctionFactory.CreateFromMethod(
        (string question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics) =>
            offline.Compose(question, passages, statistics),
        functionName: "ComposeOffline",
        description: "Composes a cited answer from retrieved passages without a language model.");

    private readonly KernelFunction answerFunction = KernelFunctionFactory.CreateFromMethod(
        (QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics, FocusSimilarity similarity, bool isTopicUncertain) =>
            OfflineAnswerComposer.Compose(question, passages, statistics, similarity, isTopicUncertain),
        functionName: "AnswerOffline",
        description: "Answers a question from retrieved passages without a language model: answered, partly covered or not covered.");

    /// <summary>The offline answer to a question, through the Kernel.</summary>
    public async Task<Composition> AnswerOfflineAsync(QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics,
        FocusSimilarity similarity, bool isTopicUncertain, CancellationToken cancellationToken)
    {
        var arguments = new KernelArguments
        {
            ["question"] = question, ["passages"] = passages, ["statistics"] = statistics, ["similarity"] = similarity, ["isTopicUncertain"] = isTopicUncertain,
        };
        var result = await kernel.InvokeAsync(answerFunction, arguments, cancellationToken);
        return result.GetValue<Composition>()!;
    }

    /// <summary>The sentences that best summarise passages for a heading (the digest): no outcome decision.</summary>
    public async Task<Composition> ComposeOfflineAsync(string question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics, CancellationToken cancellationToken)
    {
        var arguments = new KernelArguments { ["question"] = question, ["passages"] = passages, ["statistics"] = statistics };
        var result = await kernel.InvokeAsync(offlineFunction, arguments, cancellationToken);
        return result.GetValue<Composition>()!;
    }

    /// <summary>The model's raw reply to the <c>Answer</c> prompt. Passages enter as a template variable, which
    /// Semantic Kernel encodes, so text inside them cannot open a new chat message.</summary>
    public async Task<string> ComposeWithModelAsync(string question, IReadOnlyList<string> earlierTurns, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken)
    {
        var fenced = string.Join("\n\n", passages.Select((p, i) => $"[{i + 1}] {Defuse(p.Passage.Title)}\n{Defuse(p.Passage.Text)}"));
        var arguments = new KernelArguments
        {
            ["question"] = Defuse(question),
            ["conversation"] = Defuse(string.Join("\n", earlierTurns)),
            ["passages"] = fenced,
        };
        var result = await kernel.InvokeAsync(prompts.Answer, arguments, cancellationToken);
        return result.GetValue<string>() ?? "";
    }

    /// <summary>The prompt fences data with "=== BEGIN … ===" lines; data must not be able to close its fence early
    /// (an article or question carrying "=== END PASSAGES ==="), so runs of '=' in data are broken up.</summary>
    private static string Defuse(string data) => data.Replace("===", "= = =", StringComparison.Ordinal);
}
