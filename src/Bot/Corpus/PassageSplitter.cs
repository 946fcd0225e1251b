using System.Text;
using Newsdesk.Text;

namespace Newsdesk.Corpus;

/// <summary>Cuts a clean body into passages small enough to cite: whole sentences, never across a paragraph unless the
/// paragraph is too short to stand alone, at most <see cref="CorpusOptions.PassageWords"/> words each.</summary>
public sealed class PassageSplitter(int targetWords)
{
    public IReadOnlyList<SplitPassage> Split(IReadOnlyList<string> paragraphs)
    {
        var passages = new List<SplitPassage>();
        var text = new StringBuilder();
        var spans = new List<SentenceSpan>();
        var words = 0;

        void Close()
        {
            if (spans.Count > 0) passages.Add(new SplitPassage(text.ToString(), [.. spans]));
            text.Clear();
            spans.Clear();
            words = 0;
        }

        foreach (var paragraph in paragraphs)
        {
            foreach (var sentence in SentenceSplitter.Split(paragraph))
            {
                var count = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                if (words > 0 && words + count > targetWords) Close();
                if (text.Length > 0) text.Append(' ');
                spans.Add(new SentenceSpan(text.Length, sentence.Length));
                text.Append(sentence);
                words += count;
            }
            // Paragraph ends are natural cut points once a passage has some substance.
            if (words >= targetWords / 2) Close();
        }
        Close();
        return passages;
    }
}
