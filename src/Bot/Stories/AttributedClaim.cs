namespace Newsdesk.Stories;

/// <summary>What a party says, argues, denies or promises, in the article's words, with the verb that attributes it.</summary>
public sealed record AttributedClaim(string Party, string Verb, CitedLine Line);
