using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Newsdesk.Chat;

/// <summary>The bounded queue between adapters, which acknowledge at once, and the workers that answer. When it is
/// full, <see cref="TryEnqueue"/> says so immediately and the adapter tells the user to try again.</summary>
public sealed class ChatInbox(IOptions<ChatOptions> options)
{
    private readonly Channel<ChatJob> channel = Channel.CreateBounded<ChatJob>(new BoundedChannelOptions(options.Value.InboxCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    public bool TryEnqueue(ChatJob job) => channel.Writer.TryWrite(job);

    public int Depth => channel.Reader.Count;

    public ChannelReader<ChatJob> Reader => channel.Reader;

    public void Complete() => channel.Writer.TryComplete();
}
