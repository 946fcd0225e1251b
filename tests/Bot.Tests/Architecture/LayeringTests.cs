using System.Reflection;
using System.Text.RegularExpressions;
using Newsdesk.Chat;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Architecture;

/// <summary>The layering of DESIGN.md, enforced: the core does not know the platforms or the web stack, only
/// Answering knows Semantic Kernel, and the platform adapters do not know each other. Checked on the compiled types'
/// signatures and on the source text (which also catches uses inside method bodies).</summary>
public sealed class LayeringTests
{
    private static readonly string[] CoreFolders = ["Chat", "Corpus", "Retrieval", "Answering", "Digest", "Text", "Beat", "Stories"];
    private static readonly Assembly Bot = typeof(Answer).Assembly;

    public static TheoryData<string> CoreFolderNames() => new(CoreFolders);

    [Theory]
    [MemberData(nameof(CoreFolderNames))]
    public void CoreFolderReferencesNeitherPlatformsNorAspNetCore(string folder)
    {
        AssertNoReference(folder, ["Newsdesk.Discord", "Newsdesk.Slack", "Microsoft.AspNetCore"]);
        AssertSourceDoesNotMention(folder, @"\bNewsdesk\.(Discord|Slack)\b|\bMicrosoft\.AspNetCore\b|\bHttpContext\b|\bIResult\b|\bResults\.");
    }

    [Fact]
    public void OnlyAnsweringReferencesSemanticKernel()
    {
        foreach (var folder in Directory.GetDirectories(SourceRoot).Select(Path.GetFileName).Where(f => f is not ("Answering" or "bin" or "obj")))
        {
            AssertNoReference(folder!, ["Microsoft.SemanticKernel"]);
            AssertSourceDoesNotMention(folder!, @"\bMicrosoft\.SemanticKernel\b|\bKernel(Function|Arguments)\b");
        }
    }

    [Fact]
    public void DiscordAndSlackNeverReferenceEachOther()
    {
        AssertNoReference("Discord", ["Newsdesk.Slack"]);
        AssertNoReference("Slack", ["Newsdesk.Discord"]);
        AssertSourceDoesNotMention("Discord", @"\bNewsdesk\.Slack\b|\bSlack[A-Z]\w+");
        AssertSourceDoesNotMention("Slack", @"\bNewsdesk\.Discord\b|\bDiscord[A-Z]\w+");
    }

    /// <summary>The core's own direction: text and storage at the bottom, then the corpus, retrieval, answering and
    /// the digest; the conversation core (Chat) sees only storage. A reference against it is a cycle in the making.</summary>
    public static TheoryData<string, string[]> CoreDirection() => new()
    {
        { "Text", ["Newsdesk.Storage", "Newsdesk.Corpus", "Newsdesk.Retrieval", "Newsdesk.Answering", "Newsdesk.Digest", "Newsdesk.Chat"] },
        { "Storage", ["Newsdesk.Text", "Newsdesk.Corpus", "Newsdesk.Retrieval", "Newsdesk.Answering", "Newsdesk.Digest", "Newsdesk.Chat", "Newsdesk.Platform"] },
        { "Corpus", ["Newsdesk.Retrieval", "Newsdesk.Answering", "Newsdesk.Digest", "Newsdesk.Chat"] },
        { "Retrieval", ["Newsdesk.Corpus.Feeds", "Newsdesk.Answering", "Newsdesk.Digest", "Newsdesk.Chat"] },
        { "Answering", ["Newsdesk.Digest", "Newsdesk.Corpus.Feeds"] },
        { "Chat", ["Newsdesk.Corpus", "Newsdesk.Retrieval", "Newsdesk.Answering", "Newsdesk.Digest"] },
    };

    [Theory]
    [MemberData(nameof(CoreDirection))]
    public void CoreFoldersDependOnlyDownwards(string folder, string[] forbidden)
    {
        AssertNoReference(folder, forbidden);
        AssertSourceDoesNotMention(folder, string.Join("|", forbidden.Select(f => $@"\b{Regex.Escape(f)}\b")));
    }

    /// <summary>Every rule above names folders; a folder renamed or emptied would let its rules pass without
    /// checking anything, so each named folder must exist and hold types in its namespace.</summary>
    [Theory]
    [InlineData("Chat")]
    [InlineData("Chat/Intake")]
    [InlineData("Corpus")]
    [InlineData("Corpus/Feeds")]
    [InlineData("Retrieval")]
    [InlineData("Answering")]
    [InlineData("Digest")]
    [InlineData("Stories")]
    [InlineData("Text")]
    [InlineData("Storage")]
    [InlineData("Platform")]
    [InlineData("Discord")]
    [InlineData("Slack")]
    public void EveryFolderTheRulesNameExistsAndHoldsItsTypes(string folder)
    {
        var directory = Path.Combine(SourceRoot, folder);
        Assert.True(Directory.Exists(directory), $"src/Bot/{folder} is gone: a rule naming it would pass vacuously");
        Assert.NotEmpty(Directory.EnumerateFiles(directory, "*.cs"));
        Assert.NotEmpty(TypesIn(folder.Replace('/', '.')));
    }

    [Fact]
    public void NoFeatureFolderIsEmpty()
    {
        foreach (var directory in Directory.EnumerateDirectories(SourceRoot, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(SourceRoot, directory);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj" or "Properties") continue;
            Assert.True(Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).Any(), $"src/Bot/{relative} holds no code");
        }
    }

    private static string SourceRoot => Path.Combine(TestPaths.RepositoryRoot, "src", "Bot");

    private static void AssertNoReference(string folder, string[] forbiddenNamespaces)
    {
        var types = TypesIn(folder);
        foreach (var type in types)
        {
            foreach (var used in SignatureTypes(type))
            {
                var ns = used.Namespace ?? "";
                Assert.False(forbiddenNamespaces.Any(f => ns.StartsWith(f, StringComparison.Ordinal)),
                    $"{type.FullName} uses {used.FullName}");
            }
        }
    }

    /// <summary>The folder's types, its sub-folders' included (their namespaces follow the folders).</summary>
    internal static IEnumerable<Type> TypesIn(string folder) =>
        Bot.GetTypes().Where(t => t.Namespace == $"Newsdesk.{folder}" || t.Namespace?.StartsWith($"Newsdesk.{folder}.", StringComparison.Ordinal) == true);

    private static void AssertSourceDoesNotMention(string folder, string pattern)
    {
        var directory = Path.Combine(SourceRoot, folder);
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
        {
            var match = Regex.Match(File.ReadAllText(file), pattern);
            Assert.False(match.Success, $"{Path.GetRelativePath(SourceRoot, file)} mentions {match.Value}");
        }
    }

    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(all).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info) direct.Add(info.ReturnType);
        }
        return direct.OfType<Type>().SelectMany(Flatten);
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        if (type.HasElementType) foreach (var inner in Flatten(type.GetElementType()!)) yield return inner;
        if (type.IsGenericType) foreach (var argument in type.GetGenericArguments().SelectMany(Flatten)) yield return argument;
    }
}
