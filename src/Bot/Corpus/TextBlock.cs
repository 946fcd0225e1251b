namespace Newsdesk.Corpus;

/// <summary>A paragraph-sized piece of a page before cleaning: a text paragraph, an HTML block element, a list item.</summary>
/// <param name="Text">The block's visible text, whitespace collapsed.</param>
/// <param name="LinkDensity">Share of the block's characters that sit inside links (0 for plain text).</param>
/// <param name="IsHeading">True for HTML/Markdown headings, which are title candidates but never body text.</param>
public sealed record TextBlock(string Text, double LinkDensity, bool IsHeading);
