namespace Newsdesk.Chat.Intake;

/// <summary>The short fixed messages every adapter says the same way.</summary>
public static class ChatNotices
{
    public const string Busy = "I'm answering a lot of questions right now. Please try again in a moment.";

    public const string Failure = "Sorry, something went wrong while answering. Please try again in a moment.";
}
