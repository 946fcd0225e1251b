namespace Newsdesk.Answering;

/// <summary>The line under an answer that says who wrote it, in words a reader understands: "offline" alone read
/// like a status, not like an author.</summary>
public static class AnswerAttribution
{
    public static string Describe(string backend) => backend == OfflineComposer.BackendName
        ? "Composed offline from the news I follow"
        : $"Answered by {backend} from the news I follow";
}
