namespace Newsdesk.Discord;

/// <summary>Routes a verified interaction to its handler. Returns null when the payload is not one Discord would
/// send (no id, no token, no data), which the endpoint answers with 400.</summary>
public sealed class DiscordInteractionDispatcher(
    DiscordAskHandler ask,
    DiscordInfoCommands info,
    DiscordResponder responder,
    DiscordAutocompleteProvider autocomplete,
    DiscordFeedbackStore feedback)
{
    public const string Unknown = "I don't know that command. Try /ask, /sources, /about or /digest.";
    public const string Thanks = "Thanks for the feedback!";
    public const string UnknownAnswer = "Thanks! I no longer have that answer on file, so the feedback could not be recorded.";

    /// <param name="correlationId">The HTTP request's id, put on a queued question's job.</param>
    public async Task<DiscordEndpointReply?> DispatchAsync(DiscordInteraction interaction, string? correlationId, CancellationToken cancellationToken)
    {
        if (interaction.Type == DiscordInteraction.Ping) return new DiscordEndpointReply(new DiscordInteractionResponse(DiscordInteractionResponse.Pong));
        if (interaction is not { Id.Length: > 0, Token.Length: > 0, Data: { } data }) return null;
        var token = interaction.Token;
        return interaction.Type switch
        {
            DiscordInteraction.ApplicationCommand => data.Name switch
            {
                DiscordCommandCatalog.Ask => await ask.HandleAsync(interaction.Id, token, data, interaction.UserId, interaction.ChannelId, correlationId),
                DiscordCommandCatalog.Sources => await responder.RunAsync(token, false, ct => info.SourcesAsync(data.StringOption("topic"), ct)),
                DiscordCommandCatalog.About => await responder.RunAsync(token, false, info.AboutAsync),
                DiscordCommandCatalog.Digest => await responder.RunAsync(token, true, info.DigestPreviewAsync),
                _ => Say(Unknown),
            },
            DiscordInteraction.Autocomplete => await SuggestAsync(data, cancellationToken),
            DiscordInteraction.MessageComponent => DiscordFollowUpId.TryParse(data.CustomId, out var question)
                ? await ask.HandleAsync(interaction.Id, token, DiscordFollowUpId.AsAskData(question), interaction.UserId, interaction.ChannelId, correlationId)
                : await FeedbackAsync(interaction, data, cancellationToken),
            DiscordInteraction.ModalSubmit => Say(Unknown),
            _ => null,
        };
    }

    private async Task<DiscordEndpointReply> SuggestAsync(DiscordInteractionData data, CancellationToken cancellationToken)
    {
        var focused = data.Focused;
        IReadOnlyList<DiscordAutocompleteChoice> choices = data.Name == DiscordCommandCatalog.Ask && focused?.Name == "question"
            ? await autocomplete.SuggestAsync(focused.Value?.ToString(), cancellationToken)
            : [];
        return new DiscordEndpointReply(new DiscordInteractionResponse(DiscordInteractionResponse.AutocompleteResult, new DiscordAutocompleteData(choices)));
    }

    private async Task<DiscordEndpointReply?> FeedbackAsync(DiscordInteraction interaction, DiscordInteractionData data, CancellationToken cancellationToken)
    {
        if (!DiscordFeedbackId.TryParse(data.CustomId, out var key, out var isHelpful)) return Say(Unknown);
        if (interaction.UserId is not { Length: > 0 } user) return null;
        var isSaved = await feedback.SaveFeedbackAsync(key, user, isHelpful, cancellationToken);
        return Say(isSaved ? Thanks : UnknownAnswer);
    }

    private static DiscordEndpointReply Say(string text) =>
        new(DiscordInteractionResponse.Message(DiscordMessagePayload.Text(text, isEphemeral: true)));
}
