using Microsoft.Extensions.Options;
using Newsdesk.Slack.WebApi;

namespace Newsdesk.Slack.Commands;

/// <summary>Who may set the bot up from Slack: the workspace's admins and owners (users.info), or the members of
/// <see cref="SlackOptions.AdminUserGroup"/>. Asked on every change, so a role taken away counts at once.</summary>
public sealed class SlackAdminCheck(SlackWebApiClient client, IOptions<SlackOptions> options)
{
    /// <summary>Null when allowed; else a private refusal that says which role is needed.</summary>
    public async Task<string?> RefuseUnlessAdminAsync(string? userId, string change, CancellationToken cancellationToken)
    {
        var group = options.Value.AdminUserGroup;
        var needed = "a workspace admin or owner" + (string.IsNullOrWhiteSpace(group) ? "" : $" or a member of the user group {group}");
        if (string.IsNullOrEmpty(userId)) return $"Only {needed} can {change}.";
        try
        {
            var user = await client.GetUserAsync(userId, cancellationToken);
            if (IsSet(user, "is_admin") || IsSet(user, "is_owner") || IsSet(user, "is_primary_owner")) return null;
            if (!string.IsNullOrWhiteSpace(group) && (await client.GetUserGroupMembersAsync(group, cancellationToken)).Contains(userId)) return null;
            return $"Only {needed} can {change}. Ask one of them.";
        }
        catch (SlackApiException exception)
        {
            // Most often a missing scope (users:read, usergroups:read): say so, rather than allow a change unchecked.
            return $"I could not check whether you may {change} (Slack said {exception.Message}). The app needs the users:read scope" +
                (string.IsNullOrWhiteSpace(group) ? "." : " and usergroups:read.");
        }
    }

    private static bool IsSet(System.Text.Json.JsonElement user, string flag) =>
        user.TryGetProperty(flag, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.True;
}
