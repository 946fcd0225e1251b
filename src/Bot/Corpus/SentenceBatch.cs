namespace Newsdesk.Corpus;

/// <summary>Sentences of about the same length, from any documents, embedded in one model call; each vector goes back
/// to the document and place it came from.</summary>
internal sealed record SentenceBatch(string[] Texts, (PendingDocument Document, int Sentence)[] Owners)
{
    public void Deliver(float[][] vectors)
    {
        for (var i = 0; i < Owners.Length; i++) Owners[i].Document.Deliver(Owners[i].Sentence, vectors[i]);
    }
}
