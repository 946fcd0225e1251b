using Newsdesk.Chat;

namespace Newsdesk.Slack.Events;

/// <summary>What is stored with a claim when the event is a question: its turn in the thread (for follow-ups) and its
/// chat journal entry (so a crash before the reply loses nothing).</summary>
public sealed record SlackAcceptedQuestion(string Channel, string ThreadTs, string Ts, string Question, ChatJournalEntry Journal);
