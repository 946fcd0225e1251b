using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Retrieval;

public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    /// <summary>How many passages each ranker contributes to fusion.</summary>
    [Range(5, 500)]
    public int Candidates { get; set; } = 40;

    /// <summary>An index with more sentences than this keeps its float vectors in a file beside the store instead of in
    /// memory (<see cref="OnDiskSentences"/>), and only a first pass's codes in memory; rescoring reads the same
    /// floats, so the rankings are the same. 100,000 (about 150 MiB of floats, 2.4× today's corpus): at today's size,
    /// on an idle machine, reading the floats back raised the answer p99 from 47 to 56 ms for 62 MiB less resident
    /// memory and no lower peak (docs/performance.md), so a corpus this small keeps them in memory. 0 puts them on
    /// disk for every corpus.</summary>
    [Range(0, int.MaxValue)]
    public int DenseOnDiskAboveSentences { get; set; } = 100_000;

    /// <summary>Sentences the int8 first pass of dense search hands to exact rescoring; 0 (with the floats in memory)
    /// searches every sentence exactly. 400 found exact search's top 40 passages for every evaluation question at 1×,
    /// 10× and 100× the corpus (docs/performance.md, "Dense search at scale").</summary>
    [Range(0, 100_000)]
    public int DenseFirstPassSentences { get; set; } = 400;

    /// <summary>With the floats on disk, an index with more sentences than this codes them in one bit a component
    /// instead of a byte (<see cref="BinaryFirstPass"/>): at 100× the corpus the int8 codes would take 1.5 GiB and a
    /// scan of them far more than 50 ms. 500,000 (12× today's corpus) keeps the int8 codes under 200 MiB, and with
    /// them exact search's top 40; the binary pass keeps exact search's top 5.</summary>
    [Range(0, int.MaxValue)]
    public int DenseBinaryAboveSentences { get; set; } = 500_000;

    /// <summary>For the binary first pass: how many sentences closest by Hamming distance are re-ranked on their
    /// codes, and how many of those name the passages whose floats are read and scored exactly. 8,000 and 1,000 kept
    /// recall@5 at 100% against exact search at 1×, 10× and 100× the corpus and p99 under 50 ms at 100×.</summary>
    [Range(0, 1_000_000)]
    public int DenseShortlistSentences { get; set; } = 8_000;

    [Range(1, 100_000)]
    public int DenseRescoredSentences { get; set; } = 1_000;

    /// <summary>Threads reading and scoring candidates from the float file: reads that miss the page cache wait on
    /// the disk, which serves several at once about as fast as one.</summary>
    [Range(1, 64)]
    public int DenseRowReaders { get; set; } = 4;

    /// <summary>Where the float file is written; by default the SQLite database's folder (on PostgreSQL, the system's
    /// temporary folder). The file is removed when the process no longer needs it.</summary>
    public string? DenseRowFolder { get; set; }

    /// <summary>Reciprocal rank fusion's k: larger flattens the difference between ranks.</summary>
    [Range(1, 1000)]
    public int FusionK { get; set; } = 60;

    /// <summary>How many fused passages reach the composer.</summary>
    [Range(1, 20)]
    public int PassagesToCompose { get; set; } = 5;

    /// <summary>Coverage needs at least this share (IDF-weighted) of the question's terms in one retrieved passage and
    /// its title. Off (0) by default: on the evaluation set it cost more right answers to paraphrase than it saved
    /// declines.</summary>
    [Range(0.0, 1.0)]
    public double MinTermCoverage { get; set; }

    /// <summary>…and the best passage's cosine similarity to the question at least this…</summary>
    [Range(-1.0, 1.0)]
    public double MinCosine { get; set; } = 0.64;

    /// <summary>…and the best passage must stand this far above the average dense candidate. Fitted with
    /// <see cref="MinCosineWhenNamed"/> by the train verb on the evaluation's tuning part.</summary>
    [Range(-1.0, 1.0)]
    public double MinDenseMargin { get; set; } = 0.05;

    /// <summary>Below <see cref="MinDenseMargin"/> but at least this (with every other test passed), the topic is
    /// uncertain: the question may still be answered by a sentence that holds the asked fact, at the gate's stricter
    /// AnswerModel.UncertainTopicAnswerThreshold, but is never marked partly covered, since on-topic sentences of a
    /// story that may not be the one asked about are no reply. 0.02 is the value the decide verb chose on the tuning
    /// part (answerable 44 to 48 of 69 there, near misses kept); equal to MinDenseMargin, the band is empty (off).
    /// docs/answering-model.md has the readings of both parts.</summary>
    [Range(-1.0, 1.0)]
    public double MinDenseMarginToAnswer { get; set; } = 0.02;

    /// <summary>A second way to pass the similarity test: a passage holding this share of the question's terms, on
    /// which both rankers agree, with at least <see cref="MinCosineWhenTermsAgree"/>. Short questions in the
    /// corpus's own words ("what did the BPI say?") have modest cosines but unmistakable lexical evidence.</summary>
    [Range(0.0, 1.01)]
    public double MinTermCoverageToAgree { get; set; } = 0.8;

    [Range(-1.0, 1.0)]
    public double MinCosineWhenTermsAgree { get; set; } = 0.55;

    /// <summary>A question that names an entity ("AllofMP3", "mp3sparks") the retrieved passages hold passes at this
    /// similarity whatever the dense margin (CoverageJudge.Covers); the composer then decides whether the stories
    /// hold the asked fact. Fitted by the train verb: the strictest value at which the tuning part scores best
    /// (0.40 to 0.58 score alike; 0.59 and above lose).</summary>
    [Range(-1.0, 1.01)]
    public double MinCosineWhenNamed { get; set; } = 0.58;

    /// <summary>On PostgreSQL, rank terms with its full-text search (<c>ts_rank</c>) instead of BM25 in each replica's
    /// memory. Off: on the evaluation set full-text search lost lexical recall and was slower (docs/reliability.md).
    /// SQLite always ranks with FTS5's BM25.</summary>
    public bool ShouldRankTermsInPostgres { get; set; }

    /// <summary>How often <c>serve</c> asks the store whether another process (an <c>ingest</c>, another replica's feed
    /// poll) changed the corpus, and reloads the index if so: one cheap query (a count and a maximum), so a few
    /// seconds is both affordable and soon enough.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CorpusChangeCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
