using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Newsdesk.Answering;

/// <summary>The prompt functions under <c>prompts/</c>, loaded once in Semantic Kernel's prompt-directory format.</summary>
public sealed class PromptLibrary(Kernel kernel, IOptions<AnsweringOptions> options)
{
    public const string PluginName = "Newsdesk";

    private readonly Lazy<KernelPlugin> plugin = new(() =>
    {
        var directory = options.Value.PromptsDirectory;
        if (!Path.IsPathRooted(directory)) directory = Path.Combine(AppContext.BaseDirectory, directory);
        return kernel.CreatePluginFromPromptDirectory(directory, PluginName);
    });

    public KernelFunction Answer => plugin.Value["Answer"];

    public KernelFunction StoryBrief => plugin.Value["StoryBrief"];
}
