using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Corpus.Feeds;

/// <summary>The news feeds under <c>Corpus:Feeds</c> and how they are polled. Bound to the <c>Corpus</c> section beside
/// <see cref="CorpusOptions"/>, so a feed list sits with the corpus folders it adds to.</summary>
public sealed class FeedOptions : IValidatableObject
{
    public const string Section = "Corpus";

    /// <summary>RSS 2.0 or Atom feeds; only these URLs (and the article pages their items link to) are fetched.</summary>
    public List<FeedSource> Feeds { get; set; } = [];

    /// <summary>How often every feed is asked for news (with a conditional GET, so an unchanged feed costs a 304).</summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait after repeated failures of one feed (the backoff doubles up to this).</summary>
    public TimeSpan FeedMaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>One request's deadline, headers and body together.</summary>
    public TimeSpan FeedFetchTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest feed document read; a bigger one is a failure, not a partial read.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int FeedMaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest article page read; a bigger one falls back to the feed's own text for that item.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int ArticleMaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Items taken from one feed per poll (newest first); the rest wait for the next poll.</summary>
    [Range(1, 1000)]
    public int FeedMaxItemsPerPoll { get; set; } = 50;

    /// <summary>Fetch each item's article page and extract its main text; off means the feed's text is used.</summary>
    public bool FeedFetchArticles { get; set; } = true;

    /// <summary>Fetch through the system's proxy (HTTP_PROXY, HTTPS_PROXY). Off by default: the proxy, not the bot,
    /// would choose the address dialled, so each hop's host is then resolved and checked by the bot first, which a
    /// name that resolves differently for the proxy can still evade. Prefer a direct route where one exists.</summary>
    public bool FeedUseProxy { get; set; }

    /// <summary>Tests only: lets fetches reach loopback addresses (a feed server on 127.0.0.1). Private and
    /// link-local addresses stay forbidden either way.</summary>
    public bool FeedAllowLoopback { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Feeds.All(f => f.Url is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
            yield return new ValidationResult("Every Corpus:Feeds entry needs an absolute http or https Url.");
        if (FeedPollInterval < TimeSpan.FromSeconds(1) || FeedFetchTimeout <= TimeSpan.Zero)
            yield return new ValidationResult("Corpus:FeedPollInterval and Corpus:FeedFetchTimeout must be positive.");
    }
}
