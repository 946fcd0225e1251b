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
    private static readonly string[] CoreFolders = ["Chat", "Corpus", "Retrieval", "Answering", "Digest", "Text", "Beat"];
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

    private static string SourceRoot => Path.Combine(TestPaths.RepositoryRoot, "src", "Bot");

    private static void AssertNoReference(string folder, string[] forbiddenNamespaces)
    {
        var types = Bot.GetTypes().Where(t => t.Namespace == $"Newsdesk.{folder}");
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
