namespace Newsdesk.Stories;

/// <summary>How a mention stands in its sentence: only a <see cref="Plain"/> or <see cref="Reference"/> mention can be
/// the subject of a claim; a name inside a quotation, a place ("in the UK") or a modifier ("an employee of X") cannot.</summary>
public enum MentionRole
{
    Plain,
    Quoted,
    Place,
    OfModifier,
    Reference,
}
