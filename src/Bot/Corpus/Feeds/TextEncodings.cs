using System.Text;
using System.Text.RegularExpressions;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Bytes to text as the web writes it: the charset a page declares (HTTP header, then a meta tag), UTF-8 when
/// it validates, otherwise Windows-1252 (what browsers take "ISO-8859-1" and undeclared Western pages to mean).</summary>
public static partial class TextEncodings
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextEncodings()
    {
        // Windows-1252, Shift_JIS, GB2312, KOI8-R … are not built into .NET; registering the provider is idempotent.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>Runs the static constructor, which registers the code pages.</summary>
    public static void EnsureCodePages() => _ = Windows1252;

    /// <summary>An HTML page's text: byte-order mark, then the HTTP charset, then a meta charset in the first 1024
    /// bytes, then UTF-8 if the bytes are valid UTF-8, else Windows-1252.</summary>
    public static string DecodePage(byte[] body, string? httpCharset)
    {
        var preamble = Encoding.UTF8.Preamble;
        if (body.AsSpan().StartsWith(preamble)) return Encoding.UTF8.GetString(body, preamble.Length, body.Length - preamble.Length);
        var encoding = Named(httpCharset) ?? Named(MetaCharset(body));
        if (encoding is not null) return encoding.GetString(body);
        return IsValidUtf8(body) ? Encoding.UTF8.GetString(body) : Windows1252.GetString(body);
    }

    /// <summary>True when the bytes are not valid UTF-8 but would be, read as UTF-8 with stray single bytes.</summary>
    public static bool IsMixedUtf8(byte[] body) => !IsValidUtf8(body) && !body.AsSpan().StartsWith(Encoding.Unicode.Preamble);

    /// <summary>Valid UTF-8 sequences as UTF-8, every byte that is not part of one as Windows-1252.</summary>
    public static string DecodeMixedUtf8(byte[] body)
    {
        var text = new StringBuilder(body.Length);
        var span = body.AsSpan();
        while (!span.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done) text.Append(rune.ToString());
            else
            {
                text.Append(Windows1252.GetString(span[..1]));
                consumed = 1;
            }
            span = span[consumed..];
        }
        return text.ToString();
    }

    private static bool IsValidUtf8(byte[] body)
    {
        try
        {
            StrictUtf8.GetCharCount(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static Encoding? Named(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return null;
        var name = charset.Trim().Trim('"', '\'');
        // Browsers read ISO-8859-1 and US-ASCII as Windows-1252 (WHATWG Encoding), and so do the pages written for them.
        if (name.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            || name.Equals("latin1", StringComparison.OrdinalIgnoreCase)) return Windows1252;
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? MetaCharset(byte[] body)
    {
        var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 1024));
        var match = MetaCharsetPattern().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();
}
