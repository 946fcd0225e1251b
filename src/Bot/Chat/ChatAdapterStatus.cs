using Microsoft.Extensions.DependencyInjection;

namespace Newsdesk.Chat;

/// <summary>Whether a platform adapter is on, and why: the one switch for an adapter. Each adapter registers one
/// when it is added, decided from its options; <c>serve</c> logs them, and the adapter maps its HTTP endpoints only
/// when <see cref="ServesHttp"/>.</summary>
public sealed record ChatAdapterStatus(string Platform, bool IsEnabled, string Reason)
{
    /// <summary>True when the adapter takes platform requests over HTTP (Slack may be on over Socket Mode alone).</summary>
    public bool ServesHttp { get; init; } = IsEnabled;

    /// <summary>The status the adapter for <paramref name="platform"/> registered; off when it registered none.</summary>
    public static ChatAdapterStatus Of(IServiceProvider services, string platform) =>
        services.GetServices<ChatAdapterStatus>().FirstOrDefault(s => s.Platform == platform) ?? new ChatAdapterStatus(platform, false, "not added");
}
