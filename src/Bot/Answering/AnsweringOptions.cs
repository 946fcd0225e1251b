using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Answering;

public sealed class AnsweringOptions : IValidatableObject
{
    public const string Section = "Answering";

    /// <summary>Offline (default: no network, deterministic), OpenAI (any OpenAI-compatible endpoint: OpenAI, Ollama,
    /// vLLM) or AzureOpenAI.</summary>
    [Required, RegularExpression("^(Offline|OpenAI|AzureOpenAI)$")]
    public string Backend { get; set; } = "Offline";

    /// <summary>Where the prompt directories live; relative paths are taken from the program's folder, where the
    /// build copies <c>prompts/</c>.</summary>
    [Required]
    public string PromptsDirectory { get; set; } = "prompts";

    /// <summary>How long the language model may take before the offline composer answers instead.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 20;

    public LanguageModelOptions LanguageModel { get; set; } = new();

    /// <summary>Cores a first ask's focus scoring may spread its model call over (the focus phrase and the windows
    /// around the answer spans, cut into calls of about equal work, run at once; never more than the embedding
    /// threads or cores). 1 (the default) runs them on one core, as the answers of other chats may need the others.
    /// The vectors, and so the answers, are the same either way.</summary>
    [Range(1, 64)]
    public int FocusScoringCores { get; set; } = 1;

    /// <summary>How long the sentences a thread was answered with are kept (<see cref="ThreadAnswers"/>): as long as a
    /// Discord thread's turns are handed to a follow-up, so a follow-up never outlives what its thread was told.</summary>
    public TimeSpan ThreadAnswerMaxAge { get; set; } = TimeSpan.FromDays(7);

    public bool UsesLanguageModel => Backend != "Offline";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ThreadAnswerMaxAge < TimeSpan.FromMinutes(1) || ThreadAnswerMaxAge > TimeSpan.FromDays(90))
            yield return new ValidationResult("Answering:ThreadAnswerMaxAge must be between 1 minute and 90 days.");
        if (!UsesLanguageModel) yield break;
        if (string.IsNullOrWhiteSpace(LanguageModel.Model))
            yield return new ValidationResult($"Answering:Backend is {Backend}, so Answering:LanguageModel:Model (the model or deployment name) must be set.");
        if (Backend == "AzureOpenAI" && LanguageModel.Endpoint is null)
            yield return new ValidationResult("Answering:Backend is AzureOpenAI, so Answering:LanguageModel:Endpoint must be set.");
        if (Backend == "AzureOpenAI" && string.IsNullOrWhiteSpace(LanguageModel.ApiKey))
            yield return new ValidationResult("Answering:Backend is AzureOpenAI, so Answering__LanguageModel__ApiKey must be set in the environment or user secrets.");
    }
}

public sealed class LanguageModelOptions
{
    /// <summary>Base URL of an OpenAI-compatible API (e.g. http://localhost:11434/v1 for Ollama). Empty means OpenAI itself.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model id (OpenAI-compatible) or deployment name (Azure OpenAI).</summary>
    public string? Model { get; set; }

    /// <summary>Secret: from the environment (Answering__LanguageModel__ApiKey) or user secrets, never a committed file.</summary>
    public string? ApiKey { get; set; }
}
