using Newsdesk.Text;

namespace Newsdesk.Corpus;

/// <summary>Cuts a clean body into passages small enough to cite: whole sentences, never across a paragraph unless the
/// paragraph is too short to stand alone, at most <see cref="CorpusOptions.PassageWords"/> words each.</summary>
public sealed class PassageSplitter(int targetWords)
{
    public IReadOnlyList<string> Split(IReadOnlyList<string> paragraphs)
    {
        var passages = new List<string>();
        var current = new List<string>();
        var currentWords = 0;

        void Close()
        {
            if (current.Count > 0) passages.Add(string.Join(' ', current));
            current.Clear();
            currentWords = 0;
        }

        foreach (var paragraph in paragraphs)
        {
            foreach (var sentence in SentenceSplitter.Split(paragraph))
            {
                var words = CountWords(sentence);
                if (currentWords > 0 && currentWords + words > targetWords) Close();
                current.Add(sentence);
                currentWords += words;
            }
            // Paragraph ends are natural cut points once a passage has some substance.
            if (currentWords >= targetWords / 2) Close();
        }
        Close();
        return passages;
    }

    private static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
