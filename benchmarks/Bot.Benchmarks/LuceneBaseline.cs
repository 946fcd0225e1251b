using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Newsdesk.Corpus;

namespace Newsdesk.Benchmarks;

/// <summary>A lexical-only baseline: Lucene.Net BM25 with its English analyzer over the same cleaned passages.</summary>
public sealed class LuceneBaseline : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly RAMDirectory directory = new();
    private readonly EnglishAnalyzer analyzer = new(Version);
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;

    public LuceneBaseline(IEnumerable<StoredPassage> passages)
    {
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (var passage in passages)
            {
                writer.AddDocument(new Document
                {
                    new StringField("source", passage.Source, Field.Store.YES),
                    new TextField("title", passage.Title, Field.Store.NO),
                    new TextField("body", passage.Text, Field.Store.NO),
                });
            }
        }
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Sources of the best-matching passages, best first, each source once.</summary>
    public IReadOnlyList<string> Search(string question, int documents)
    {
        var parser = new MultiFieldQueryParser(Version, ["title", "body"], analyzer) { DefaultOperator = Operator.OR };
        var query = parser.Parse(QueryParserBase.Escape(question));
        var hits = searcher.Search(query, documents * 10).ScoreDocs;
        return hits.Select(h => searcher.Doc(h.Doc).Get("source")).Distinct().Take(documents).ToList();
    }

    public void Dispose()
    {
        reader.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }
}
