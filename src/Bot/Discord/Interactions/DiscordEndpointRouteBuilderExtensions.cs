using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Discord.Replies;

namespace Newsdesk.Discord.Interactions;

public static class DiscordEndpointRouteBuilderExtensions
{
    public const string InteractionsPath = "/discord/interactions";

    /// <summary>Maps the interactions endpoint only when the adapter is on; otherwise the path answers 404.</summary>
    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder endpoints)
    {
        if (!ChatAdapterStatus.Of(endpoints.ServiceProvider, DiscordInteractionResponder.Platform).ServesHttp) return endpoints;
        endpoints.MapPost(InteractionsPath, (HttpContext context, DiscordInteractionEndpoint endpoint) => endpoint.HandleAsync(context));
        return endpoints;
    }
}
