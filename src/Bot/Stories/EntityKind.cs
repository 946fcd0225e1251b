namespace Newsdesk.Stories;

/// <summary>What sort of party a name is; decides what "he", "the firm" or a surname can refer back to.</summary>
public enum EntityKind
{
    Person,
    Organisation,
    Group,
}
